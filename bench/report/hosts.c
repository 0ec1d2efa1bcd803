/* hosts.c - one report over several runs; see hosts.h. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/format.h"
#include "report/hostkind.h"
#include "report/hosts.h"
#include "report/interval.h"
#include "report/lookup.h"
#include "report/outdir.h"
#include "report/verdicts.h"

#define MAX_RUNS 32

struct judged {
	struct rundir r;
	struct verdicts v;
	char label[160]; /* "host (AMD, pvm, date)" */
};

static const char *env_or(const struct rundir *r, const char *k, const char *dflt)
{
	const char *v = run_env(r, k);

	return v && v[0] ? v : dflt;
}

static void label_of(struct judged *j, int i)
{
	char vendor[64];
	const char *ven = host_vendor(&j->r, vendor, sizeof(vendor));

	snprintf(j->label, sizeof(j->label), "%d: %s (%s, %s%s)", i + 1, env_or(&j->r, "host", "?"),
		 ven ? ven : "?", env_or(&j->r, "kvm_flavour", "?"),
		 strcmp(env_or(&j->r, "quick", "no"), "yes") == 0 ? ", quick" : "");
}

/* Do the runs agree? "yes", "no", or "–" when fewer than two measured. */
static const char *agree(const char *const *word, int n)
{
	const char *first = NULL;
	int measured = 0, differ = 0;

	for (int i = 0; i < n; i++) {
		if (word[i] == NULL || strcmp(word[i], "not measured") == 0)
			continue;
		measured++;
		if (first == NULL)
			first = word[i];
		else if (strcmp(first, word[i]) != 0)
			differ = 1;
	}
	return measured < 2 ? "–" : differ ? "**no**" : "yes";
}

static void hosts_table(FILE *f, struct judged *runs, int n)
{
	char c[6][256];

	fprintf(f, "## Runs\n\n| run | directory | host | cpu_model | kvm_flavour | date | quick | "
		   "git_commit |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < n; i++) {
		const struct rundir *r = &runs[i].r;

		fprintf(f, "| %d | %s | %s | %s | %s | %s | %s | %s |\n", i + 1,
			md_cell(c[0], sizeof(c[0]), r->dir),
			md_cell(c[1], sizeof(c[1]), run_env(r, "host")),
			md_cell(c[2], sizeof(c[2]), run_env(r, "cpu_model")),
			md_cell(c[3], sizeof(c[3]), run_env(r, "kvm_flavour")),
			md_cell(c[4], sizeof(c[4]), run_env(r, "date")), env_or(r, "quick", "–"),
			md_cell(c[5], sizeof(c[5]), run_env(r, "git_commit")));
	}
	fprintf(f, "\n");
}

static void header(FILE *f, const char *first, struct judged *runs, int n)
{
	fprintf(f, "| %s |", first);
	for (int i = 0; i < n; i++)
		fprintf(f, " run %s |", runs[i].label);
	fprintf(f, " agree |\n| --- |");
	for (int i = 0; i <= n; i++)
		fprintf(f, " --- |");
	fprintf(f, "\n");
}

static void verdict_table(FILE *f, struct judged *runs, int n)
{
	const char *word[MAX_RUNS];

	fprintf(f, "## Verdicts, run by run\n\n");
	header(f, "claim: containers ...", runs, n);
	for (int c = 0; c < NCLAIMS; c++) {
		fprintf(f, "| %d. %s |", c + 1, claim_text[c]);
		for (int i = 0; i < n; i++) {
			word[i] = runs[i].v.verdict[c];
			fprintf(f, " %s |", word[i]);
		}
		fprintf(f, " %s |\n", agree(word, n));
	}
	fprintf(f, "\n");
}

/* The index of the pair (container ctr vs vm) in run i, or -1. */
static int pair_in(const struct verdicts *v, const char *ctr, const char *vm)
{
	for (int k = 0; k < v->nvm; k++)
		if (strcmp(v->vctr[k], ctr) == 0 && strcmp(v->vm[k], vm) == 0)
			return k;
	return -1;
}

