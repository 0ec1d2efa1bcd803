/*
 * appendix.c - APPENDIX.md beside REPORT.md: everything the short report
 * leaves out. Every env.csv key, the verdict rules in full, every
 * summary.csv row of every experiment (density at every N), the start-up
 * phases per backend and the order-effects table.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/carryover.h"
#include "report/format.h"
#include "report/lookup.h"
#include "report/markdown.h"

#define CELL 4096

static void environment(FILE *f, const struct rundir *r)
{
	char k[CELL], v[CELL];

	fprintf(f, "## Environment\n\nEvery key of env.csv (bench/README.md, \"Files\", says "
		   "what each means).\n\n| key | value |\n| --- | --- |\n");
	for (int i = 0; i < r->nenv; i++)
		fprintf(f, "| %s | %s |\n", md_cell(k, sizeof(k), r->env[i].key),
			md_cell(v, sizeof(v), run_env(r, r->env[i].key)));
	fprintf(f, "\n");
}

static void rules(FILE *f)
{
	char why[CELL];

	fprintf(f, "## How the verdicts are computed\n\n");
	fprintf(f,
		"Against each VM the rule gives _holds_, _partly_ or _does not hold_ (or _not "
		"measured_, when a figure of either side is missing: no verdict is drawn from "
		"missing data); the verdict is **holds** when the claim holds against every VM "
		"that was measured, **does not hold** when it holds against none, and **holds "
		"with a caveat** otherwise (for example against a full Linux guest but not "
		"against the minimal microVM, or by a small margin). Constants: margin %g×, "
		"memory floor %g KiB, run-time tolerance %g%%.\n\n",
		RULE_MARGIN, RULE_FLOOR_KIB, RULE_TOL * 100);
	fprintf(f,
		"Intervals: each ratio a rule reads from samples.csv (start-up p50, pss "
		"overhead, run-time cost) comes with a 95%% interval, a percentile bootstrap "
		"of the ratio of medians (%d resamples of every series, fixed seed; none for "
		"fewer than %d samples). When the interval holds a bound of the rule (the "
		"margin, or the tie line: 1×, or 1 ± the tolerance for run-time cost), the run "
		"cannot tell which side the VM is on and the pair is _inconclusive_; a claim "
		"with inconclusive pairs holds with a caveat when it holds against another "
		"VM, and is **inconclusive** otherwise.\n\n",
		BOOT_REPS, BOOT_MIN_N);
	for (int c = 0; c < NCLAIMS; c++) {
		rule_text(c + 1, why, sizeof(why));
		fprintf(f, "%d. **%s**: %s.\n", c + 1, claim_text[c], why);
	}
	fprintf(f, "\n");
}

/* Sort order of an experiment's table: workload, parameter, N, metric,
 * backend (report order). */
static int row_before(const struct rundir *r, const struct sum_row *a, const struct sum_row *b)
{
	double pa = 0, pb = 0;
	int c = strcmp(a->workload, b->workload), ra = 0, rb = 0;

	if (c)
		return c < 0;
	parse_number(a->parameter, &pa);
	parse_number(b->parameter, &pb);
	if (pa != pb)
		return pa < pb;
	if (a->n != b->n)
		return a->n < b->n;
	if ((c = strcmp(a->metric, b->metric)) != 0)
		return c < 0;
	for (int i = 0; i < r->nbackends; i++) {
		ra = strcmp(r->backends[i], a->backend) == 0 ? i : ra;
		rb = strcmp(r->backends[i], b->backend) == 0 ? i : rb;
	}
	return ra < rb;
}

/* Times are shown in ms, whatever unit the CSV holds them in: a reader
 * compares 2.31 ms with 37.0 ms at a glance, not 2306 µs with 36974000 ns.
 * The factor that turns unit u into what is shown, and its name. */
static double shown(const char *u, const char **name)
{
	*name = u;
	if (strcmp(u, "ns") == 0) {
		*name = "ms";
		return 1e-6;
	}
	if (strcmp(u, "us") == 0) {
		*name = "ms";
		return 1e-3;
	}
	return 1;
}

