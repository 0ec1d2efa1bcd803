/*
 * minivm - run a static x86-64 Linux program in a fresh KVM microVM.
 * A thin command over the minivm library (minivm/include/minivm.h).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#include "minivm.h"
#include "runoptions.h"
#include "statusfile.h"
#include "linuxcmd.h" /* minivm/linux/: booting a Linux kernel */

/* This command's own option, after the shared ones (runoptions.h). */
enum { RUN_OPT_TRACE = RUN_OPT_OWN };

static const char usage[] =
    "usage: minivm run [--mem MiB] [--timeout SEC] [--phases FD] [--kvm PATH]\n"
    "                  [--kernel PATH] [--trace] [--status-file PATH]\n"
    "                  PROGRAM [ARGS...]\n"
    "       minivm run --kernel LINUX-IMAGE [--initrd CPIO] ... [PROGRAM [ARGS...]]\n"
    "       minivm info [--kvm PATH]\n"
    "       minivm --help\n"
    "\n"
    "run: boot a fresh microVM on minivm's own guest kernel and run PROGRAM (a\n"
    "static x86-64 ELF) in it with ARGS; its output appears on our stdout and\n"
    "stderr; exit with its status.\n"
    "  --mem MiB      guest memory, 8 to 16384 (default 16; odd sizes round up)\n"
    "  --timeout SEC  stop the VM after SEC seconds (exit status 124)\n"
    "  --phases FD    write start-up phase stamps to FD as \"name ns\" lines\n"
    "  --kvm PATH     KVM device (default: $MINIVM_KVM, else /dev/kvm)\n"
    "  --kernel PATH  guest kernel ELF instead of the built-in one\n"
    "  --trace        print each step on stderr as it happens (time since start,\n"
    "                 +time since the step before): every KVM ioctl, every VM\n"
    "                 exit with its reason, then a table of exits by kind\n"
    "  --status-file PATH  at the end, write PATH (atomically): \"status N\",\n"
    "                 \"by program\" or \"by minivm\", \"reason WORD\" (see below)\n"
    "run --kernel LINUX-IMAGE: boot a Linux kernel (bzImage or vmlinux) instead;\n"
    "  its options: minivm run --kernel LINUX-IMAGE --help (minivm/linux/README.md)\n"
    "info: KVM API version, flavour (vmx, svm, pvm or none), capabilities.\n"
    "\n"
    "Exit status: the program's own, or 120 no usable KVM, 121 guest crashed,\n"
    "124 timeout, 125 minivm error or usage, 126 PROGRAM not a loadable static\n"
    "ELF, 130 stopped by SIGINT/SIGTERM; 2 when called with no arguments. A\n"
    "program may exit with these numbers too: --status-file says which it was\n"
    "(reason nokvm, crash, timeout, error, noexec or signal when minivm ended\n"
    "the run; exit when the program did).\n";

/* After the shared ones (runoptions.c). */
static const struct option own_options[] = {
    {"trace", no_argument, NULL, RUN_OPT_TRACE},
    {NULL, 0, NULL, 0},
};

/* This command's own options (run_options_read). */
static int parse_option(void *cfg, int opt, const char *arg)
{
	if (opt != RUN_OPT_TRACE)
		return MINIVM_EXIT_ERROR;
	((struct minivm_config *)cfg)->trace = 1;
	return 0;
}

/* minivm_run, as mv_status_file_run calls it. */
static int run(void *cfg)
{
	return minivm_run(cfg);
}

int main(int argc, char **argv)
{
	struct minivm_config cfg;
	struct minivm_stats stats;
	const char *status_file = NULL;
	const struct run_options ro = {
	    .mem_mib = &cfg.mem_mib,
	    .timeout_s = &cfg.timeout_s,
	    .phases_fd = &cfg.phases_fd,
	    .kvm_path = &cfg.kvm_path,
	    .kernel = &cfg.kernel_path,
	    .status_file = &status_file,
	    .help = "minivm --help",
	    .usage = usage,
	};
	char *empty_env[] = {NULL};
	int rc;

	minivm_config_init(&cfg);
	/* No arguments at all: a person finding out what this is; the whole
	 * usage, on stderr, exit 2 (as minictr, and as most commands do for
	 * a bare call). */
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
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
		return run_options_usage(&ro, "unknown command", argv[1]);

	if ((rc = run_options_read(&ro, argc, argv, own_options, parse_option, &cfg)) !=
	    RUN_OPTIONS_READ)
		return rc;
	if (!is_run) {
		if (optind != argc)
			return run_options_usage(&ro, "info takes no arguments", argv[optind]);
		if (status_file)
			return run_options_usage(&ro, "--status-file is an option of run", NULL);
		return minivm_info_write(cfg.kvm_path, 1) == 0 ? 0 : MINIVM_EXIT_NOKVM;
	}
	if (optind >= argc)
		return run_options_usage(&ro, "missing PROGRAM", NULL);
	/* The stamps are written after the run: check the fd now, not then. */
	if (cfg.phases_fd >= 0 && fcntl(cfg.phases_fd, F_GETFD) < 0)
		return run_options_usage(&ro, "--phases: file descriptor not open", NULL);
	cfg.program = argv[optind];
	cfg.argc = argc - optind;
	cfg.argv = argv + optind;
	/* The program gets an empty environment: a VM shares nothing with
	 * the host by default. */
	cfg.envp = empty_env;
	/* The run's stats only for --status-file ("by program" or "by
	 * minivm"): filling them also counts the guest's touched pages
	 * (mincore over all of guest memory, about 40 us per run on a 2-core
	 * AMD EPYC PVM VM, 2026-12-02), which this command never prints. */
	cfg.stats = status_file ? &stats : NULL;
	return mv_status_file_run(status_file, run, &cfg, &stats);
}
