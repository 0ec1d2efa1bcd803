/*
 * args.c - the `minictr` command line, parsed into a minictr_config. Pure
 * (no system calls), so the unit tests can check every case.
 *
 *   minictr run --rootfs DIR [options] -- CMD [ARGS...]
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void mc_usage(FILE *out)
{
	fprintf(
	    out,
	    "usage: minictr run --rootfs DIR [options] [--] CMD [ARGS...]\n"
	    "Run CMD (an absolute path inside DIR) as PID 1 of a new container: new pid,\n"
	    "mount, uts, ipc, net and cgroup namespaces (and user when not root), DIR as a\n"
	    "read-only root, a cgroup with the limits below, few capabilities, seccomp.\n"
	    "Exits with CMD's status (128+N when killed by signal N).\n"
	    "\n"
	    "options:\n"
	    "  --rootfs DIR     root file system directory (its proc/ dev/ tmp/ made if missing)\n"
	    "  --mem MIB        memory limit in MiB, kernel memory included\n"
	    "  --pids N         at most N processes in the container\n"
	    "  --hostname NAME  hostname inside (default: minictr)\n"
	    "  --timeout SEC    kill the container after SEC seconds and exit 124\n"
	    "  --phases FD      write phase stamps (\"name ns\", CLOCK_MONOTONIC) on FD\n"
	    "  --userns         also a user namespace (always when not run as root)\n"
	    "  --netns PATH     join this network namespace instead of making one\n"
	    "  --name NAME      name of the container's cgroup (default: minictr-PID)\n"
	    "  --parallel       make the network, IPC and UTS namespaces in a helper task\n"
	    "                   during the mounts (faster only with an idle second CPU)\n"
	    "  --best-effort    run even where --mem, --pids or the device allow-list cannot\n"
	    "                   be applied (a warning each); without it minictr refuses (122)\n"
	    "  --trace          print each step on stderr as it happens, from both sides of\n"
	    "                   the clone (time since start, +time since the step before)\n"
	    "  --quiet          no warnings\n"
	    "  --help           this text\n"
	    "\n"
	    "exit status: CMD's own; 2 bad command line; 122 a limit or the device\n"
	    "allow-list cannot be applied, or the cgroup name is taken (nothing ran);\n"
	    "124 timeout; 125 minictr failed;\n"
	    "126 CMD not executable; 127 CMD not found; 128+N killed by signal N (137 also\n"
	    "when the OOM killer did, with a message); 130/143/129 minictr got\n"
	    "SIGINT/SIGTERM/SIGHUP.\n");
}

static int parse_u64(const char *opt, const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s || *s == '-' || *s == '+') {
		mc_err("%s: expected a positive whole number, got \"%s\"", opt, s ? s : "");
		return -1;
	}
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v == 0 || v > max) {
		mc_err("%s: expected a whole number from 1 to %llu, got \"%s\"", opt,
		       (unsigned long long)max, s);
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_seconds(const char *opt, const char *s, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = s && *s ? strtod(s, &end) : 0;
	if (!s || !*s || errno || *end || !(v > 0) || v > 1e7) {
		mc_err("%s: expected a number of seconds > 0, got \"%s\"", opt, s ? s : "");
		return -1;
	}
	*out = v;
	return 0;
}

static int parse_fd(const char *opt, const char *s, int *out)
{
	uint64_t v;

	if (s && !strcmp(s, "0")) {
		*out = 0;
		return 0;
	}
	if (parse_u64(opt, s, 1 << 20, &v) < 0)
		return -1;
	*out = (int)v;
	return 0;
}

/* "--opt VALUE" or "--opt=VALUE": the value, or NULL (with a message). */
static const char *value_of(int argc, char **argv, int *i, const char *opt)
{
	const char *arg = argv[*i];
	size_t len = strlen(opt);

	if (arg[len] == '=')
		return arg + len + 1;
	if (*i + 1 >= argc) {
		mc_err("%s needs a value", opt);
		return NULL;
	}
	return argv[++*i];
}

