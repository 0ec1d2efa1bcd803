/*
 * runoptions.h - the options that `minivm run` has whichever kernel it
 * boots: minivm's own guest (minivm/cmd/minivm.c) or a Linux kernel
 * (minivm/linux/linuxcmd.c). Both parse them here, so a value means the
 * same and is checked the same way on both paths.
 */
#ifndef MINIVM_LIB_RUNOPTIONS_H
#define MINIVM_LIB_RUNOPTIONS_H

#include <getopt.h>
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
	const char *usage;	  /* the whole usage, for --help */
};

/* run_options_read's answer when every option is read. */
enum { RUN_OPTIONS_READ = -1 };

/* One line on stderr, "minivm: WHAT[: ARG] (see HELP)"; returns
 * MINIVM_EXIT_ERROR, the status of a usage error. */
int run_options_usage(const struct run_options *ro, const char *what, const char *arg);

/* Store the value of shared option OPT (a RUN_OPT_* below RUN_OPT_HELP).
 * Returns 0, or MINIVM_EXIT_ERROR after a line on stderr. */
int run_options_parse(const struct run_options *ro, int opt, const char *arg);

/* Read the options of `minivm run` or `minivm info` (argv[2] on) with
 * getopt_long: the shared options, listed once in runoptions.c, and the
 * command's OWN_OPTIONS (ending with a zero entry), up to PROGRAM: "+" stops at the first word that
 * is not an option, so PROGRAM's own options stay its own. A shared option
 * goes to run_options_parse, a command's own (RUN_OPT_OWN and up) to
 * OWN(CTX, opt, arg), which returns 0 or MINIVM_EXIT_ERROR after a line on
 * stderr. Returns RUN_OPTIONS_READ when all are read (optind is then
 * PROGRAM's index), else the status to exit with: 0 after --help or -h
 * (the usage on stdout), MINIVM_EXIT_ERROR after a usage error. */
int run_options_read(const struct run_options *ro, int argc, char **argv,
		     const struct option *own_options,
		     int (*own)(void *ctx, int opt, const char *arg), void *ctx);

/* Does ARG, a word "--name" (without "=value"), take the next word as its
 * value, as a shared option or one of OWN_OPTIONS does? */
int run_options_takes_value(const struct option *own_options, const char *arg);

#endif
