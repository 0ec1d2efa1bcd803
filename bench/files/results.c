/* results.c - the run's CSV files (see results.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "measure/stats.h"
#include "results.h"

struct series {
	char experiment[16], backend[32], workload[16], parameter[16], metric[16], unit[8];
	int n_parallel;
	double *v;
	size_t n, cap;
};

static struct series *series;
static size_t n_series, cap_series;
static struct csv samples_csv, phases_csv, facts_csv;

struct env_pair {
	char key[48];
	char value[256];
};
static struct env_pair env[96];
static int n_env;

void format_number(char *buf, size_t cap, double v)
{
	if (v == (double)(long long)v && v < 1e15 && v > -1e15)
		snprintf(buf, cap, "%lld", (long long)v);
	else
		snprintf(buf, cap, "%.3f", v);
}

int results_open(const char *dir)
{
	if (csv_open(&samples_csv, dir, "samples.csv", CSV_SAMPLES, 0) != 0 ||
	    csv_open(&phases_csv, dir, "phases.csv", CSV_PHASES, 0) != 0 ||
	    csv_open(&facts_csv, dir, "facts.csv", CSV_FACTS, 0) != 0)
		return -1;
	return 0;
}

void results_close(void)
{
	csv_close(&samples_csv);
	csv_close(&phases_csv);
	csv_close(&facts_csv);
	for (size_t i = 0; i < n_series; i++)
		free(series[i].v);
	free(series);
	series = NULL;
	n_series = cap_series = 0;
}

static struct series *find_series(const char *e, const char *b, const char *w, const char *p,
				  int np, const char *m, const char *u)
{
	struct series *s;

	for (size_t i = 0; i < n_series; i++) {
		s = &series[i];
		if (s->n_parallel == np && !strcmp(s->experiment, e) && !strcmp(s->backend, b) &&
		    !strcmp(s->workload, w) && !strcmp(s->parameter, p) && !strcmp(s->metric, m))
			return s;
	}
	if (n_series == cap_series) {
		size_t cap = cap_series ? 2 * cap_series : 64;
		struct series *grown = realloc(series, cap * sizeof(*grown));

		if (grown == NULL)
			return NULL;
		series = grown;
		cap_series = cap;
	}
	s = &series[n_series++];
	memset(s, 0, sizeof(*s));
	snprintf(s->experiment, sizeof(s->experiment), "%s", e);
	snprintf(s->backend, sizeof(s->backend), "%s", b);
	snprintf(s->workload, sizeof(s->workload), "%s", w);
	snprintf(s->parameter, sizeof(s->parameter), "%s", p);
	snprintf(s->metric, sizeof(s->metric), "%s", m);
	snprintf(s->unit, sizeof(s->unit), "%s", u);
	s->n_parallel = np;
	return s;
}

void record(const char *experiment, const char *backend, const char *workload,
	    const char *parameter, int n_parallel, int iteration, const char *metric,
	    const char *unit, double value)
{
	char np[16], it[16], val[48];
	const char *row[] = {experiment, backend, workload, parameter, np, it, metric, unit, val};
	struct series *s =
	    find_series(experiment, backend, workload, parameter, n_parallel, metric, unit);

	snprintf(np, sizeof(np), "%d", n_parallel);
	snprintf(it, sizeof(it), "%d", iteration);
	format_number(val, sizeof(val), value);
	csv_row(&samples_csv, row, 9);
	if (s == NULL)
		return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 32;
		double *grown = realloc(s->v, cap * sizeof(*grown));

		if (grown == NULL)
			return;
		s->v = grown;
		s->cap = cap;
	}
	s->v[s->n++] = value;
}

void record_phase(const char *experiment, const char *backend, const char *workload, int iteration,
		  const char *phase, int64_t ns)
{
	char it[16], val[32];
	const char *row[] = {experiment, backend, workload, it, phase, val};

	snprintf(it, sizeof(it), "%d", iteration);
	snprintf(val, sizeof(val), "%lld", (long long)ns);
	csv_row(&phases_csv, row, 6);
}

void record_fact(const char *backend, const char *key, const char *value)
{
	const char *row[] = {backend, key, value};

	csv_row(&facts_csv, row, 3);
}

int results_has(const char *experiment, const char *backend)
{
	for (size_t i = 0; i < n_series; i++)
		if (!strcmp(series[i].experiment, experiment) &&
		    !strcmp(series[i].backend, backend) && series[i].n > 0)
			return 1;
	return 0;
}

int results_has_figures(const char *backend)
{
	for (size_t i = 0; i < n_series; i++)
		if (!strcmp(series[i].backend, backend) && series[i].n > 0 &&
		    strcmp(series[i].metric, "failed") != 0)
			return 1;
	return 0;
}

int results_write_summary(const char *dir)
{
	struct csv c;

	if (csv_open(&c, dir, "summary.csv", CSV_SUMMARY, 1) != 0)
		return -1;
	for (size_t i = 0; i < n_series; i++) {
		struct series *s = &series[i];
		struct summary sum;
		char np[16], n[16], f[8][48];
		double *copy = malloc((s->n ? s->n : 1) * sizeof(*copy));
		const char *row[15];

		if (copy == NULL) {
			csv_abandon(&c);
			return -1;
		}
		memcpy(copy, s->v, s->n * sizeof(*copy));
		summarize(copy, s->n, &sum);
		free(copy);
		snprintf(np, sizeof(np), "%d", s->n_parallel);
		snprintf(n, sizeof(n), "%zu", sum.n);
		format_number(f[0], sizeof(f[0]), sum.min);
		format_number(f[1], sizeof(f[1]), sum.p50);
		format_number(f[2], sizeof(f[2]), sum.p95);
		format_number(f[3], sizeof(f[3]), sum.p99);
		format_number(f[4], sizeof(f[4]), sum.max);
		format_number(f[5], sizeof(f[5]), sum.mean);
		format_number(f[6], sizeof(f[6]), sum.stddev);
		row[0] = s->experiment;
		row[1] = s->backend;
		row[2] = s->workload;
		row[3] = s->parameter;
		row[4] = np;
		row[5] = s->metric;
		row[6] = s->unit;
		row[7] = n;
		for (int k = 0; k < 7; k++)
			row[8 + k] = f[k];
		if (csv_row(&c, row, 15) != 0) {
			csv_abandon(&c);
			return -1;
		}
	}
	return csv_close(&c);
}

void env_set(const char *key, const char *value)
{
	int i;

	for (i = 0; i < n_env; i++)
		if (strcmp(env[i].key, key) == 0)
			break;
	if (i == n_env) {
		if (n_env == (int)(sizeof(env) / sizeof(env[0])))
			return;
		n_env++;
	}
	snprintf(env[i].key, sizeof(env[i].key), "%s", key);
	snprintf(env[i].value, sizeof(env[i].value), "%s", value);
}

void env_setf(const char *key, const char *fmt, ...)
{
	char value[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	env_set(key, value);
}

const char *env_get(const char *key)
{
	for (int i = 0; i < n_env; i++)
		if (strcmp(env[i].key, key) == 0)
			return env[i].value;
	return NULL;
}

int env_write(const char *dir)
{
	struct csv c;

	if (csv_open(&c, dir, "env.csv", CSV_ENV, 1) != 0)
		return -1;
	for (int i = 0; i < n_env; i++) {
		const char *row[] = {env[i].key, env[i].value};

		if (csv_row(&c, row, 2) != 0) {
			csv_abandon(&c);
			return -1;
		}
	}
	return csv_close(&c);
}
