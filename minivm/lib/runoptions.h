/*
 * runoptions.h - the options that `minivm run` has whichever kernel it
 * boots: minivm's own guest (minivm/cmd/minivm.c) or a Linux kernel
 * (minivm/linux/linuxcmd.c). Both parse them here, so a value means the
 * same and is checked the same way on both paths.
 */
#ifndef MINIVM_LIB_RUNOPTIONS_H
#define MINIVM_LIB_RUNOPTIONS_H

#include <stddef.h>

/* getopt_long values of the shared options; a command's own options
 * are numbered from RUN_OPT_OWN up. */
enum {
	RUN_OPT_MEM = 1,
	RUN_OPT_TIMEOUT,
	RUN_OPT_PHASES,
	RUN_OPT_KVM,
	RUN_OPT_KERNEL,
	RUN_OPT_STATUS_FILE,
	RUN_OPT_HELP,
	RUN_OPT_OWN,
};

/* Where the parsed values go: the fields of the command's config. */
struct run_options {
	size_t *mem_mib;
	double *timeout_s;
	int *phases_fd;
	const char **kvm_path;
	const char **kernel;
	const char **status_file; /* --status-file PATH (statusfile.h) */
	const char *help;	  /* how to see the usage, e.g. "minivm --help" */
};

/* One line on stderr, "minivm: WHAT[: ARG] (see HELP)"; returns
 * MINIVM_EXIT_ERROR, the status of a usage error. */
int run_options_usage(const struct run_options *ro, const char *what, const char *arg);

/* Store the value of shared option OPT (a RUN_OPT_* below RUN_OPT_HELP).
 * Returns 0, or MINIVM_EXIT_ERROR after a line on stderr. */
int run_options_parse(const struct run_options *ro, int opt, const char *arg);

#endif
