/*
 * minictr - run a command as PID 1 of a new container; a thin command over
 * the minictr library (runtime/lib). See `minictr --help`.
 */
#include <fcntl.h>
#include <stdio.h>

#include "internal.h"

int main(int argc, char **argv)
{
	struct mc_args args;

	if (mc_parse_args(argc, argv, &args) < 0)
		return 2;
	if (args.help) {
		mc_usage(stdout);
		return 0;
	}
	if (args.cfg.phases_fd >= 0 && fcntl(args.cfg.phases_fd, F_GETFD) < 0) {
		mc_err("--phases %d: not an open file descriptor", args.cfg.phases_fd);
		return 2;
	}
	return minictr_run(&args.cfg);
}
