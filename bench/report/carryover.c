/* carryover.c - order effects in the start-up figures; see carryover.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/carryover.h"
#include "report/format.h"
#include "report/interval.h"
#include "report/lookup.h"
#include "stats.h"

/* One start-up sample in the order taken: its backend, the backend
 * sampled just before it (NULL for the first), its value (NAN: failed or
 * not recorded, e.g. a warm-up). */
struct taken {
	const char *backend, *prev;
	double value;
};

/* The value samples.csv holds for (backend, iteration), or NAN. */
static double value_of(const struct rundir *r, const char *b, const char *it)
{
	const struct csv_table *t = &r->t_samples;
	int ce = csv_column(t, "experiment"), cb = csv_column(t, "backend"),
	    ci = csv_column(t, "iteration"), cm = csv_column(t, "metric"),
	    cv = csv_column(t, "value");
	double v;

	if (ce < 0 || cb < 0 || ci < 0 || cm < 0 || cv < 0)
		return NAN;
	for (int i = 0; i < t->nrows; i++)
		if (strcmp(csv_field(t, i, ce), "startup") == 0 &&
		    strcmp(csv_field(t, i, cm), "startup") == 0 &&
		    strcmp(csv_field(t, i, cb), b) == 0 && strcmp(csv_field(t, i, ci), it) == 0 &&
		    parse_number(csv_field(t, i, cv), &v))
			return v;
	return NAN;
}

/* The start-up samples in order; returns how many (-1: no order.csv). */
static int read_order(const struct rundir *r, struct csv_table *t, struct taken **out)
{
	char path[PATH_MAX + 16];
	int ce, cb, ci, n = 0;
	const char *prev = NULL;

	snprintf(path, sizeof(path), "%s/order.csv", r->dir);
	*out = NULL;
	/* Runs made before the harness wrote order.csv have none: not an
	 * error, the report says so. */
	if (access(path, F_OK) != 0 || csv_read(path, t) != 0)
		return -1;
	ce = csv_column(t, "experiment");
	cb = csv_column(t, "backend");
	ci = csv_column(t, "iteration");
	*out = calloc((size_t)t->nrows + 1, sizeof(**out));
	if (*out == NULL || ce < 0 || cb < 0 || ci < 0)
		return 0;
	for (int i = 0; i < t->nrows; i++) {
		if (strcmp(csv_field(t, i, ce), "startup") != 0)
			continue;
		(*out)[n].backend = csv_field(t, i, cb);
		(*out)[n].prev = prev;
		(*out)[n].value = value_of(r, csv_field(t, i, cb), csv_field(t, i, ci));
		prev = csv_field(t, i, cb);
		n++;
	}
	return n;
}

/* Backend b after p vs b after anything else: one table row, if both
 * groups have enough samples. */
static void row(FILE *f, const struct taken *s, int n, const char *b, const char *p)
{
	double *after = malloc((size_t)n * sizeof(double)),
	       *other = malloc((size_t)n * sizeof(double));
	struct series_ref g[2];
	struct interval ci = {0, 0, 0};
	size_t na = 0, no = 0;

	if (after == NULL || other == NULL)
		goto out;
	for (int i = 0; i < n; i++) {
		if (strcmp(s[i].backend, b) != 0 || isnan(s[i].value) || s[i].prev == NULL)
			continue;
		if (strcmp(s[i].prev, p) == 0)
			after[na++] = s[i].value;
		else
			other[no++] = s[i].value;
	}
	g[0] = (struct series_ref){after, na};
	g[1] = (struct series_ref){other, no};
	if (bootstrap(g, 2, stat_ratio, NULL, &ci) == 0 && ci.ok) {
		char a[FMT_LEN], lo[FMT_LEN], hi[FMT_LEN];
		struct summary m[2];

		/* The point estimate: the ratio of the two groups' medians
		 * (summarize sorts; the bootstrap is done with them). */
		summarize(after, na, &m[0]);
		summarize(other, no, &m[1]);
		fprintf(f, "| %s | %s | %zu | %zu | %s× [%s–%s] | %s |\n", b, p, na, no,
			fmt_num(a, m[0].p50 / m[1].p50), fmt_num(lo, ci.lo), fmt_num(hi, ci.hi),
			ci.lo > 1   ? "**slower after it**"
			: ci.hi < 1 ? "**faster after it**"
				    : "no sign");
	}
out:
	free(after);
	free(other);
}

void write_carryover(FILE *f, const struct rundir *r)
{
	struct csv_table t = {0};
	struct taken *s;
	int n = read_order(r, &t, &s);

	fprintf(f,
		"**Order effects.** Start-up samples of each backend taken right after "
		"another backend's sample, against its samples taken after any other (ratio "
		"of medians, 95%% bootstrap interval): an interval clear of 1 means that "
		"backend's sample disturbed the next one, and the order leaked into the "
		"figures. The harness pauses after every sample (this run: %s%s) so that the "
		"kernel's late teardown work (a network namespace is freed by a work queue) "
		"ends first. With many rows, about one in twenty is clear of 1 by chance.\n\n",
		run_env(r, "settle_ms") ? run_env(r, "settle_ms") : "none recorded",
		run_env(r, "settle_ms") ? " ms" : "");
	if (n < 0) {
		fprintf(f, "_(no order.csv in this run: made before the harness recorded the "
			   "order)_\n\n");
		return;
	}
	fprintf(f, "| backend | after | n after | n otherwise | ratio [95%% CI] | |\n"
		   "| --- | --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++)
		for (int k = 0; k < r->nbackends; k++)
			row(f, s, n, r->backends[i], r->backends[k]);
	fprintf(f, "\n");
	free(s);
	csv_table_free(&t);
}
