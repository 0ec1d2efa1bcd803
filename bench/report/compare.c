/*
 * compare.c - `bench compare BASE NEW`: two runs compared by their ratios
 * to the plain process of the same run, for regression tracking.
 *
 * For each summary row of a backend other than the process, ratio = its
 * p50 / the process's p50 in the same run (same experiment, workload,
 * parameter, n_parallel, metric); change = new ratio / base ratio. A row
 * is WORSE when change > threshold AND the backend's new p50 exceeds what
 * the base ratio predicts by more than an absolute floor (1024 KiB,
 * 200 us, 100000 ns, 1 count): a ratio of two small, noisy figures may
 * double without anything having changed. Density rows are compared at
 * the largest N both runs reached only. Runs from different kinds of host
 * (hostkind.h) are not compared at all, unless asked.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/commands.h"
#include "report/format.h"
#include "report/hostkind.h"
#include "report/lookup.h"

/* Exit statuses (also in --help). */
enum { CMP_OK = 0, CMP_WORSE = 1, CMP_USAGE = 2, CMP_OTHER_HOST = 3 };

static void usage(FILE *f)
{
	fprintf(f,
		"usage: bench compare [--threshold X] [--stat p50|min|mean] [--all]\n"
		"                     [--other-host] BASE NEW\n"
		"\n"
		"Compare two benchmark runs, for regression tracking. BASE and NEW are run\n"
		"directories (env.csv and summary.csv in each). Every backend's p50 is divided\n"
		"by the plain process's p50 of the same run, and the two runs' ratios are\n"
		"compared: absolute times differ from machine to machine and day to day,\n"
		"ratios much less. Prints a table of changes per metric.\n"
		"\n"
		"  --threshold X  a ratio may grow X times before it is a regression (default\n"
		"                 2.0; it must also grow by more than a small absolute floor)\n"
		"  --stat S       the summary column compared for times: p50 (default), min\n"
		"                 (steadier when other work runs in bursts) or mean\n"
		"  --all          also the secondary metrics (lifetime, teardown, uss, rss, ...)\n"
		"  --other-host   compare runs from different kinds of host (CPU vendor or\n"
		"                 model, KVM flavour) anyway, with a warning\n"
		"\n"
		"Exit status: 0 no regression; 1 a ratio got WORSE; 2 bad input or command\n"
		"line; 3 BASE and NEW come from different kinds of host (nothing compared).\n");
}

struct entry {
	const char *experiment, *workload, *parameter, *n_parallel, *metric, *unit, *backend;
	int n;
	int has[2];
	double v[2];
};

struct table {
	struct entry *e;
	int n, cap;
	int maxn[2][RUN_MAX_BACKENDS]; /* density: largest N per backend */
	const char *names[RUN_MAX_BACKENDS];
	int nnames;
};

static int same_series(const struct entry *e, const struct sum_row *r)
{
	return strcmp(e->experiment, r->experiment) == 0 && strcmp(e->workload, r->workload) == 0 &&
	       strcmp(e->parameter, r->parameter) == 0 &&
	       strcmp(e->n_parallel, r->n_parallel) == 0 && strcmp(e->metric, r->metric) == 0;
}

static struct entry *entry_of(struct table *t, const struct sum_row *r, const char *backend)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->e[i].backend, backend) == 0 && same_series(&t->e[i], r))
			return &t->e[i];
	if (t->n == t->cap) {
		int cap = t->cap ? 2 * t->cap : 256;
		struct entry *e = realloc(t->e, (size_t)cap * sizeof(*e));

		if (e == NULL)
			return NULL;
		t->e = e;
		t->cap = cap;
	}
	t->e[t->n] = (struct entry){.experiment = r->experiment,
				    .workload = r->workload,
				    .parameter = r->parameter,
				    .n_parallel = r->n_parallel,
				    .metric = r->metric,
				    .unit = r->unit,
				    .backend = backend,
				    .n = r->n};
	return &t->e[t->n++];
}

static int name_index(struct table *t, const char *b)
{
	for (int i = 0; i < t->nnames; i++)
		if (strcmp(t->names[i], b) == 0)
			return i;
	if (t->nnames == RUN_MAX_BACKENDS)
		return -1;
	t->names[t->nnames] = b;
	return t->nnames++;
}

/* The headline figures; the others (lifetime, teardown, uss, rss, ...)
 * with --all. */
static int headline(const struct sum_row *r)
{
	static const char *const head[][2] = {
	    {"startup", "startup"},  {"memory", "pss"},	     {"memory", "cgroup"},
	    {"memory", "system"},    {"density", "startup"}, {"density", "system"},
	    {"overhead", "elapsed"},
	};

	for (size_t i = 0; i < sizeof(head) / sizeof(head[0]); i++)
		if (strcmp(r->experiment, head[i][0]) == 0 && strcmp(r->metric, head[i][1]) == 0)
			return 1;
	return 0;
}

