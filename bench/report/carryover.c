/* carryover.c - order effects in the start-up figures; see carryover.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measure/stats.h"
#include "report/carryover.h"
#include "report/format.h"
#include "report/interval.h"
#include "report/lookup.h"

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
	/* A run made before the harness wrote order.csv has none: the report
	 * says so, and stderr stays quiet (csv_read would complain). */
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return -1;
	if (csv_read(path, t) != 0)
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

/* One pair's test: backend b after p against b after anything else. */
struct pair_test {
	size_t n_after, n_other;
	double ratio; /* of the medians */
	struct interval ci;
};

/* Backend b after p vs b after anything else; 0 with the figures when
 * both groups have enough samples for an interval, else -1. */
static int test_pair(const struct taken *s, int n, const char *b, const char *p,
		     struct pair_test *t)
{
	double *after = malloc((size_t)n * sizeof(double) + 1),
	       *other = malloc((size_t)n * sizeof(double) + 1);
	struct series_ref g[2];
	size_t na = 0, no = 0;
	int rc = -1;

	t->ci = (struct interval){0, 0, 0};
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
	if (bootstrap(g, 2, stat_ratio, NULL, &t->ci) == 0 && t->ci.ok) {
		struct summary m[2];

		/* The point estimate: the ratio of the two groups' medians
		 * (summarize sorts; the bootstrap is done with them). */
		summarize(after, na, &m[0]);
		summarize(other, no, &m[1]);
		t->n_after = na;
		t->n_other = no;
		t->ratio = m[0].p50 / m[1].p50;
		rc = 0;
	}
out:
	free(after);
	free(other);
	return rc;
}

static const char *sign_of(const struct pair_test *t)
{
	return t->ci.lo > 1   ? "**slower after it**"
	       : t->ci.hi < 1 ? "**faster after it**"
			      : "no sign";
}

/* "1.02× [0.92–1.26]" */
static const char *ratio_ci(char buf[3 * FMT_LEN], const struct pair_test *t)
{
	char a[FMT_LEN], lo[FMT_LEN], hi[FMT_LEN];

	snprintf(buf, 3 * FMT_LEN, "%s× [%s–%s]", fmt_num(a, t->ratio), fmt_num(lo, t->ci.lo),
		 fmt_num(hi, t->ci.hi));
	return buf;
}

/* Every pair in report order, to f as a table (brief 0) or as one
 * sentence naming the pairs clear of 1 (brief 1). */
static void each_pair(FILE *f, const struct rundir *r, const struct taken *s, int n, int brief)
{
	int tested = 0, clear = 0;
	char buf[3 * FMT_LEN];

	for (int i = 0; i < r->nbackends; i++)
		for (int k = 0; k < r->nbackends; k++) {
			const char *b = r->backends[i], *p = r->backends[k];
			struct pair_test t;

			if (test_pair(s, n, b, p, &t) != 0)
				continue;
			tested++;
			if (!brief) {
				fprintf(f, "| %s | %s | %zu | %zu | %s | %s |\n", b, p, t.n_after,
					t.n_other, ratio_ci(buf, &t), sign_of(&t));
				continue;
			}
			if (t.ci.lo <= 1 && t.ci.hi >= 1)
				continue;
			fprintf(f, "%s%s after %s: %s, %s", clear ? "; " : " Clear of 1: ", b, p,
				t.ci.lo > 1 ? "slower" : "faster", ratio_ci(buf, &t));
			clear++;
		}
	if (brief && tested == 0)
		fprintf(f, " too few samples after each backend for an interval in this run.\n\n");
	else if (brief)
		fprintf(f,
			"%s (%d of %d pairs tested; about one in twenty is clear of 1 by "
			"chance).\n\n",
			clear ? "" : " No pair is clear of 1", clear, tested);
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
	each_pair(f, r, s, n, 0);
	fprintf(f, "\n");
	free(s);
	csv_table_free(&t);
}

void write_carryover_brief(FILE *f, const struct rundir *r)
{
	struct csv_table t = {0};
	struct taken *s;
	int n = read_order(r, &t, &s);

	fprintf(f, "**Order effects** (each backend's start-up right after another's, against "
		   "its other samples; the table in the appendix):");
	if (n < 0) {
		fprintf(f, " not recorded (no order.csv in this run).\n\n");
		return;
	}
	each_pair(f, r, s, n, 1);
	free(s);
	csv_table_free(&t);
}
