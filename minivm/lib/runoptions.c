/*
 * runoptions.c - parse the options every `minivm run` has (--mem,
 * --timeout, --phases, --kvm, --kernel, --status-file); see runoptions.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minivm.h"
#include "runoptions.h"

/* The options every `minivm run` has, as getopt_long reads them. */
static const struct option shared_options[] = {
    {"mem", required_argument, NULL, RUN_OPT_MEM},
    {"timeout", required_argument, NULL, RUN_OPT_TIMEOUT},
    {"phases", required_argument, NULL, RUN_OPT_PHASES},
    {"kvm", required_argument, NULL, RUN_OPT_KVM},
    {"kernel", required_argument, NULL, RUN_OPT_KERNEL},
    {"status-file", required_argument, NULL, RUN_OPT_STATUS_FILE},
    {"help", no_argument, NULL, RUN_OPT_HELP},
};

/* Room for the shared options, a command's own and the zero entry. */
enum { MAX_OPTIONS = 32 };

/* The whole table for getopt_long: the shared options, then OWN's, then
 * the zero entry it ends with. 0, or -1 when they do not fit. */
static int all_options(const struct option *own, struct option *all)
{
	size_t n = sizeof(shared_options) / sizeof(shared_options[0]);

	memcpy(all, shared_options, sizeof(shared_options));
	for (; own->name; own++) {
		if (n + 1 >= MAX_OPTIONS)
			return -1;
		all[n++] = *own;
	}
	memset(&all[n], 0, sizeof(all[n]));
	return 0;
}

int run_options_usage(const struct run_options *ro, const char *what, const char *arg)
{
	fprintf(stderr, "minivm: %s%s%s (see %s)\n", what, arg ? ": " : "", arg ? arg : "",
		ro->help);
	return MINIVM_EXIT_ERROR;
}

/* A whole number or decimal in [min, max]; -1 if not. strtod also reads
 * "nan", "inf" and hexadecimal: the range test is written so that NaN,
 * which compares false with everything, fails it too ("v < min || v > max"
 * would let it through, and a NaN timeout once meant no timeout at all). */
static double parse_number(const char *s, double min, double max)
{
	char *end;

	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= min && v <= max))
		return -1;
	return v;
}

int run_options_parse(const struct run_options *ro, int opt, const char *arg)
{
	double v;

	switch (opt) {
	case RUN_OPT_MEM:
		if ((v = parse_number(arg, 1, 1 << 20)) < 0 || v != (double)(size_t)v)
			return run_options_usage(ro, "--mem wants a number of MiB", arg);
		*ro->mem_mib = (size_t)v;
		return 0;
	case RUN_OPT_TIMEOUT:
		if ((v = parse_number(arg, 0.001, 1e7)) < 0)
			return run_options_usage(ro, "--timeout wants seconds", arg);
		*ro->timeout_s = v;
		return 0;
	case RUN_OPT_PHASES:
		if ((v = parse_number(arg, 0, 1 << 20)) < 0 || v != (double)(int)v)
			return run_options_usage(ro, "--phases wants a file descriptor number",
						 arg);
		*ro->phases_fd = (int)v;
		return 0;
	case RUN_OPT_KVM:
		*ro->kvm_path = arg;
		return 0;
	case RUN_OPT_KERNEL:
		*ro->kernel = arg;
		return 0;
	case RUN_OPT_STATUS_FILE:
		*ro->status_file = arg;
		return 0;
	default:
		return run_options_usage(ro, "unknown option", NULL);
	}
}

int run_options_read(const struct run_options *ro, int argc, char **argv,
		     const struct option *own_options,
		     int (*own)(void *ctx, int opt, const char *arg), void *ctx)
{
	struct option options[MAX_OPTIONS];
	int opt;

	if (all_options(own_options, options) < 0)
		return run_options_usage(ro, "too many options in this build", NULL);

	optind = 2; /* after "run" or "info" */
	opterr = 0; /* our own message, with the help line */
	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		if (opt == RUN_OPT_HELP || opt == 'h') {
			fputs(ro->usage, stdout);
			return 0;
		}
		if (opt == '?')
			return run_options_usage(ro, "unknown option or missing value",
						 argv[optind - 1]);
		/* The shared options are numbered below RUN_OPT_HELP. */
		int rc =
		    opt < RUN_OPT_HELP ? run_options_parse(ro, opt, optarg) : own(ctx, opt, optarg);
		if (rc)
			return MINIVM_EXIT_ERROR;
	}
	return RUN_OPTIONS_READ;
}

int run_options_takes_value(const struct option *own_options, const char *arg)
{
	struct option options[MAX_OPTIONS];

	if (strncmp(arg, "--", 2) != 0 || all_options(own_options, options) < 0)
		return 0;
	for (const struct option *o = options; o->name; o++)
		if (strcmp(arg + 2, o->name) == 0)
			return o->has_arg == required_argument;
	return 0;
}
