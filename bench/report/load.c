/*
 * load.c - read a run directory's CSV files (schema: bench/README.md,
 * "Files") into typed arrays; see run.h. Columns are found by name, so a
 * file with extra columns or another order still reads.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/roster.h"
#include "report/run.h"

const char *const stat_names[ST_COUNT] = {"n", "min", "p50", "p95", "p99", "max", "mean", "stddev"};

int parse_number(const char *s, double *v)
{
	char *end;

	/* Only decimal notation: strtod would also take "inf", "nan", "0x1p3". */
	if (!(isdigit((unsigned char)s[0]) || s[0] == '-' || s[0] == '+' || s[0] == '.'))
		return 0;
	if (strpbrk(s, "xXiInN"))
		return 0;
	*v = strtod(s, &end);
	return end != s && *end == '\0' && isfinite(*v);
}

/* Read DIR/NAME into t and check its columns. optional: a missing file is
 * no error (returns 1, t empty). */
static int read_table(struct csv_table *t, const struct rundir *r, const char *name,
		      const char *const *cols, int optional, const char *prog)
{
	char path[PATH_MAX + 32], label[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", r->dir, name);
	if (access(path, F_OK) != 0) {
		if (optional)
			return 1;
		fprintf(stderr, "%s: %s: no such file (is %s a run directory?)\n", prog, path,
			r->dir);
		return -1;
	}
	if (csv_read(path, t) != 0)
		return -1; /* csv_read said why, with the file and line */
	snprintf(label, sizeof(label), "%s: %s", prog, name);
	return csv_require(t, label, cols);
}

static int col(const struct csv_table *t, const char *name)
{
	return csv_column(t, name);
}

static int load_env(struct rundir *r)
{
	int k = col(&r->t_env, "key"), v = col(&r->t_env, "value");

	r->env = calloc((size_t)r->t_env.nrows + 1, sizeof(*r->env));
	if (r->env == NULL)
		return -1;
	for (int i = 0; i < r->t_env.nrows; i++) {
		r->env[r->nenv].key = csv_field(&r->t_env, i, k);
		r->env[r->nenv++].value = csv_field(&r->t_env, i, v);
	}
	return 0;
}

static int load_summary(struct rundir *r)
{
	const struct csv_table *t = &r->t_summary;
	int c[7], s[ST_COUNT];
	static const char *const ids[7] = {"experiment", "backend", "workload", "parameter",
					   "n_parallel", "metric",  "unit"};

	for (int i = 0; i < 7; i++)
		c[i] = col(t, ids[i]);
	for (int i = 0; i < ST_COUNT; i++)
		s[i] = col(t, stat_names[i]);
	r->rows = calloc((size_t)t->nrows + 1, sizeof(*r->rows));
	if (r->rows == NULL)
		return -1;
	for (int i = 0; i < t->nrows; i++) {
		struct sum_row *row = &r->rows[r->nrows++];
		double n;

		row->experiment = csv_field(t, i, c[0]);
		row->backend = csv_field(t, i, c[1]);
		row->workload = csv_field(t, i, c[2]);
		row->parameter = csv_field(t, i, c[3]);
		row->n_parallel = csv_field(t, i, c[4]);
		row->metric = csv_field(t, i, c[5]);
		row->unit = csv_field(t, i, c[6]);
		row->n = parse_number(row->n_parallel, &n) ? (int)n : 0;
		for (int j = 0; j < ST_COUNT; j++) {
			row->s[j] = csv_field(t, i, s[j]);
			if (!parse_number(row->s[j], &row->v[j]))
				row->v[j] = NAN;
		}
	}
	return 0;
}

static int load_facts(struct rundir *r)
{
	const struct csv_table *t = &r->t_facts;
	int b = col(t, "backend"), k = col(t, "key"), v = col(t, "value");

	r->facts = calloc((size_t)t->nrows + 1, sizeof(*r->facts));
	if (r->facts == NULL)
		return -1;
	for (int i = 0; i < t->nrows; i++) {
		r->facts[r->nfacts].backend = csv_field(t, i, b);
		r->facts[r->nfacts].key = csv_field(t, i, k);
		r->facts[r->nfacts++].value = csv_field(t, i, v);
	}
	return 0;
}

/* A failed sample is not written (bench/README.md), so an empty value is
 * only tolerated; anything else that is not a number means a damaged file
 * (two runs writing into one folder, a cut line), and a report from it
 * would be wrong: refused, with the line. */
static int load_samples(struct rundir *r, const char *prog)
{
	const struct csv_table *t = &r->t_samples;
	int e = col(t, "experiment"), b = col(t, "backend"), w = col(t, "workload"),
	    p = col(t, "parameter"), n = col(t, "n_parallel"), m = col(t, "metric"),
	    v = col(t, "value");

	r->samples = calloc((size_t)t->nrows + 1, sizeof(*r->samples));
	if (r->samples == NULL)
		return -1;
	for (int i = 0; i < t->nrows; i++) {
		struct sample *s = &r->samples[r->nsamples];
		double np;

		if (!parse_number(csv_field(t, i, v), &s->value)) {
			if (csv_field(t, i, v)[0] == '\0')
				continue;
			fprintf(stderr, "%s: %s/samples.csv:%d: value '%s' is not a number\n", prog,
				r->dir, i + 2, csv_field(t, i, v));
			return -2;
		}
		s->experiment = csv_field(t, i, e);
		s->backend = csv_field(t, i, b);
		s->workload = csv_field(t, i, w);
		s->parameter = csv_field(t, i, p);
		s->metric = csv_field(t, i, m);
		s->n = parse_number(csv_field(t, i, n), &np) ? (int)np : 0;
		r->nsamples++;
	}
	return 0;
}

static int load_phases(struct rundir *r)
{
	const struct csv_table *t = &r->t_phases;
	int e = col(t, "experiment"), b = col(t, "backend"), w = col(t, "workload"),
	    it = col(t, "iteration"), p = col(t, "phase"), ns = col(t, "ns");

	r->stamps = calloc((size_t)t->nrows + 1, sizeof(*r->stamps));
	if (r->stamps == NULL)
		return -1;
	for (int i = 0; i < t->nrows; i++) {
		struct stamp *s = &r->stamps[r->nstamps];

		if (strcmp(csv_field(t, i, e), "startup") != 0 ||
		    !parse_number(csv_field(t, i, ns), &s->ns))
			continue;
		s->backend = csv_field(t, i, b);
		s->workload = csv_field(t, i, w);
		s->iteration = csv_field(t, i, it);
		s->phase = csv_field(t, i, p);
		r->nstamps++;
	}
	return 0;
}

static const char *const env_cols[] = {"key", "value", NULL};

/* Start r empty, naming DIR. */
static int run_open(struct rundir *r, const char *dir, const char *prog)
{
	memset(r, 0, sizeof(*r));
	if ((size_t)snprintf(r->dir, sizeof(r->dir), "%s", dir) >= sizeof(r->dir)) {
		fprintf(stderr, "%s: path too long: %s\n", prog, dir);
		return -1;
	}
	/* Strip trailing slashes: the directory names the run in messages. */
	for (size_t n = strlen(r->dir); n > 1 && r->dir[n - 1] == '/'; n--)
		r->dir[n - 1] = '\0';
	return 0;
}

int run_load_env(struct rundir *r, const char *dir, const char *prog)
{
	if (run_open(r, dir, prog) != 0)
		return -1;
	if (read_table(&r->t_env, r, "env.csv", env_cols, 0, prog) < 0)
		goto fail;
	if (load_env(r) != 0) {
		fprintf(stderr, "%s: out of memory reading %s\n", prog, r->dir);
		goto fail;
	}
	return 0;
fail:
	run_free(r);
	return -1;
}

int run_load(struct rundir *r, const char *dir, const char *prog)
{
	static const char *const sum_cols[] = {"experiment", "backend", "workload", "parameter",
					       "n_parallel", "metric",	"unit",	    "n",
					       "min",	     "p50",	"p95",	    "p99",
					       "max",	     "mean",	"stddev",   NULL};
	static const char *const fact_cols[] = {"backend", "key", "value", NULL};
	static const char *const sample_cols[] = {
	    "experiment", "backend", "workload", "parameter", "n_parallel",
	    "iteration",  "metric",  "unit",	 "value",     NULL};
	static const char *const phase_cols[] = {"experiment", "backend", "workload", "iteration",
						 "phase",      "ns",	  NULL};
	int rc;

	if (run_open(r, dir, prog) != 0)
		return -1;
	if (read_table(&r->t_env, r, "env.csv", env_cols, 0, prog) < 0 ||
	    read_table(&r->t_summary, r, "summary.csv", sum_cols, 0, prog) < 0 ||
	    read_table(&r->t_facts, r, "facts.csv", fact_cols, 1, prog) < 0 ||
	    read_table(&r->t_samples, r, "samples.csv", sample_cols, 1, prog) < 0 ||
	    read_table(&r->t_phases, r, "phases.csv", phase_cols, 1, prog) < 0)
		goto fail;
	rc = load_samples(r, prog);
	if (rc == -2)
		goto fail;
	rc |= load_env(r) | load_summary(r) | load_facts(r) | load_phases(r);
	if (rc != 0) {
		fprintf(stderr, "%s: out of memory reading %s\n", prog, r->dir);
		goto fail;
	}
	roster_collect(r);
	return 0;
fail:
	run_free(r);
	return -1;
}

void run_free(struct rundir *r)
{
	csv_table_free(&r->t_env);
	csv_table_free(&r->t_summary);
	csv_table_free(&r->t_facts);
	csv_table_free(&r->t_samples);
	csv_table_free(&r->t_phases);
	free(r->env);
	free(r->rows);
	free(r->facts);
	free(r->samples);
	free(r->stamps);
	memset(r, 0, sizeof(*r));
}
