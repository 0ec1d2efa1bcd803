/*
 * minivm - run a static x86-64 Linux program in a fresh KVM microVM.
 * A thin command over the minivm library (minivm/include/minivm.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minivm.h"
#include "linuxcmd.h" /* minivm/linux/: booting a Linux kernel */

static const char usage[] =
    "usage: minivm run [--mem MiB] [--timeout SEC] [--phases FD] [--kvm PATH]\n"
    "                  [--kernel PATH] PROGRAM [ARGS...]\n"
    "       minivm run --kernel LINUX-IMAGE [--initrd CPIO] ... [PROGRAM [ARGS...]]\n"
    "       minivm info [--kvm PATH]\n"
    "       minivm --help\n"
    "\n"
    "run: boot a fresh microVM on minivm's own guest kernel and run PROGRAM (a\n"
    "static x86-64 ELF) in it with ARGS; its output appears on our stdout and\n"
    "stderr; exit with its status.\n"
    "  --mem MiB      guest memory, 8 or more (default 32; odd sizes round up)\n"
    "  --timeout SEC  stop the VM after SEC seconds (exit status 124)\n"
    "  --phases FD    write start-up phase stamps to FD as \"name ns\" lines\n"
    "  --kvm PATH     KVM device (default: $MINIVM_KVM, else /dev/kvm)\n"
    "  --kernel PATH  guest kernel ELF instead of the built-in one\n"
    "run --kernel LINUX-IMAGE: boot a Linux kernel (bzImage or vmlinux) instead;\n"
    "  its options: minivm run --kernel LINUX-IMAGE --help (minivm/linux/README.md)\n"
    "info: KVM API version, flavour (vmx, svm, pvm or none), capabilities.\n"
    "\n"
    "Exit status: the program's own, or 120 no usable KVM, 121 guest crashed,\n"
    "124 timeout, 125 minivm error or usage, 126 PROGRAM not a loadable static\n"
    "ELF, 130 stopped by SIGINT/SIGTERM.\n";

static int bad_usage(const char *what, const char *arg)
{
	fprintf(stderr, "minivm: %s%s%s (see minivm --help)\n", what, arg ? ": " : "",
		arg ? arg : "");
	return MINIVM_EXIT_ERROR;
}

/* A whole number or decimal in [min, max]; -1 if not. */
static double parse_number(const char *s, double min, double max)
{
	char *end;

	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || v < min || v > max)
		return -1;
	return v;
}

enum { OPT_MEM = 1, OPT_TIMEOUT, OPT_PHASES, OPT_KVM, OPT_KERNEL, OPT_HELP };

static const struct option options[] = {
    {"mem", required_argument, NULL, OPT_MEM},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"phases", required_argument, NULL, OPT_PHASES},
    {"kvm", required_argument, NULL, OPT_KVM},
    {"kernel", required_argument, NULL, OPT_KERNEL},
    {"help", no_argument, NULL, OPT_HELP},
    {NULL, 0, NULL, 0},
};

static int parse_option(struct minivm_config *cfg, int opt, const char *arg)
{
	double v;

	switch (opt) {
	case OPT_MEM:
		if ((v = parse_number(arg, 1, 1 << 20)) < 0 || v != (double)(size_t)v)
			return bad_usage("--mem wants a number of MiB", arg);
		cfg->mem_mib = (size_t)v;
		return 0;
	case OPT_TIMEOUT:
		if ((v = parse_number(arg, 0.001, 1e7)) < 0)
			return bad_usage("--timeout wants seconds", arg);
		cfg->timeout_s = v;
		return 0;
	case OPT_PHASES:
		if ((v = parse_number(arg, 0, 1 << 20)) < 0 || v != (double)(int)v)
			return bad_usage("--phases wants a file descriptor number", arg);
		cfg->phases_fd = (int)v;
		return 0;
	case OPT_KVM:
		cfg->kvm_path = arg;
		return 0;
	case OPT_KERNEL:
		cfg->kernel_path = arg;
		return 0;
	default:
		return bad_usage("unknown option", NULL);
	}
}

int main(int argc, char **argv)
{
	struct minivm_config cfg;
	char *empty_env[] = {NULL};
	int opt;

	minivm_config_init(&cfg);
	if (argc < 2)
		return bad_usage("missing command", NULL);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	int is_run = strcmp(argv[1], "run") == 0;
	/* A Linux kernel to boot: minivm/linux/ parses the options from here. */
	if (is_run && linuxvm_wanted(argc, argv))
		return linuxvm_main(argc, argv);
	if (!is_run && strcmp(argv[1], "info") != 0)
		return bad_usage("unknown command", argv[1]);

	/* "+": stop at PROGRAM, so its own options stay its own. */
	optind = 2;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (opt == OPT_HELP || opt == 'h') {
			fputs(usage, stdout);
			return 0;
		}
		if (opt == '?')
			return bad_usage("unknown option or missing value", argv[optind - 1]);
		if (parse_option(&cfg, opt, optarg))
			return MINIVM_EXIT_ERROR;
	}
	if (!is_run) {
		if (optind != argc)
			return bad_usage("info takes no arguments", argv[optind]);
		return minivm_info_write(cfg.kvm_path, 1) == 0 ? 0 : MINIVM_EXIT_NOKVM;
	}
	if (optind >= argc)
		return bad_usage("missing PROGRAM", NULL);
	/* The stamps are written after the run: check the fd now, not then. */
	if (cfg.phases_fd >= 0 && fcntl(cfg.phases_fd, F_GETFD) < 0)
		return bad_usage("--phases: file descriptor not open", NULL);
	cfg.program = argv[optind];
	cfg.argc = argc - optind;
	cfg.argv = argv + optind;
	/* The program gets an empty environment: a VM shares nothing with
	 * the host by default. */
	cfg.envp = empty_env;
	return minivm_run(&cfg);
}