/* Has any run an outcome for the pair (ctr vs vm), for any claim? */
static int measured_anywhere(struct judged *runs, int n, const char *ctr, const char *vm)
{
	for (int i = 0; i < n; i++) {
		int k = pair_in(&runs[i].v, ctr, vm);

		for (int c = 0; k >= 0 && c < NCLAIMS; c++)
			if (runs[i].v.j[c][k].outcome != OUT_NOT_MEASURED)
				return 1;
	}
	return 0;
}

static void pair_tables(FILE *f, struct judged *runs, int n)
{
	const struct verdicts *v0 = &runs[0].v;

	fprintf(f, "## Named pairs, run by run\n\nThe seed's pair is the container against a "
		   "full Linux guest (linuxvm); _minimal_: against the project's minimal "
		   "microVM; _isolation-matched_: container-sharednet (no network namespace of "
		   "its own) against the microVM (no network device).\n\n");
	for (int p = 0; p < v0->nvm; p++) {
		const char *word[MAX_RUNS];

		if (!measured_anywhere(runs, n, v0->vctr[p], v0->vm[p])) {
			fprintf(f, "**%s vs %s** (%s pair): measured in none of the runs.\n\n",
				v0->vctr[p], v0->vm[p], v0->role[p][0] ? v0->role[p] : "other");
			continue;
		}
		fprintf(f, "**%s vs %s** (%s pair)\n\n", v0->vctr[p], v0->vm[p],
			v0->role[p][0] ? v0->role[p] : "other");
		header(f, "claim", runs, n);
		for (int c = 0; c < NCLAIMS; c++) {
			fprintf(f, "| %d |", c + 1);
			for (int i = 0; i < n; i++) {
				int k = pair_in(&runs[i].v, v0->vctr[p], v0->vm[p]);
				const struct judgement *j = k >= 0 ? &runs[i].v.j[c][k] : NULL;

				word[i] = j ? outcome_word(j->outcome) : NULL;
				fprintf(f, " %s |", word[i] ? word[i] : "not measured");
			}
			fprintf(f, " %s |\n", agree(word, n));
		}
		fprintf(f, "\n");
	}
}

/* Measure `name` of claim c and pair p in run i, or NULL. */
static const struct measure *measure_of(const struct judged *run, int c, const char *ctr,
					const char *vm, const char *name)
{
	int k = pair_in(&run->v, ctr, vm);

	if (k < 0)
		return NULL;
	for (int m = 0; m < run->v.j[c][k].nm; m++)
		if (strcmp(run->v.j[c][k].m[m].name, name) == 0 &&
		    !isnan(run->v.j[c][k].m[m].ratio))
			return &run->v.j[c][k].m[m];
	return NULL;
}

/* One row of the spread table: measure `name` of claim c, pair p. */
static void spread_row(FILE *f, struct judged *runs, int n, int c, int p, const char *name)
{
	const struct verdicts *v0 = &runs[0].v;
	double lo = INFINITY, hi = -INFINITY;
	int seen = 0;
	char a[FMT_LEN], ci[2 * FMT_LEN + 8];

	fprintf(f, "| %d | %s vs %s | %s |", c + 1, v0->vctr[p], v0->vm[p], name);
	for (int e = 0; e < n; e++) {
		const struct measure *x = measure_of(&runs[e], c, v0->vctr[p], v0->vm[p], name);

		if (x == NULL) {
			fprintf(f, " – |");
			continue;
		}
		seen++;
		lo = fmin(lo, x->ratio);
		hi = fmax(hi, x->ratio);
		fprintf(f, " %s×%s |", fmt_num(a, x->ratio), fmt_ci(ci, &x->ci));
	}
	if (seen >= 2) {
		char b[FMT_LEN], q[FMT_LEN];

		fprintf(f, " %s–%s (%s) |\n", fmt_num(a, lo), fmt_num(b, hi), fmt_ratio(q, hi, lo));
	} else
		fprintf(f, " – |\n");
}