static int add_run(struct table *t, const struct rundir *r, int which, enum stat st, int all)
{
	const char *quick = run_env(r, "quick");

	for (int i = 0; i < r->nrows; i++) {
		const struct sum_row *row = &r->rows[i];
		/* --stat min applies to times; memory figures always compare p50. */
		enum stat s = st == ST_MIN && strcmp(row->unit, "KiB") == 0 ? ST_P50 : st;
		struct entry *e;
		int b;

		if (!all && !headline(row))
			continue;
		/* A quick run reads MemAvailable over a batch of only a few
		 * instances: its per-instance "system" figure is noise of
		 * several MiB either way, so it is left out. */
		if (strcmp(row->experiment, "memory") == 0 && strcmp(row->metric, "system") == 0 &&
		    quick && strcmp(quick, "yes") == 0)
			continue;
		if (isnan(row->v[s]))
			continue;
		e = entry_of(t, row, row->backend);
		b = name_index(t, row->backend);
		if (e == NULL || b < 0)
			return -1;
		e->unit = row->unit;
		e->has[which] = 1;
		e->v[which] = row->v[s];
		if (strcmp(row->experiment, "density") == 0 && row->n > t->maxn[which][b])
			t->maxn[which][b] = row->n;
	}
	return 0;
}

static const struct entry *process_of(const struct table *t, const struct entry *e)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->e[i].backend, "process") == 0 &&
		    strcmp(t->e[i].experiment, e->experiment) == 0 &&
		    strcmp(t->e[i].workload, e->workload) == 0 &&
		    strcmp(t->e[i].parameter, e->parameter) == 0 &&
		    strcmp(t->e[i].n_parallel, e->n_parallel) == 0 &&
		    strcmp(t->e[i].metric, e->metric) == 0)
			return &t->e[i];
	return NULL;
}

/* Backend's value / the process's in run `which`; NAN when either is
 * missing or the process's is not positive. */
static double ratio(const struct entry *e, const struct entry *p, int which)
{
	if (!e->has[which] || p == NULL || !p->has[which] || p->v[which] <= 0)
		return NAN;
	return e->v[which] / p->v[which];
}

/* Below this much in absolute terms a grown ratio is noise. */
static double floor_of(const char *unit)
{
	if (strcmp(unit, "KiB") == 0)
		return 1024; /* MemAvailable moves by about a MiB on its own */
	if (strcmp(unit, "us") == 0)
		return 200;
	if (strcmp(unit, "ns") == 0)
		return 100000;
	if (strcmp(unit, "count") == 0)
		return 1;
	return 0;
}

static void header(const struct rundir *r, const char *label)
{
	const char *k[4] = {"host", "kvm_flavour", "quick", "git_commit"};
	const char *v[4];

	for (int i = 0; i < 4; i++)
		v[i] = run_env(r, k[i]) ? run_env(r, k[i]) : "";
	printf("%s %s (%s, kvm %s, quick %s, commit %.12s", label, r->dir, v[0], v[1], v[2], v[3]);
	/* Every start-up includes making a memory cgroup, whose cost grows
	 * with the cgroups made since boot (bench/host/cgprobe.c): when two
	 * runs differ there, their containers' start-ups do too. */
	if (run_env(r, "cgroup_mkdir_us"))
		printf(", memory cgroup made in %s us", run_env(r, "cgroup_mkdir_us"));
	printf(")\n");
}

static int compare_runs(const struct rundir *base, const struct rundir *cur, double threshold,
			enum stat st, int all)
{
	struct table t = {0};
	char only[20][400];
	int worse = 0, better = 0, same = 0, nonly = 0;
	const char *bh = run_env(base, "host");