static int is_opt(const char *arg, const char *opt)
{
	size_t len = strlen(opt);

	return !strncmp(arg, opt, len) && (arg[len] == '\0' || arg[len] == '=');
}

static int parse_option(int argc, char **argv, int *i, struct mc_args *out)
{
	struct minictr_config *cfg = &out->cfg;
	const char *arg = argv[*i], *v;
	uint64_t n;

	if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
		out->help = 1;
		return 0;
	}
	if (!strcmp(arg, "--userns")) {
		cfg->userns = 1;
		return 0;
	}
	if (!strcmp(arg, "--quiet")) {
		cfg->quiet = 1;
		return 0;
	}
	if (!strcmp(arg, "--parallel")) {
		cfg->parallel = 1;
		return 0;
	}
	if (!strcmp(arg, "--best-effort")) {
		cfg->best_effort = 1;
		return 0;
	}
	if (!strcmp(arg, "--trace")) {
		cfg->trace = 1;
		return 0;
	}
	if (is_opt(arg, "--rootfs")) {
		v = value_of(argc, argv, i, "--rootfs");
		if (v && !*v) {
			mc_err("--rootfs: empty path");
			return -1;
		}
		cfg->rootfs = v;
		return v ? 0 : -1;
	}
	if (is_opt(arg, "--hostname")) {
		v = value_of(argc, argv, i, "--hostname");
		if (v && (!*v || strlen(v) > 64)) {
			mc_err("--hostname: 1 to 64 characters, got \"%s\"", v);
			return -1;
		}
		cfg->hostname = v;
		return v ? 0 : -1;
	}
	if (is_opt(arg, "--netns")) {
		cfg->netns_path = value_of(argc, argv, i, "--netns");
		return cfg->netns_path ? 0 : -1;
	}
	if (is_opt(arg, "--name")) {
		v = value_of(argc, argv, i, "--name");
		if (v && (!*v || strlen(v) > 48 || strchr(v, '/') || v[0] == '.')) {
			mc_err("--name: 1 to 48 characters, no '/', not starting with '.'");
			return -1;
		}
		cfg->cgroup_name = v;
		return v ? 0 : -1;
	}
	if (is_opt(arg, "--mem")) {
		v = value_of(argc, argv, i, "--mem");
		if (!v || parse_u64("--mem", v, 1ull << 30, &n) < 0)
			return -1;
		cfg->mem_bytes = n << 20;
		return 0;
	}
	if (is_opt(arg, "--pids")) {
		v = value_of(argc, argv, i, "--pids");
		if (!v || parse_u64("--pids", v, 1u << 22, &n) < 0)
			return -1;
		cfg->pids_max = n;
		return 0;
	}
	if (is_opt(arg, "--timeout")) {
		v = value_of(argc, argv, i, "--timeout");
		return v ? parse_seconds("--timeout", v, &cfg->timeout_s) : -1;
	}
	if (is_opt(arg, "--phases")) {
		v = value_of(argc, argv, i, "--phases");
		return v ? parse_fd("--phases", v, &cfg->phases_fd) : -1;
	}
	mc_err("unknown option %s (try: minictr --help)", arg);
	return -1;
}

/* Returns 0 (out->help set when --help was asked), or -1 after one line. */
int mc_parse_args(int argc, char **argv, struct mc_args *out)
{
	int i;

	memset(out, 0, sizeof(*out));
	minictr_config_init(&out->cfg);
	if (argc < 2) {
		mc_err("missing command (try: minictr --help)");
		return -1;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		out->help = 1;
		return 0;
	}
	if (strcmp(argv[1], "run") != 0) {
		mc_err("unknown command \"%s\" (try: minictr --help)", argv[1]);
		return -1;
	}
	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (argv[i][0] != '-')
			break;
		if (parse_option(argc, argv, &i, out) < 0)
			return -1;
		if (out->help)
			return 0;
	}
	if (!out->cfg.rootfs) {
		mc_err("--rootfs DIR is required (try: minictr --help)");
		return -1;
	}
	if (i >= argc) {
		mc_err("missing CMD to run (try: minictr --help)");
		return -1;
	}
	out->cfg.argv = argv + i;
	return 0;
}
