/*
 * linuxcmd.c - `minivm run` when its --kernel is a Linux kernel: the
 * options of a Linux boot, parsed here so that the minivm command itself
 * only has to hand over (see linuxvm_wanted()).
 *
 *   minivm run --kernel IMAGE [--initrd CPIO] [--cmdline TEXT] [--append TEXT]
 *              [--console] [--force] [--mem MiB] [--timeout SEC] [--phases FD]
 *              [--kvm PATH] [--status-file PATH] [PROGRAM [ARGS...]]
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "kimage.h"
#include "linuxboot.h"
#include "linuxcmd.h"
#include "minivm.h"
#include "runoptions.h"
#include "statusfile.h"

static const char usage[] =
    "usage: minivm run --kernel IMAGE [--initrd CPIO] [--cmdline TEXT] [--append TEXT]\n"
    "                  [--console] [--force] [--mem MiB] [--timeout SEC] [--phases FD]\n"
    "                  [--kvm PATH] [--trace] [--status-file PATH] [PROGRAM [ARGS...]]\n"
    "\n"
    "Boot a Linux kernel (IMAGE: a bzImage, or an uncompressed vmlinux) in a fresh\n"
    "microVM. Its serial port (COM1) is our stdout; the initramfs's /init runs\n"
    "PROGRAM with ARGS (default /workload) and minivm exits with its status.\n"
    "  --initrd CPIO   the initramfs (build/mkinitramfs makes one)\n"
    "  --cmdline TEXT  kernel command line instead of minivm's defaults\n"
    "  --append TEXT   words added to the command line\n"
    "  --console       the kernel's console on the serial port too (console=ttyS0)\n"
    "  --force         boot even where a stock kernel cannot (a PVM host)\n"
    "  --mem MiB       guest memory (default 128, at most 3072)\n"
    "  --timeout SEC   stop the VM after SEC seconds (exit status 124)\n"
    "  --phases FD     write start-up phase stamps to FD as \"name ns\" lines\n"
    "  --kvm PATH      KVM device (default: $MINIVM_KVM, else /dev/kvm)\n"
    "  --trace         print each step on stderr as it happens, the first VM exit\n"
    "                  of each kind, and at the end a table of exits by kind\n"
    "  --status-file PATH  at the end, write PATH (atomically): \"status N\",\n"
    "                  \"by program\" or \"by minivm\", \"reason WORD\" (see below)\n"
    "\n"
    "Exit status: the program's own, or 120 no usable KVM, 121 guest crashed or\n"
    "rebooted without a status, 122 this host cannot boot a stock Linux kernel\n"
    "(PVM; see --force), 124 timeout, 125 minivm error or usage, 126 IMAGE not a\n"
    "Linux kernel, 130 stopped by SIGINT/SIGTERM. A program may exit with these\n"
    "numbers too: --status-file says which it was (reason nokvm, crash,\n"
    "unsupported, timeout, error, noexec or signal when minivm ended the run;\n"
    "exit when the program did).\n";

/* The shared options (runoptions.h), then those of a Linux boot. */
enum {
	OPT_INITRD = RUN_OPT_OWN,
	OPT_CMDLINE,
	OPT_APPEND,
	OPT_CONSOLE,
	OPT_FORCE,
	OPT_TRACE,
};

/* After the shared ones (runoptions.c). */
static const struct option own_options[] = {
    {"initrd", required_argument, NULL, OPT_INITRD},
    {"cmdline", required_argument, NULL, OPT_CMDLINE},
    {"append", required_argument, NULL, OPT_APPEND},
    {"console", no_argument, NULL, OPT_CONSOLE},
    {"force", no_argument, NULL, OPT_FORCE},
    {"trace", no_argument, NULL, OPT_TRACE},
    {NULL, 0, NULL, 0},
};

/* Options that only a Linux boot has. */
static int linux_only(const char *arg)
{
	static const char *const names[] = {"--initrd", "--cmdline", "--append", "--console",
					    "--force"};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = strlen(names[i]);

		if (strncmp(arg, names[i], n) == 0 && (arg[n] == '\0' || arg[n] == '='))
			return 1;
	}
	return 0;
}

int linuxvm_wanted(int argc, char **argv)
{
	int is_linux = 0;

	/* The options before PROGRAM, as getopt will see them. */
	for (int i = 2; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0; i++) {
		if (linux_only(argv[i]))
			return 1;
		if (strcmp(argv[i], "--kernel") == 0 && i + 1 < argc)
			is_linux = kimage_is_linux(argv[i + 1]);
		else if (strncmp(argv[i], "--kernel=", 9) == 0)
			is_linux = kimage_is_linux(argv[i] + 9);
		if (run_options_takes_value(own_options, argv[i]))
			i++;
	}
	return is_linux;
}

/* A Linux boot's own options (run_options_read). */
static int parse_option(void *linux_cfg, int opt, const char *arg)
{
	struct linuxvm_config *cfg = linux_cfg;

	switch (opt) {
	case OPT_INITRD:
		cfg->initrd = arg;
		return 0;
	case OPT_CMDLINE:
		cfg->cmdline = arg;
		return 0;
	case OPT_APPEND:
		cfg->append = arg;
		return 0;
	case OPT_CONSOLE:
		cfg->console = 1;
		return 0;
	case OPT_FORCE:
		cfg->force = 1;
		return 0;
	case OPT_TRACE:
		cfg->trace = 1;
		return 0;
	default:
		return MINIVM_EXIT_ERROR;
	}
}

/* linuxvm_run, as mv_status_file_run calls it. */
static int run(void *cfg)
{
	return linuxvm_run(cfg);
}

int linuxvm_main(int argc, char **argv)
{
	struct linuxvm_config cfg;
	struct minivm_stats stats;
	const char *status_file = NULL;
	const struct run_options ro = {
	    .mem_mib = &cfg.mem_mib,
	    .timeout_s = &cfg.timeout_s,
	    .phases_fd = &cfg.phases_fd,
	    .kvm_path = &cfg.kvm_path,
	    .kernel = &cfg.kernel,
	    .status_file = &status_file,
	    .help = "minivm run --kernel IMAGE --help",
	    .usage = usage,
	};
	int rc;

	linuxvm_config_init(&cfg);
	cfg.stats = &stats;
	if ((rc = run_options_read(&ro, argc, argv, own_options, parse_option, &cfg)) !=
	    RUN_OPTIONS_READ)
		return rc;
	if (!cfg.kernel)
		return run_options_usage(&ro, "a Linux boot needs --kernel IMAGE", NULL);
	cfg.argc = argc - optind;
	cfg.argv = argv + optind;
	return mv_status_file_run(status_file, run, &cfg, &stats);
}