	if (add_run(&t, base, 0, st, all) != 0 || add_run(&t, cur, 1, st, all) != 0) {
		fprintf(stderr, "compare: out of memory\n");
		free(t.e);
		return CMP_USAGE;
	}
	if (bh && strncmp(bh, "fixture", 7) == 0)
		printf(
		    "note: the base is a hand-made fixture, not a measurement: changes below say "
		    "little until a real baseline is committed\n");
	printf("threshold: a ratio to the process may grow %.2fx before it counts as a "
	       "regression\n\n",
	       threshold);
	printf("%-44s %-13s %11s %11s %8s  %s\n", "metric (experiment/workload/parameter/N/metric)",
	       "backend", "base ratio", "new ratio", "change", "status");
	for (int i = 0; i < t.n; i++) {
		const struct entry *e = &t.e[i], *p = process_of(&t, e);
		char label[256], a[FMT_LEN], b[FMT_LEN], c[FMT_LEN];
		double r1, r2, change, excess;
		const char *status;

		if (strcmp(e->backend, "process") == 0)
			continue;
		if (strcmp(e->experiment, "density") == 0) {
			int k = name_index(&t, e->backend);
			int nb = t.maxn[0][k] < t.maxn[1][k] ? t.maxn[0][k] : t.maxn[1][k];

			if (e->n != nb)
				continue;
		}
		r1 = ratio(e, p, 0);
		r2 = ratio(e, p, 1);
		snprintf(label, sizeof(label), "%s/%s/%s/%s/%s", e->experiment, e->workload,
			 e->parameter, e->n_parallel, e->metric);
		if (isnan(r1) || isnan(r2)) {
			if (nonly < 20)
				snprintf(only[nonly], sizeof(only[0]), "%s %s (%s)", label,
					 e->backend, isnan(r1) ? "not in base" : "not in new");
			nonly++;
			continue;
		}
		change = r2 / r1;
		excess = e->v[1] - r1 * p->v[1];
		if (change > threshold && excess > floor_of(e->unit)) {
			status = "WORSE";
			worse++;
		} else if (change < 1 / threshold) {
			status = "better";
			better++;
		} else {
			status = "ok";
			same++;
		}
		printf("%-44s %-13s %11s %11s %7sx  %s\n", label, e->backend, fmt_num(a, r1),
		       fmt_num(b, r2), fmt_num(c, change), status);
	}
	if (nonly > 0) {
		printf("\nnot compared (in one run only): %d\n", nonly);
		for (int i = 0; i < nonly && i < 20; i++)
			printf("  %s\n", only[i]);
		if (nonly > 20)
			printf("  ... and %d more\n", nonly - 20);
	}
	printf("\n%d compared: %d ok, %d better, %d worse\n", worse + better + same, same, better,
	       worse);
	if (worse + better + same == 0)
		printf("note: nothing in common to compare (different backends or experiments)\n");
	free(t.e);
	return worse > 0 ? CMP_WORSE : CMP_OK;
}

/* A threshold: digits with an optional fraction, above 1. */
static int parse_threshold(const char *s, double *v)
{
	size_t digits = strspn(s, "0123456789");

	if (digits == 0 ||
	    (s[digits] != '\0' && (s[digits] != '.' || strspn(s + digits + 1, "0123456789") == 0 ||
				   s[digits + 1 + strspn(s + digits + 1, "0123456789")] != '\0')))
		return -1;
	*v = strtod(s, NULL);
	return *v > 1 ? 0 : -1;
}

int compare_main(int argc, char **argv)
{
	static const struct option opts[] = {{"threshold", required_argument, NULL, 't'},
					     {"stat", required_argument, NULL, 's'},
					     {"all", no_argument, NULL, 'a'},
					     {"other-host", no_argument, NULL, 'o'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	double threshold = 2.0;
	enum stat st = ST_P50;
	int all = 0, other = 0, c, rc;
	struct rundir base, cur;
	char why[512];

	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return CMP_OK;
		} else if (c == 't' && parse_threshold(optarg, &threshold) != 0) {
			fprintf(stderr,
				"compare: --threshold must be a number above 1 (got '%s')\n",
				optarg);
			return CMP_USAGE;
		} else if (c == 's') {
			if (strcmp(optarg, "p50") == 0)
				st = ST_P50;
			else if (strcmp(optarg, "min") == 0)
				st = ST_MIN;
			else if (strcmp(optarg, "mean") == 0)
				st = ST_MEAN;
			else {
				fprintf(stderr,
					"compare: --stat must be p50, min or mean (got '%s')\n",
					optarg);
				return CMP_USAGE;
			}
		} else if (c == 'a') {
			all = 1;
		} else if (c == 'o') {
			other = 1;
		} else if (c != 't') {
			fprintf(stderr, "compare: unknown option (see --help)\n");
			return CMP_USAGE;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "compare: give two run directories, BASE and NEW (see --help)\n");
		return CMP_USAGE;
	}
	if (run_load(&base, argv[optind], "compare") != 0)
		return CMP_USAGE;
	if (run_load(&cur, argv[optind + 1], "compare") != 0) {
		run_free(&base);
		return CMP_USAGE;
	}
	header(&base, "base:");
	header(&cur, "new: ");
	if (host_kind_differs(&base, &cur, why, sizeof(why)) && !other) {
		fprintf(stderr,
			"compare: %s and %s come from different kinds of host (%s): their ratios "
			"are not comparable; use a baseline of this kind of host, or --other-host "
			"to compare anyway\n",
			base.dir, cur.dir, why);
		rc = CMP_OTHER_HOST;
	} else {
		if (why[0])
			printf(
			    "note: different kinds of host (%s): ratios are not comparable across "
			    "them\n",
			    why);
		rc = compare_runs(&base, &cur, threshold, st, all);
	}
	run_free(&base);
	run_free(&cur);
	return rc;
}