static void spread_table(FILE *f, struct judged *runs, int n)
{
	const struct verdicts *v0 = &runs[0].v;

	fprintf(f, "## Spread across runs\n\nEach ratio a rule used (the VM's figure ÷ the "
		   "container's), run by run with its 95%% interval, and its range across the "
		   "runs: the largest ÷ the smallest. A range far wider than the runs' own "
		   "intervals means the hosts differ, not the samples.\n\n");
	fprintf(f, "| claim | pair | ratio |");
	for (int i = 0; i < n; i++)
		fprintf(f, " run %d |", i + 1);
	fprintf(f, " range (max ÷ min) |\n| --- | --- | --- |");
	for (int i = 0; i <= n; i++)
		fprintf(f, " --- |");
	fprintf(f, "\n");
	for (int c = 0; c < NCLAIMS; c++)
		for (int p = 0; p < v0->nvm; p++)
			for (int i = 0; i < n; i++) {
				int k = pair_in(&runs[i].v, v0->vctr[p], v0->vm[p]);

				for (int m = 0; k >= 0 && m < runs[i].v.j[c][k].nm; m++) {
					const char *name = runs[i].v.j[c][k].m[m].name;
					int dup = 0;

					/* Each measure once: from the first run that has it. */
					for (int e = 0; e < i; e++)
						dup |= measure_of(&runs[e], c, v0->vctr[p],
								  v0->vm[p], name) != NULL;
					if (!dup)
						spread_row(f, runs, n, c, p, name);
				}
			}
	fprintf(f, "\n");
}

/* Is b among the backends of an earlier run (or of run x)? */
static int named_before(struct judged *runs, int x, const char *b)
{
	for (int e = 0; e < x; e++)
		for (int i = 0; i < runs[e].r.nbackends; i++)
			if (strcmp(runs[e].r.backends[i], b) == 0)
				return 1;
	return 0;
}

static void backend_row(FILE *f, struct judged *runs, int n, const char *b)
{
	double lo = -INFINITY, hi = INFINITY;
	int seen = 0, all = 1;

	for (int e = 0; e < n; e++)
		seen += !isnan(figure(&runs[e].r, "startup", b, NULL, "startup", ST_P50));
	if (seen == 0)
		return;
	fprintf(f, "| %s |", b);
	for (int e = 0; e < n; e++) {
		struct interval ci;
		double p50 = startup_p50_ci(&runs[e].r, b, &ci);
		char a[FMT_LEN], c[2 * FMT_LEN + 8];
		struct interval ms = {ci.ok, ci.lo / 1000, ci.hi / 1000};

		fprintf(f, " %s%s |", fmt_num(a, p50 / 1000), fmt_ci(c, &ms));
		if (isnan(p50) || !ci.ok) {
			all = 0;
			continue;
		}
		lo = fmax(lo, ci.lo);
		hi = fmin(hi, ci.hi);
	}
	fprintf(f, " %s |\n", seen < 2 || !all ? "–" : lo <= hi ? "overlap" : "**no overlap**");
}

/* Each backend's own start-up p50, run by run: a backend whose intervals
 * do not overlap moved between the runs (another host, or something in
 * the run, such as the backends measured with it, changed its figure). */
static void backend_table(FILE *f, struct judged *runs, int n)
{
	fprintf(f, "## Start-up p50 of each backend, run by run\n\nms, with the 95%% "
		   "interval of the median (bootstrap); _overlap_: the runs' intervals share "
		   "a range.\n\n");
	header(f, "backend", runs, n);
	for (int x = 0; x < n; x++)
		for (int i = 0; i < runs[x].r.nbackends; i++) {
			const char *b = runs[x].r.backends[i];

			if (!named_before(runs, x, b))
				backend_row(f, runs, n, b);
		}
	fprintf(f, "\n");
}

static int write_md(FILE *f, struct judged *runs, int n)
{
	int kinds = 1;
	char why[256];

	for (int i = 1; i < n; i++)
		kinds += host_kind_differs(&runs[0].r, &runs[i].r, why, sizeof(why));
	fprintf(f,
		"# vmbench: %d runs in one report\n\n_Generated by `bench report DIR1 DIR2 "
		"...` (`make report RESULTS=\"DIR1 DIR2 ...\"`) from the runs' CSV files; "
		"each run's own REPORT.md has its evidence._\n\n",
		n);
	fprintf(f,
		"Each verdict below is the one that run's own report draws, by the same "
		"rules; a verdict speaks for the host it was measured on. Where the runs "
		"disagree, the claim depends on the host (or on noise, when the runs are "
		"repeats on one host): read the spread.%s\n\n",
		kinds < n ? " Some of these runs come from the same kind of host (CPU model and "
			    "KVM flavour): their agreement says the result repeats, not that it "
			    "travels to other hosts."
			  : "");
	hosts_table(f, runs, n);
	verdict_table(f, runs, n);
	pair_tables(f, runs, n);
	spread_table(f, runs, n);
	backend_table(f, runs, n);
	return ferror(f) ? -1 : 0;
}

