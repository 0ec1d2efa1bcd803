/*
 * minictr - run a command as PID 1 of a new container; a thin command over
 * the minictr library (runtime/lib). See `minictr --help`.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int main(int argc, char **argv)
{
	struct mc_args args;
	char *rootfs = NULL;
	int status;

	/* No arguments at all: a person finding out what this is; the whole
	 * usage, on stderr, with the status of a bad command line. */
	if (argc < 2) {
		mc_usage(stderr);
		return 2;
	}
	if (mc_parse_args(argc, argv, &args) < 0)
		return 2;
	if (args.help) {
		mc_usage(stdout);
		return 0;
	}
	/* The library wants an absolute path; a person may type a relative
	 * one. */
	if (args.cfg.rootfs[0] != '/') {
		rootfs = realpath(args.cfg.rootfs, NULL);
		if (!rootfs) {
			mc_err("root file system %s: %s", args.cfg.rootfs, strerror(errno));
			return MINICTR_EXIT_ERROR;
		}
		args.cfg.rootfs = rootfs;
	}
	if (args.cfg.phases_fd >= 0 && fcntl(args.cfg.phases_fd, F_GETFD) < 0) {
		mc_err("--phases %d: not an open file descriptor", args.cfg.phases_fd);
		return 2;
	}
	status = minictr_run(&args.cfg);
	free(rootfs);
	return status;
}