static void one_row(FILE *f, const struct rundir *r, const struct sum_row *x)
{
	static const enum stat order[7] = {ST_P50, ST_P95,  ST_P99,   ST_MIN,
					   ST_MAX, ST_MEAN, ST_STDDEV};
	const struct sum_row *p = peer_row(r, x, "process");
	char c[5][CELL / 4], s[7][FMT_LEN], q[FMT_LEN];
	const char *unit;
	double k = shown(x->unit, &unit);

	for (int i = 0; i < 7; i++)
		fmt_num(s[i], x->v[order[i]] * k);
	fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
		md_cell(c[0], sizeof(c[0]), x->workload), md_cell(c[1], sizeof(c[1]), x->parameter),
		md_cell(c[2], sizeof(c[2]), x->n_parallel), md_cell(c[3], sizeof(c[3]), x->metric),
		md_cell(c[4], sizeof(c[4]), unit), x->backend, x->s[ST_N], s[0], s[1], s[2], s[3],
		s[4], s[5], s[6],
		strcmp(x->backend, "process") == 0
		    ? "1"
		    : fmt_ratio(q, x->v[ST_P50], p ? p->v[ST_P50] : NAN));
}

/* Every summary.csv row of experiment ex, sorted. */
static void table(FILE *f, const struct rundir *r, const char *ex)
{
	const struct sum_row **rows = calloc((size_t)r->nrows + 1, sizeof(*rows));
	int n = 0;

	if (rows == NULL)
		return;
	for (int i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].experiment, ex) == 0)
			rows[n++] = &r->rows[i];
	/* Insertion sort: stable, the tables are a few hundred rows. */
	for (int i = 1; i < n; i++) {
		const struct sum_row *x = rows[i];
		int j = i - 1;

		while (j >= 0 && row_before(r, x, rows[j])) {
			rows[j + 1] = rows[j];
			j--;
		}
		rows[j + 1] = x;
	}
	fprintf(f, "| workload | parameter | N | metric | unit | backend | n | p50 | p95 | p99 | "
		   "min | max | mean | stddev | p50 ÷ process |\n");
	fprintf(f,
		"| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | "
		"--- | --- |\n");
	for (int i = 0; i < n; i++)
		one_row(f, r, rows[i]);
	fprintf(f, "\n");
	free(rows);
}

static void phase_table(FILE *f, const struct rundir *r, const struct phase_median *ph, int nph)
{
	if (nph <= 0)
		return;
	fprintf(f, "### Start-up phases\n\nMedian over samples of the time since the previous "
		   "phase, and median stamp since t0 (bench/README.md names each phase).\n\n");
	fprintf(f,
		"| backend | phase | since previous, ms | at, ms |\n| --- | --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++)
		for (int k = 0; k < nph; k++) {
			char c[CELL / 4], a[FMT_LEN], b[FMT_LEN];

			if (strcmp(ph[k].backend, r->backends[i]) != 0)
				continue;
			fprintf(f, "| %s | %s | %s | %s |\n", ph[k].backend,
				md_cell(c, sizeof(c), ph[k].phase),
				fmt_num(a, ph[k].since_prev_ns / 1e6),
				fmt_num(b, ph[k].at_ns / 1e6));
		}
	fprintf(f, "\n");
}

static void experiments(FILE *f, const struct rundir *r, const struct phase_median *ph, int nph)
{
	static const char *const known[] = {"startup", "memory", "density", "overhead"};
	static const char *const title[] = {"Start-up", "Memory per instance", "Density",
					    "Run-time overhead"};

	fprintf(f, "## Every figure, experiment by experiment\n\nEvery row of summary.csv; "
		   "times in ms (summary.csv holds µs and ns), memory in KiB per "
		   "instance.\n\n");
	for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++) {
		if (!has_experiment(r, known[k]))
			continue;
		fprintf(f, "### %s\n\n", title[k]);
		table(f, r, known[k]);
		if (strcmp(known[k], "startup") == 0) {
			phase_table(f, r, ph, nph);
			write_carryover(f, r);
		}
	}
	/* Any other experiment: a table, in the order the file first names it. */
	for (int i = 0; i < r->nrows; i++) {
		const char *ex = r->rows[i].experiment;
		int seen = 0;

		for (size_t k = 0; k < sizeof(known) / sizeof(known[0]); k++)
			seen |= strcmp(ex, known[k]) == 0;
		for (int k = 0; k < i && !seen; k++)
			seen |= strcmp(r->rows[k].experiment, ex) == 0;
		if (seen)
			continue;
		fprintf(f, "### Experiment `%s`\n\n", ex);
		table(f, r, ex);
	}
}

int write_appendix(FILE *f, const struct rundir *r, const struct phase_median *ph, int nph)
{
	write_title(f, r, "vmbench report, appendix");
	fprintf(f, "_The full figures behind [REPORT.md](REPORT.md), generated with it by "
		   "`bench report` from this run's CSV files alone; do not edit._\n\n");
	environment(f, r);
	rules(f);
	experiments(f, r, ph, nph);
	return ferror(f) ? -1 : 0;
}