/* verdicts.csv of the merge: one row per run, claim, pair and measure. */
static int write_csv(FILE *f, struct judged *runs, int n)
{
	fprintf(f, "run,host,cpu_model,kvm_flavour,claim,verdict,container,against,pair,outcome,"
		   "measure,ratio,ci_low,ci_high\n");
	for (int i = 0; i < n; i++) {
		const struct verdicts *v = &runs[i].v;

		for (int c = 0; c < NCLAIMS; c++)
			for (int p = 0; p < v->nvm; p++) {
				const struct judgement *j = &v->j[c][p];

				for (int m = 0; m < (j->nm ? j->nm : 1); m++) {
					char fields[4][FMT_LEN] = {"", "", "", ""};
					const char *cells[14];
					char row[2048], run[16];

					snprintf(run, sizeof(run), "%d", i + 1);
					if (j->nm) {
						snprintf(fields[0], FMT_LEN, "%.4g", j->m[m].ratio);
						if (j->m[m].ci.ok) {
							snprintf(fields[1], FMT_LEN, "%.4g",
								 j->m[m].ci.lo);
							snprintf(fields[2], FMT_LEN, "%.4g",
								 j->m[m].ci.hi);
						}
					}
					cells[0] = run;
					cells[1] = env_or(&runs[i].r, "host", "");
					cells[2] = env_or(&runs[i].r, "cpu_model", "");
					cells[3] = env_or(&runs[i].r, "kvm_flavour", "");
					cells[4] = claim_text[c];
					cells[5] = v->verdict[c];
					cells[6] = v->vctr[p];
					cells[7] = v->vm[p];
					cells[8] = v->role[p];
					cells[9] = outcome_word(j->outcome);
					cells[10] = j->nm ? j->m[m].name : "";
					cells[11] = fields[0];
					cells[12] = fields[1];
					cells[13] = fields[2];
					if (csv_format_row(row, sizeof(row), cells, 14) < 0 ||
					    fputs(row, f) < 0)
						return -1;
				}
			}
	}
	return ferror(f) ? -1 : 0;
}

static int write_file(const char *out, const char *name, struct judged *runs, int n,
		      int (*fn)(FILE *, struct judged *, int))
{
	char tmp[4200], path[4200];
	FILE *f;
	int ok;

	snprintf(tmp, sizeof(tmp), "%s/.%s.tmp", out, name);
	snprintf(path, sizeof(path), "%s/%s", out, name);
	f = fopen(tmp, "we");
	if (f == NULL) {
		fprintf(stderr, "report: open %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	ok = fn(f, runs, n) == 0;
	if (fclose(f) != 0 || !ok || rename(tmp, path) != 0) {
		fprintf(stderr, "report: write %s: %s\n", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

int hosts_report(char *const dirs[], int n, const char *out)
{
	struct judged *runs;
	int rc = 0, loaded = 0;

	if (n > MAX_RUNS) {
		fprintf(stderr, "report: at most %d runs in one report\n", MAX_RUNS);
		return -1;
	}
	runs = calloc((size_t)n, sizeof(*runs));
	if (runs == NULL) {
		fprintf(stderr, "report: out of memory\n");
		return -1;
	}
	for (; loaded < n; loaded++) {
		if (run_load(&runs[loaded].r, dirs[loaded], "report") != 0) {
			rc = -1;
			break;
		}
		judge_run(&runs[loaded].r, &runs[loaded].v);
		label_of(&runs[loaded], loaded);
	}
	if (rc == 0 && ensure_dir(out) != 0)
		rc = -1;
	if (rc == 0)
		rc = write_file(out, "verdicts.csv", runs, n, write_csv);
	if (rc == 0)
		rc = write_file(out, "REPORT.md", runs, n, write_md);
	if (rc == 0)
		fprintf(stderr, "report: wrote %s/REPORT.md (%d runs)\n", out, n);
	for (int i = 0; i < loaded; i++)
		run_free(&runs[i].r);
	free(runs);
	return rc;
}
