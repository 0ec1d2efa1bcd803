/*
 * baseline.c - `bench baseline-for RUN`: the committed baseline a run may
 * be compared with, the one measured on the same kind of host. Times from
 * one kind of host say nothing about another (an Intel PVM host makes a
 * microVM's system calls about 7x dearer than an AMD one), so each kind
 * has a folder of its own, results/baselines/<vendor>-<flavour>/, named
 * by host_kind() (hostkind.h), the rule `bench compare` judges hosts by.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/commands.h"
#include "report/hostkind.h"
#include "report/lookup.h"

/* Exit statuses (also in --help). */
enum { BASE_OK = 0, BASE_USAGE = 2, BASE_NONE = 3 };

static void usage(FILE *f)
{
	fprintf(f, "usage: bench baseline-for [--kind] [--baselines DIR] RUN\n"
		   "\n"
		   "Print the committed baseline of RUN's kind of host: DIR/<vendor>-<flavour>,\n"
		   "where <vendor> is amd or intel (RUN's env.csv cpu_vendor, else its\n"
		   "cpu_model) and <flavour> its kvm_flavour. `bench compare` only compares\n"
		   "runs of one kind of host: ratios do not travel between kinds.\n"
		   "\n"
		   "  --kind           print RUN's kind only (amd-pvm, intel-vmx, ...)\n"
		   "  --baselines DIR  the folder of baselines (default results/baselines,\n"
		   "                   relative to the current directory: the repository's root)\n"
		   "\n"
		   "Exit status: 0 printed; 2 bad input (no env.csv, no kvm_flavour, no DIR) or\n"
		   "command line; 3 no baseline of that kind is committed in DIR (or the CPU\n"
		   "vendor is neither AMD nor Intel), the reason on stderr.\n");
}

/* Is DIR/NAME a baseline: a run's env.csv and summary.csv, what `bench
 * compare` reads? */
static int is_baseline(const char *dir, const char *name)
{
	static const char *const files[] = {"env.csv", "summary.csv"};
	char path[PATH_MAX];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s/%s", dir, name, files[i]) >=
		    sizeof(path))
			return 0;
		if (access(path, R_OK) != 0)
			return 0;
	}
	return 1;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The kinds DIR holds a baseline of, in name order, "a b c" in buf ("none"
 * when there are none): for the message that says this kind is not one. */
static void committed_kinds(const char *dir, char *buf, size_t cap)
{
	char *names[64];
	size_t n = 0, len = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	snprintf(buf, cap, "none");
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && n < sizeof(names) / sizeof(names[0]))
		if (e->d_name[0] != '.' && is_baseline(dir, e->d_name) &&
		    (names[n] = strdup(e->d_name)) != NULL)
			n++;
	closedir(d);
	qsort(names, n, sizeof(names[0]), by_name);
	for (size_t i = 0; i < n; i++) {
		if (len < cap)
			len +=
			    (size_t)snprintf(buf + len, cap - len, "%s%s", i ? " " : "", names[i]);
		free(names[i]);
	}
}

/* RUN's kind into kind, or a one-line reason on stderr and the exit status. */
static int run_kind(const char *run, char *kind, size_t cap)
{
	struct rundir r;
	int rc = BASE_OK;

	if (run_load_env(&r, run, "baseline-for") != 0)
		return BASE_USAGE;
	switch (host_kind(&r, kind, cap)) {
	case HOST_KIND_OK:
		break;
	case HOST_KIND_NO_FLAVOUR:
		if (run_env(&r, "kvm_flavour") == NULL)
			fprintf(stderr, "baseline-for: %s/env.csv has no kvm_flavour\n", r.dir);
		else
			fprintf(stderr,
				"baseline-for: %s/env.csv: kvm_flavour '%s' is not a flavour's "
				"name\n",
				r.dir, run_env(&r, "kvm_flavour"));
		rc = BASE_USAGE;
		break;
	case HOST_KIND_NO_VENDOR:
		fprintf(stderr,
			"baseline-for: %s: CPU vendor not recognised (cpu_model '%s'): no "
			"baseline is of its kind\n",
			r.dir, run_env(&r, "cpu_model") ? run_env(&r, "cpu_model") : "");
		rc = BASE_NONE;
		break;
	}
	run_free(&r);
	return rc;
}

int baseline_for_main(int argc, char **argv)
{
	static const struct option opts[] = {{"kind", no_argument, NULL, 'k'},
					     {"baselines", required_argument, NULL, 'b'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	char dir[PATH_MAX] = "results/baselines", kind[160];
	int kind_only = 0, c, rc;
	DIR *d;

	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return BASE_OK;
		} else if (c == 'k') {
			kind_only = 1;
		} else if (c == 'b') {
			if ((size_t)snprintf(dir, sizeof(dir), "%s", optarg) >= sizeof(dir)) {
				fprintf(stderr, "baseline-for: path too long: %s\n", optarg);
				return BASE_USAGE;
			}
		} else {
			fprintf(stderr, "baseline-for: unknown option (see --help)\n");
			return BASE_USAGE;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "baseline-for: give one run directory (see --help)\n");
		return BASE_USAGE;
	}
	rc = run_kind(argv[optind], kind, sizeof(kind));
	if (rc != BASE_OK)
		return rc;
	if (kind_only) {
		printf("%s\n", kind);
		return BASE_OK;
	}
	/* The folder names the baseline in what is printed: no trailing '/'. */
	for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	d = opendir(dir);
	if (d == NULL) {
		fprintf(stderr,
			"baseline-for: opendir %s: %s (run from the repository's root, or give "
			"--baselines DIR)\n",
			dir, strerror(errno));
		return BASE_USAGE;
	}
	closedir(d);
	if (!is_baseline(dir, kind)) {
		char committed[512];

		committed_kinds(dir, committed, sizeof(committed));
		fprintf(stderr,
			"baseline-for: no baseline for this kind of host (%s) in %s/ (committed: "
			"%s)\n",
			kind, dir, committed);
		return BASE_NONE;
	}
	printf("%s/%s\n", dir, kind);
	return BASE_OK;
}
