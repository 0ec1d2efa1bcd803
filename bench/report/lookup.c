/* lookup.c - find a run's figures; see lookup.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/lookup.h"

static int eq(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

const char *run_env(const struct rundir *r, const char *key)
{
	/* The last value wins, as with a key set twice. */
	for (int i = r->nenv - 1; i >= 0; i--)
		if (eq(r->env[i].key, key))
			return r->env[i].value;
	return NULL;
}

const char *run_fact(const struct rundir *r, const char *backend, const char *key)
{
	for (int i = r->nfacts - 1; i >= 0; i--)
		if (eq(r->facts[i].backend, backend) && eq(r->facts[i].key, key))
			return r->facts[i].value;
	return NULL;
}

const struct sum_row *find_row(const struct rundir *r, const char *ex, const char *b, const char *w,
			       const char *m)
{
	const struct sum_row *best = NULL;

	for (int i = 0; i < r->nrows; i++) {
		const struct sum_row *row = &r->rows[i];

		if (!eq(row->experiment, ex) || !eq(row->backend, b) || !eq(row->metric, m) ||
		    (w != NULL && !eq(row->workload, w)))
			continue;
		if (eq(row->n_parallel, "1"))
			return row;
		if (best == NULL)
			best = row;
	}
	return best;
}

double figure(const struct rundir *r, const char *ex, const char *b, const char *w, const char *m,
	      enum stat st)
{
	const struct sum_row *row = find_row(r, ex, b, w, m);

	return row ? row->v[st] : NAN;
}

const struct sum_row *peer_row(const struct rundir *r, const struct sum_row *row, const char *b)
{
	for (int i = 0; i < r->nrows; i++) {
		const struct sum_row *q = &r->rows[i];

		if (eq(q->backend, b) && eq(q->experiment, row->experiment) &&
		    eq(q->workload, row->workload) && eq(q->parameter, row->parameter) &&
		    eq(q->n_parallel, row->n_parallel) && eq(q->metric, row->metric))
			return q;
	}
	return NULL;
}

double density_at(const struct rundir *r, const char *b, int n, const char *m)
{
	for (int i = 0; i < r->nrows; i++) {
		const struct sum_row *row = &r->rows[i];

		if (eq(row->experiment, "density") && eq(row->backend, b) && row->n == n &&
		    eq(row->metric, m) && !isnan(row->v[ST_P50]))
			return row->v[ST_P50];
	}
	return NAN;
}

int density_max_ok(const struct rundir *r, const char *b)
{
	int best = 0;

	for (int i = 0; i < r->nrows; i++) {
		const struct sum_row *row = &r->rows[i], *failed;
		struct sum_row key;

		if (!eq(row->experiment, "density") || !eq(row->backend, b) ||
		    !eq(row->metric, "startup"))
			continue;
		key = *row;
		key.metric = "failed";
		failed = peer_row(r, &key, b);
		/* No count of failures is no failure; a count that is not a
		 * number is no failure either (as the awk report had it). */
		if ((failed == NULL || isnan(failed->v[ST_MAX]) || failed->v[ST_MAX] == 0) &&
		    row->n > best)
			best = row->n;
	}
	return best;
}

int density_common_n(const struct rundir *r, const char *b, const char *c)
{
	int best = 0;

	for (int i = 0; i < r->nrows; i++) {
		const struct sum_row *row = &r->rows[i];

		if (!eq(row->experiment, "density") || !eq(row->backend, b) ||
		    !eq(row->metric, "system"))
			continue;
		if (row->n > best && !isnan(density_at(r, c, row->n, "system")) &&
		    !isnan(density_at(r, "process", row->n, "system")))
			best = row->n;
	}
	return best;
}

int has_figures(const struct rundir *r, const char *b)
{
	for (int i = 0; i < r->nrows; i++)
		if (eq(r->rows[i].backend, b) && !eq(r->rows[i].metric, "failed"))
			return 1;
	return 0;
}

int has_experiment(const struct rundir *r, const char *ex)
{
	for (int i = 0; i < r->nrows; i++)
		if (eq(r->rows[i].experiment, ex))
			return 1;
	return 0;
}

const char *skip_reason(const struct rundir *r, const char *b)
{
	char key[128];

	snprintf(key, sizeof(key), "skip.%s", b);
	return run_env(r, key);
}

/* Append "what: value" for every env key PREFIX<b>.<what>. */
static void append_keys(const struct rundir *r, const char *prefix, const char *b, char *buf,
			size_t cap)
{
	char head[128];
	size_t hl = (size_t)snprintf(head, sizeof(head), "%s%s.", prefix, b);

	for (int i = 0; i < r->nenv; i++) {
		size_t len = strlen(buf);

		if (strncmp(r->env[i].key, head, hl) != 0 || len + 1 >= cap)
			continue;
		snprintf(buf + len, cap - len, "%s%s: %s", len ? "; " : "", r->env[i].key + hl,
			 r->env[i].value);
	}
}

int failed_backend(const struct rundir *r, const char *b, char *buf, size_t cap)
{
	buf[0] = '\0';
	if (skip_reason(r, b) != NULL || has_figures(r, b))
		return 0;
	append_keys(r, "fail.", b, buf, cap);
	append_keys(r, "cut.", b, buf, cap);
	return buf[0] != '\0';
}

void missing_reason(const struct rundir *r, const char *b, const char *ex, char *buf, size_t cap)
{
	char key[160];
	const char *v;

	if ((v = skip_reason(r, b)) != NULL) {
		snprintf(buf, cap, "skipped: %s", v);
		return;
	}
	snprintf(key, sizeof(key), "fail.%s.%s", b, ex);
	if ((v = run_env(r, key)) != NULL) {
		snprintf(buf, cap, "failed: %s", v);
		return;
	}
	snprintf(key, sizeof(key), "cut.%s.%s", b, ex);
	if ((v = run_env(r, key)) != NULL) {
		snprintf(buf, cap, "cut short: %s", v);
		return;
	}
	snprintf(buf, cap, "%s",
		 has_figures(r, b) ? "no figures for this in the run" : "not in this run");
}

double *sample_values(const struct rundir *r, const char *ex, const char *b, const char *w,
		      const char *m, size_t *n)
{
	double *v = malloc(((size_t)r->nsamples + 1) * sizeof(*v));

	*n = 0;
	if (v == NULL)
		return NULL;
	for (int i = 0; i < r->nsamples; i++) {
		const struct sample *s = &r->samples[i];

		if (s->n == 1 && eq(s->experiment, ex) && eq(s->backend, b) && eq(s->metric, m) &&
		    (w == NULL || eq(s->workload, w)))
			v[(*n)++] = s->value;
	}
	if (*n == 0) {
		free(v);
		return NULL;
	}
	return v;
}
