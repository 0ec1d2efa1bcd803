/*
 * markdown.c - REPORT.md, the short report; see markdown.h. It must stay
 * short enough to read (about 150 lines for a default run): the host, the
 * backends (a skipped or failed one said once, there), the claims with
 * their evidence, and one table per experiment at a few N. Everything else
 * is in APPENDIX.md (appendix.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/carryover.h"
#include "report/format.h"
#include "report/lookup.h"
#include "report/markdown.h"
#include "report/roster.h"
#include "report/rules.h"

#define CELL 4096

static const char *flavour(const char *f)
{
	if (f == NULL)
		f = "";
	if (strcmp(f, "pvm") == 0)
		return "**Virtualization on this host: PVM — software virtualization, no "
		       "VMX/SVM.** Guests run on shadow page tables without VT-x/AMD-V: the "
		       "project's own minimal guest kernel (microvm) runs, a stock Linux guest "
		       "cannot boot, so linuxvm is not measured here. VM exits and first touches "
		       "of "
		       "guest memory cost differently than with hardware virtualization; these "
		       "figures say nothing about such a host (docs/kvm-flavours.md).";
	if (strcmp(f, "vmx") == 0)
		return "**Virtualization on this host: VMX (Intel VT-x) — hardware "
		       "virtualization.** "
		       "Both the minimal microVM and a full Linux guest run; VM exits and guest "
		       "page "
		       "faults are handled in hardware, as on a typical laptop or server.";
	if (strcmp(f, "svm") == 0)
		return "**Virtualization on this host: SVM (AMD-V) — hardware virtualization.** "
		       "Both "
		       "the minimal microVM and a full Linux guest run; VM exits and guest page "
		       "faults are handled in hardware, as on a typical laptop or server.";
	if (strcmp(f, "none") == 0)
		return "**Virtualization on this host: none — no usable /dev/kvm.** No VM backend "
		       "could run: only the process and the container are measured, and no claim "
		       "can be judged against a VM.";
	return "**Virtualization on this host: not recorded** (env.csv has no kvm_flavour): read "
	       "the VM figures with care.";
}

static const char *verdict_cell(const char *v)
{
	if (strcmp(v, "holds") == 0)
		return "✅ holds";
	if (strcmp(v, "holds with a caveat") == 0)
		return "⚠️ holds with a caveat";
	if (strcmp(v, "does not hold") == 0)
		return "❌ does not hold";
	if (strcmp(v, "inconclusive") == 0)
		return "❓ inconclusive";
	return "❔ not measured";
}

static const char *vm_label(const char *b)
{
	if (strcmp(b, "microvm") == 0)
		return "the minimal microVM (minivm, own guest kernel)";
	if (strcmp(b, "linuxvm") == 0)
		return "a full Linux guest (linuxvm)";
	return b;
}

/* The bold head of pair i in the claims table. */
static void pair_label(const struct verdicts *v, int i, char *buf, size_t cap)
{
	const char *role = v->role[i];

	if (strcmp(v->vctr[i], v->ctr) == 0)
		snprintf(buf, cap, "vs %s%s%s%s", vm_label(v->vm[i]), role[0] ? " [" : "", role,
			 role[0] ? " pair]" : "");
	else
		snprintf(buf, cap, "%s vs %s [%s pair: neither has a network of its own]",
			 v->vctr[i], v->vm[i], role);
}

/* Why backend b has no figures at all (skipped, or every sample failed),
 * in a few words that send the reader to the Backends table, where the
 * reason is said once; NULL when it has figures. */
static const char *gone(const struct rundir *r, const char *b)
{
	char why[8];

	if (skip_reason(r, b) && !has_figures(r, b))
		return "skipped: see Backends";
	if (failed_backend(r, b, why, sizeof(why)))
		return "failed: see Backends";
	return NULL;
}

/* Which pair answers the seed's claim, and what the other pairs answer. */
static void seed_note(FILE *f, const struct rundir *r, const struct verdicts *v)
{
	int s = seed_pair(v);

	fprintf(f, "**Which pair answers the seed's claim.** The seed compares containers with "
		   "VMs that boot a whole operating system: the pair that answers it is the "
		   "container against a full Linux guest (linuxvm) — the _seed_ pair. ");
	if (s >= 0 && has_figures(r, v->vm[s]) && has_figures(r, v->vctr[s])) {
		fprintf(f, "It was measured in this run; its outcome, claim by claim:");
		for (int c = 0; c < NCLAIMS; c++)
			fprintf(f, " %d. %s%s", c + 1, outcome_word(v->j[c][s].outcome),
				c + 1 < NCLAIMS ? ";" : ".");
		fprintf(f, " ");
	} else {
		fprintf(f,
			"It was **not measured** in this run (linuxvm %s), so this run does not "
			"answer the seed's claim; the verdicts speak only for the pairs measured. ",
			gone(r, "linuxvm") ? gone(r, "linuxvm") : "was not part of it");
	}
	fprintf(f,
		"The _minimal_ pair (container vs the project's minimal microVM) asks how "
		"light a VM can be made; the _isolation-matched_ pair (%s, which joins one "
		"network namespace made once per run instead of making its own, vs the "
		"microVM, which has no network device) takes out the one piece of work only "
		"the container does.\n\n",
		SHAREDNET);
}

/* Append to a growing text (the cells that are put together). */
static void cat(char *buf, size_t cap, const char *fmt, const char *a, const char *b, const char *c)
{
	size_t len = strlen(buf);

	snprintf(buf + len, cap - len, fmt, a, b, c);
}

/* The env.csv values of keys[i], each written with fmt[i] ("%s cores"),
 * ", " between them; a key the run lacks is left out. Returns how many
 * were written. */
static int env_list(FILE *f, const struct rundir *r, const char *const fmt[],
		    const char *const keys[], int n)
{
	int done = 0;

	for (int i = 0; i < n; i++) {
		char v[CELL / 4];

		if (run_env(r, keys[i]) == NULL || run_env(r, keys[i])[0] == '\0')
			continue;
		fprintf(f, "%s", done++ ? ", " : "");
		fprintf(f, fmt[i], md_cell(v, sizeof(v), run_env(r, keys[i])));
	}
	return done;
}

static void environment(FILE *f, const struct rundir *r)
{
	/* cgroup_mkdir_us: what one memory cgroup cost to make at the start of
	 * the run (bench/host/cgprobe.c): every start-up below includes one,
	 * and it grows with what the machine ran since boot. */
	static const char *const hf[] = {"%s",
					 "%s",
					 "%s cores",
					 "kernel %s",
					 "KVM %s",
					 "cgroups %s",
					 "a memory cgroup made in %s us (p50 of 30; it grows with "
					 "the cgroups made since boot)",
					 "commit %s",
					 "%s"};
	static const char *const hk[] = {
	    "host",	      "cpu_model",	 "cores",      "kernel",  "kvm_flavour",
	    "cgroup_version", "cgroup_mkdir_us", "git_commit", "compiler"};
	static const char *const rf[] = {"%s samples per figure",
					 "%s warm-ups dropped",
					 "backends interleaved in a shuffled order (seed %s)",
					 "a %s ms pause after each sample",
					 "density up to N = %s",
					 "%s s in all"};
	static const char *const rk[] = {"runs",      "warmup", "seed",
					 "settle_ms", "n_max",	"duration_s"};
	const char *q = run_env(r, "quick"), *in = run_env(r, "interrupted");

	fprintf(f, "## Environment\n\n**Host**: ");
	if (env_list(f, r, hf, hk, 9) == 0)
		fprintf(f, "not recorded");
	fprintf(f, ". **Run**: ");
	if (env_list(f, r, rf, rk, 6) == 0)
		fprintf(f, "not recorded");
	fprintf(f, ". Every env.csv key is in the appendix.\n\n");
	if (q && strcmp(q, "yes") == 0)
		fprintf(f, "This was a **quick** run (`bench --quick`): few samples, figures are "
			   "indicative only.\n\n");
	if (in && strcmp(in, "yes") == 0)
		fprintf(f, "**This run was interrupted**: some experiments or backends may be "
			   "missing or short.\n\n");
}

/* What the list of backends says of b in this run. */
static void status(const struct rundir *r, const char *b, char *buf, size_t cap)
{
	char why[CELL / 2];

	if (skip_reason(r, b))
		snprintf(buf, cap, "**skipped**: %s", skip_reason(r, b));
	else if (failed_backend(r, b, why, sizeof(why)))
		snprintf(buf, cap, "**failed**, every sample: %s", why);
	else if (has_figures(r, b)) {
		char key[64];
		int any = 0;

		snprintf(key, sizeof(key), "fail.%s.", b);
		for (int i = 0; i < r->nenv; i++)
			any |= strncmp(r->env[i].key, key, strlen(key)) == 0;
		snprintf(buf, cap, "measured");
		if (any) {
			why[0] = '\0';
			for (int i = 0; i < r->nenv; i++)
				if (strncmp(r->env[i].key, key, strlen(key)) == 0)
					cat(why, sizeof(why), "%s%s: %s", why[0] ? "; " : "",
					    r->env[i].key + strlen(key), r->env[i].value);
			snprintf(buf, cap, "measured; some samples failed: %s", why);
		}
	} else
		snprintf(buf, cap, "no summary figures (facts only)");
}

/* The run's warm backends, named in one sentence: why the claims leave
 * them out, and, for a pre-warmed one (a provision step, backend.h), what
 * its clock leaves out. */
static void warm_note(FILE *f, const struct rundir *r)
{
	char names[CELL] = "", pre[CELL] = "";
	int n = 0, npre = 0;

	for (int i = 0; i < r->nbackends; i++) {
		const struct backend *b = backend_by_name(r->backends[i]);

		if (b == NULL || !b->warm)
			continue;
		cat(names, sizeof(names), "%s%s%s", n++ ? ", " : "", b->name, "");
		if (b->provision)
			cat(pre, sizeof(pre), "%s%s%s", npre++ ? ", " : "", b->name, "");
	}
	if (n == 0)
		return;
	fprintf(f,
		"%s (%s) start%s each instance from a snapshot of one booted before the timed "
		"samples; %s figures stand beside the others, but the claims are about starting "
		"cold, so the verdicts do not judge %s.",
		n == 1 ? "A _warm_ backend" : "The _warm_ backends", names, n == 1 ? "s" : "",
		n == 1 ? "its" : "their", n == 1 ? "it as a VM" : "them as VMs");
	if (npre > 0)
		fprintf(f,
			" Pre-warmed (%s): each instance's VM is built before its t0 and paused "
			"before its first instruction, so its start-up is a resume; the work "
			"moved off the clock is the `provision` figure under the start-up table.",
			pre);
	fprintf(f, "\n\n");
}

static void backends(FILE *f, const struct rundir *r)
{
	char st[CELL], cell[CELL];

	fprintf(f, "## Backends\n\nOnly the backends with figures have rows in the tables "
		   "below.\n\n| backend | what it is | in this run |\n| --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		status(r, r->backends[i], st, sizeof(st));
		fprintf(f, "| %s | %s | %s |\n", r->backends[i], roster_what(r->backends[i]),
			md_cell(cell, sizeof(cell), st));
	}
	fprintf(f, "\n");
	warm_note(f, r);
}

/* The evidence cell of claim c: each listed pair's outcome and figures. */
static void evidence_cell(const struct rundir *r, const struct verdicts *v, int c, char *ev,
			  char *brief)
{
	ev[0] = brief[0] = '\0';
	for (int i = 0; i < v->nvm; i++) {
		const struct judgement *j = &v->j[c][i];
		const char *word = outcome_word(j->outcome);
		char label[256], who[96];
		int other = strcmp(v->vctr[i], v->ctr) != 0;

		/* "; " between pairs, and the container's name when the pair's
		 * is not the claims' own. */
		snprintf(who, sizeof(who), "%s%s%s", brief[0] ? "; " : "", other ? v->vctr[i] : "",
			 other ? " " : "");
		if (j->outcome != OUT_NOT_MEASURED)
			cat(brief, CELL, "%svs %s: %s", who, v->vm[i], word);
		if (!pair_listed(r, v, c, i))
			continue;
		pair_label(v, i, label, sizeof(label));
		cat(ev, CELL, "%s**%s** — %s", ev[0] ? "<br>" : "", label, "");
		if (j->outcome != OUT_NOT_MEASURED)
			cat(ev, CELL, "%s: %s%s", word, j->evidence, "");
		else if (gone(r, v->vm[i]))
			/* The reason is in the Backends table: not once per claim. */
			cat(ev, CELL, "not measured (%s %s)", v->vm[i], gone(r, v->vm[i]), "");
		else
			cat(ev, CELL, "%s%s%s", j->evidence, "", "");
	}
}

/* The claims table and how its verdicts are drawn. */
static void claims(FILE *f, const struct rundir *r, const struct verdicts *v)
{
	char *ev = malloc(CELL), *brief = malloc(CELL), *cell = malloc(2 * CELL),
	     *cell2 = malloc(CELL), why[CELL];

	if (!ev || !brief || !cell || !cell2)
		goto out;
	fprintf(f, "## The claims\n\n");
	fprintf(f, "The claims under test (docs/claims.md) say that containers, compared with VMs, "
		   "are lighter, start faster, need less computing power, use the host's operating "
		   "system and run in parallel in isolation. Each verdict is computed from this "
		   "run's figures by fixed rules (bench/report/rules.c; in full in the appendix), "
		   "on named pairs, each on its own: a full Linux guest and a minimal guest can "
		   "give different answers, and that difference is the lesson.\n\n");
	fprintf(
	    f,
	    "| # | containers ... | evidence, pair by pair (the container against a VM) | verdict "
	    "|\n| --- | --- | --- | --- |\n");
	for (int c = 0; c < NCLAIMS; c++) {
		evidence_cell(r, v, c, ev, brief);
		if (c == 4) {
			snprintf(cell2, CELL, "%s", ev);
			snprintf(ev, CELL, "%s<br>%s", md_cell(why, sizeof(why), v->ctr5), cell2);
		}
		if (!has_figures(r, v->ctr) && run_fact(r, v->ctr, "kernel_shared") == NULL) {
			char reason[CELL];

			if (failed_backend(r, v->ctr, cell2, CELL))
				snprintf(reason, sizeof(reason),
					 "failed every sample (the reasons under Backends)");
			else
				missing_reason(r, v->ctr, "", reason, sizeof(reason));
			snprintf(why, sizeof(why), "%s", ev);
			snprintf(ev, CELL, "**the container** — %.1000s<br>%.3000s", reason, why);
		}
		if (ev[0] == '\0')
			snprintf(ev, CELL, "no VM was measured in this run");
		fprintf(f, "| %d | %s (_%s_) | %s | %s<br>%s |\n", c + 1, claim_text[c],
			claim_dutch[c], md_cell(cell, 2 * CELL, ev), verdict_cell(v->verdict[c]),
			brief[0] ? md_cell(cell2, CELL, brief) : "no VM measured to compare with");
	}
	fprintf(f, "\n");
	seed_note(f, r, v);
	fprintf(f, "### How the verdicts are computed\n\n");
	fprintf(f,
		"Against each VM a rule gives _holds_ (by a margin of %g×), _partly_ or _does "
		"not hold_; _not measured_ when a figure of either side is missing (no verdict "
		"from missing data); _inconclusive_ when the 95%% interval of the ratio (a "
		"bootstrap of the ratio of medians, %d resamples) holds a bound of the rule. "
		"The claim **holds** when it holds against every VM measured, **does not "
		"hold** against none, **holds with a caveat** otherwise, and is "
		"**inconclusive** when no pair holds and some are inconclusive. The five "
		"rules in full are in the appendix.\n\n",
		RULE_MARGIN, BOOT_REPS);
out:
	free(ev);
	free(brief);
	free(cell);
	free(cell2);
}

/* Does backend b have a row of experiment ex (its figures there)? */
static int in_experiment(const struct rundir *r, const char *b, const char *ex)
{
	for (int i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].experiment, ex) == 0 && strcmp(r->rows[i].backend, b) == 0 &&
		    strcmp(r->rows[i].metric, "failed") != 0)
			return 1;
	return 0;
}

/* "p50 (p95)" of one figure, scaled by k; "–" when missing. */
static const char *p50_p95(char buf[2 * FMT_LEN + 8], double p50, double p95, double k)
{
	if (isnan(p50)) {
		snprintf(buf, 2 * FMT_LEN + 8, "–");
	} else {
		char a[FMT_LEN], b[FMT_LEN];

		snprintf(buf, 2 * FMT_LEN + 8, "%s (%s)", fmt_num(a, p50 * k), fmt_num(b, p95 * k));
	}
	return buf;
}

/* A ratio and its interval, "–" for the reference itself. */
static const char *ratio_cell(char buf[4 * FMT_LEN], double a, double b, const struct interval *ci,
			      int reference)
{
	if (reference) {
		snprintf(buf, 4 * FMT_LEN, "–");
	} else {
		char q[FMT_LEN], c[2 * FMT_LEN + 8];

		snprintf(buf, 4 * FMT_LEN, "%s%s", fmt_ratio(q, a, b), fmt_ci(c, ci));
	}
	return buf;
}

static void plot(FILE *f, const struct report_plots *p, const char *name, const char *title)
{
	char padded[512], key[64];

	snprintf(padded, sizeof(padded), " %s ", p->made ? p->made : "");
	snprintf(key, sizeof(key), " %s ", name);
	if (!p->plotting)
		fprintf(f, "_(plot %s not made: the report was made without plots)_\n\n", name);
	else if (strstr(padded, key))
		fprintf(f, "![%s](plots/%s.png) ([SVG](plots/%s.svg))\n\n", title, name, name);
	else
		fprintf(f, "_(plot %s not made: no data for it in this run)_\n\n", name);
}

/* Backend b's start-up p50 in ms and the 95% interval of that median
 * (a bootstrap, interval.h; none with few samples). */
static const char *p50_with_ci(char buf[4 * FMT_LEN], const struct rundir *r, const char *b)
{
	struct interval ci;
	double p50 = startup_p50_ci(r, b, &ci);
	char p[FMT_LEN], c[2 * FMT_LEN + 8];

	ci.lo /= 1000; /* us -> ms */
	ci.hi /= 1000;
	snprintf(buf, 4 * FMT_LEN, "%s ms%s", fmt_num(p, p50 / 1000), fmt_ci(c, &ci));
	return buf;
}

/* A pre-warmed backend's work before t0, which its start-up leaves out:
 * shown under the table, so that what moved off the clock is seen. */
static void provision_lines(FILE *f, const struct rundir *r)
{
	for (int i = 0; i < r->nbackends; i++) {
		const struct sum_row *x = find_row(r, "startup", r->backends[i], NULL, "provision");
		char a[2][FMT_LEN];

		if (x == NULL)
			continue;
		fprintf(f,
			"%s, before each start and not in its figure above: `provision` (its VM "
			"built and paused, off the clock) p50 %s ms, p95 %s ms (n %s).",
			r->backends[i], fmt_num(a[0], x->v[ST_P50] / 1000),
			fmt_num(a[1], x->v[ST_P95] / 1000), x->s[ST_N]);
		/* The question a pool answers: is its resume below a process's
		 * whole start? The medians with their intervals say how sure. */
		if (find_row(r, "startup", "process", NULL, "startup") != NULL) {
			char c[2][4 * FMT_LEN];

			fprintf(f,
				" Its start-up p50 %s against the process's %s (95%% intervals of "
				"the medians, where shown).",
				p50_with_ci(c[0], r, r->backends[i]),
				p50_with_ci(c[1], r, "process"));
		}
		fprintf(f, "\n\n");
	}
}

static void startup_table(FILE *f, const struct rundir *r, const char *ctr)
{
	double c50 = figure(r, "startup", ctr, NULL, "startup", ST_P50);
	double p50 = figure(r, "startup", "process", NULL, "startup", ST_P50);

	fprintf(f, "### Start-up\n\nWorkload noop: the READY line seen minus t0 (before the "
		   "fork), ms; spread: p95 and the range of the samples.\n\n");
	fprintf(f, "| backend | n | p50 | p95 | min–max | p50 ÷ container [95%% CI] | p50 ÷ "
		   "process |\n| --- | --- | --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		const struct sum_row *x = find_row(r, "startup", b, NULL, "startup");
		char a[4][FMT_LEN], q[2][4 * FMT_LEN];
		struct interval ci = {0, 0, 0}, none = {0, 0, 0};

		if (x == NULL)
			continue;
		if (strcmp(b, ctr) != 0)
			startup_ci(r, b, ctr, &ci);
		fprintf(f, "| %s | %s | %s | %s | %s–%s | %s | %s |\n", b, x->s[ST_N],
			fmt_num(a[0], x->v[ST_P50] / 1000), fmt_num(a[1], x->v[ST_P95] / 1000),
			fmt_num(a[2], x->v[ST_MIN] / 1000), fmt_num(a[3], x->v[ST_MAX] / 1000),
			ratio_cell(q[0], x->v[ST_P50], c50, &ci, strcmp(b, ctr) == 0),
			ratio_cell(q[1], x->v[ST_P50], p50, &none, strcmp(b, "process") == 0));
	}
	fprintf(f, "\n");
	provision_lines(f, r);
}

/* An overhead (backend − process) as a ratio to the container's, the
 * container's counted as at least the rule's floor: the figure claim 1
 * reads, so that the table and the claim say the same. */
static double floored_ratio(double o, double ctr_o)
{
	return o / (ctr_o < RULE_FLOOR_KIB ? RULE_FLOOR_KIB : ctr_o);
}

/* Any system figure below zero in the memory or density experiment? */
static int negative_system(const struct rundir *r)
{
	for (int i = 0; i < r->nrows; i++)
		if (strcmp(r->rows[i].metric, "system") == 0 && r->rows[i].v[ST_MIN] < 0)
			return 1;
	return 0;
}

static void memory_table(FILE *f, const struct rundir *r, const char *ctr)
{
	double cp = memory_overhead(r, ctr, "pss");

	fprintf(f,
		"### Memory per instance\n\nIdle workload, KiB per instance, p50 (p95): pss "
		"over the instance's host processes; cgroup = its cgroup's charge; system = "
		"the fall of MemAvailable ÷ N, one instance (p50 and range) and at the largest "
		"density N it and the container reached. Overhead = backend − process; ÷ "
		"container = that overhead over the container's, counted as at least %g KiB as "
		"in claim 1.\n\n",
		RULE_FLOOR_KIB);
	fprintf(f, "| backend | pss | pss overhead | ÷ container [95%% CI] | cgroup | system, "
		   "N = 1 | system at large N | its overhead | ÷ container |\n");
	fprintf(f, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		const struct sum_row *s1 = find_row(r, "memory", b, "idle", "system");
		int n = density_common_n(r, b, ctr), ref = strcmp(b, "process") == 0;
		char c[3][2 * FMT_LEN + 8], a[4][FMT_LEN], q[2][4 * FMT_LEN], sys[FMT_LEN + 16];
		struct interval ci = {0, 0, 0}, none = {0, 0, 0};
		double po = memory_overhead(r, b, "pss"), so = NAN, co = NAN;

		if (!in_experiment(r, b, "memory"))
			continue;
		if (strcmp(b, ctr) != 0 && !ref)
			pss_ci(r, b, ctr, RULE_FLOOR_KIB, &ci);
		snprintf(sys, sizeof(sys), "–");
		if (n > 0) {
			snprintf(sys, sizeof(sys), "%s (N = %d)",
				 fmt_num(a[0], density_at(r, b, n, "system")), n);
			so = system_overhead_at(r, b, n);
			co = system_overhead_at(r, ctr, n);
		}
		c[2][0] = '\0';
		if (s1)
			snprintf(c[2], sizeof(c[2]), "%s (%s…%s)", fmt_num(a[1], s1->v[ST_P50]),
				 fmt_num(a[2], s1->v[ST_MIN]), fmt_num(a[3], s1->v[ST_MAX]));
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", b,
			p50_p95(c[0], figure(r, "memory", b, "idle", "pss", ST_P50),
				figure(r, "memory", b, "idle", "pss", ST_P95), 1),
			fmt_num(a[0], po),
			ratio_cell(q[0], floored_ratio(po, cp), 1, &ci, ref || !strcmp(b, ctr)),
			p50_p95(c[1], figure(r, "memory", b, "idle", "cgroup", ST_P50),
				figure(r, "memory", b, "idle", "cgroup", ST_P95), 1),
			s1 ? c[2] : "–", sys, fmt_num(a[1], so),
			ratio_cell(q[1], floored_ratio(so, co), 1, &none, ref || !strcmp(b, ctr)));
	}
	fprintf(f, "\n");
	if (negative_system(r))
		fprintf(f, "A **negative** system figure is not a backend giving memory back: "
			   "MemAvailable rose while the instances were up, because something else "
			   "on the host (page cache, other jobs) freed more than they took. With "
			   "one instance that noise is as large as the figure itself, which is "
			   "why claim 1 reads system memory at the largest density N, where it is "
			   "divided by N.\n\n");
	fprintf(f, "The 16 MiB workload (mem), uss and rss are in the appendix.\n\n");
}

/* Up to three density N: the smallest, one in the middle, the largest. */
static int density_ns(const struct rundir *r, int ns[3])
{
	int all[64], n = 0, k = 0;

	for (int i = 0; i < r->nrows; i++) {
		int seen = 0;

		if (strcmp(r->rows[i].experiment, "density") != 0)
			continue;
		for (int j = 0; j < n; j++)
			seen |= all[j] == r->rows[i].n;
		if (!seen && n < 64)
			all[n++] = r->rows[i].n;
	}
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && all[j] < all[j - 1]; j--) {
			int t = all[j];

			all[j] = all[j - 1];
			all[j - 1] = t;
		}
	if (n == 0)
		return 0;
	ns[k++] = all[0];
	if (n > 2)
		ns[k++] = all[n / 2];
	if (n > 1)
		ns[k++] = all[n - 1];
	return k;
}

static void density_table(FILE *f, const struct rundir *r)
{
	int ns[3], k = density_ns(r, ns);

	fprintf(f,
		"### Density\n\nN idle instances alive at once, at %d of the N run (every N "
		"is in the appendix): system memory per instance (KiB, the fall of "
		"MemAvailable ÷ N), start-up of each instance p50 (p95) in ms, and the time "
		"to tear all N down.\n\n",
		k);
	fprintf(f, "| backend | largest N, no failure |");
	for (int i = 0; i < k; i++)
		fprintf(f, " system, N = %d |", ns[i]);
	for (int i = 0; i < k; i++)
		fprintf(f, " start-up, N = %d |", ns[i]);
	fprintf(f, " teardown of %d, ms |\n| --- | --- |", ns[k - 1]);
	for (int i = 0; i < 2 * k + 1; i++)
		fprintf(f, " --- |");
	fprintf(f, "\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		char a[FMT_LEN], c[2 * FMT_LEN + 8], n[16] = "–";
		int max = density_max_ok(r, b);

		if (!in_experiment(r, b, "density"))
			continue;
		if (max > 0)
			snprintf(n, sizeof(n), "%d", max);
		fprintf(f, "| %s | %s |", b, n);
		for (int j = 0; j < k; j++)
			fprintf(f, " %s |", fmt_num(a, density_at(r, b, ns[j], "system")));
		for (int j = 0; j < k; j++) {
			double p50 = density_at(r, b, ns[j], "startup"), p95 = NAN;

			for (int m = 0; m < r->nrows; m++) {
				const struct sum_row *x = &r->rows[m];

				if (!strcmp(x->experiment, "density") && !strcmp(x->backend, b) &&
				    !strcmp(x->metric, "startup") && x->n == ns[j])
					p95 = x->v[ST_P95];
			}
			fprintf(f, " %s |", p50_p95(c, p50, p95, 1e-3));
		}
		fprintf(f, " %s |\n", fmt_num(a, density_at(r, b, ns[k - 1], "teardown") / 1000));
	}
	fprintf(f, "\n");
}

static void overhead_table(FILE *f, const struct rundir *r, const char *ctr)
{
	static const char *const w[] = {"cpu", "syscall", "io"};

	static const char *const wf[] = {"cpu: %s iterations", "syscall: %s system calls",
					 "io: %s lines"};
	static const char *const wk[] = {"workload.cpu_n", "workload.syscall_n", "workload.io_n"};

	fprintf(f, "### Run-time overhead\n\nElapsed time as the workload reports it, ms, p50 "
		   "(p95). Workloads: ");
	if (env_list(f, r, wf, wk, 3) == 0)
		fprintf(f, "cpu, syscall and io (their sizes not recorded)");
	fprintf(f, ". ÷ process = the run-time cost claim 3 reads; ÷ container = that cost over "
		   "the container's, with its 95%% interval.\n\n| backend |");
	for (int k = 0; k < 3; k++)
		fprintf(f, " %s | ÷ process | ÷ container |", w[k]);
	fprintf(f, "\n| --- |");
	for (int k = 0; k < 9; k++)
		fprintf(f, " --- |");
	fprintf(f, "\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];

		if (!in_experiment(r, b, "overhead"))
			continue;
		fprintf(f, "| %s |", b);
		for (int k = 0; k < 3; k++) {
			char c[2 * FMT_LEN + 8], a[FMT_LEN], q[4 * FMT_LEN];
			double rv = cost_ratio(r, b, w[k]), rc = cost_ratio(r, ctr, w[k]);
			struct interval ci = {0, 0, 0};

			if (strcmp(b, ctr) != 0 && strcmp(b, "process") != 0)
				cost_ci(r, b, ctr, w[k], &ci);
			fprintf(
			    f, " %s | %s | %s |",
			    p50_p95(c, figure(r, "overhead", b, w[k], "elapsed", ST_P50),
				    figure(r, "overhead", b, w[k], "elapsed", ST_P95), 1e-6),
			    fmt_ratio(a, rv, 1),
			    ratio_cell(q, rv, rc, &ci, !strcmp(b, ctr) || !strcmp(b, "process")));
		}
		fprintf(f, "\n");
	}
	fprintf(f, "\n");
}

static void facts_table(FILE *f, const struct rundir *r)
{
	char k[CELL];

	fprintf(f,
		"### Kernel and isolation\n\nfacts.csv: what `uname -s -r` answers inside "
		"(the host runs %s) and the four isolation checks (pid 1, own hostname, at "
		"most 4 visible processes, no network interface but lo).\n\n",
		md_cell(k, sizeof(k), run_env(r, "kernel")));
	fprintf(f, "| backend | uname inside | same kernel as the host | pid inside | hostname | "
		   "visible pids | network interfaces | checks passed |\n");
	fprintf(f, "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		char c[6][CELL / 4], pass[32] = "–";
		struct isolation iso;

		if (run_fact(r, b, "pid") == NULL && run_fact(r, b, "uname") == NULL)
			continue;
		isolation_of(r, b, &iso);
		if (iso.checks)
			snprintf(pass, sizeof(pass), "%d/%d", iso.passed, iso.checks);
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", b,
			md_cell(c[0], sizeof(c[0]), run_fact(r, b, "uname")),
			md_cell(c[1], sizeof(c[1]), run_fact(r, b, "kernel_shared")),
			md_cell(c[2], sizeof(c[2]), run_fact(r, b, "pid")),
			md_cell(c[3], sizeof(c[3]), run_fact(r, b, "hostname")),
			md_cell(c[4], sizeof(c[4]), run_fact(r, b, "visible_pids")),
			md_cell(c[5], sizeof(c[5]), run_fact(r, b, "net_ifaces")), pass);
	}
	fprintf(f, "\n(The plain process is the reference: it is expected to fail the isolation "
		   "checks.)\n\n");
}

static void experiments(FILE *f, const struct rundir *r, const struct verdicts *v,
			const struct report_plots *p)
{
	fprintf(f, "## Experiments\n\n");
	if (has_experiment(r, "startup")) {
		startup_table(f, r, v->ctr);
		plot(f, p, "startup", "Start-up latency per backend");
		plot(f, p, "phases", "Start-up phases");
		write_carryover_brief(f, r);
	}
	if (has_experiment(r, "memory")) {
		memory_table(f, r, v->ctr);
		plot(f, p, "memory", "Memory per instance: workload and overhead");
	}
	if (has_experiment(r, "density")) {
		density_table(f, r);
		plot(f, p, "density-memory", "Density: system memory per instance");
		plot(f, p, "density-startup", "Density: start-up p50 and p95");
	}
	if (has_experiment(r, "overhead")) {
		overhead_table(f, r, v->ctr);
		plot(f, p, "overhead", "Run-time cost relative to the plain process");
	}
	if (r->nfacts > 0)
		facts_table(f, r);
}

void write_title(FILE *f, const struct rundir *r, const char *title)
{
	const char *host = run_env(r, "host"), *date = run_env(r, "date");

	fprintf(f, "# %s", title);
	if (host && host[0])
		fprintf(f, " — %s", host);
	if (date && date[0])
		fprintf(f, ", %s", date);
	fprintf(f, "\n\n");
}

int write_markdown(FILE *f, const struct rundir *r, const struct verdicts *v,
		   const struct report_plots *plots)
{
	write_title(f, r, "vmbench report");
	fprintf(f, "_Generated by `make report` (`bench report`) from this run's CSV files "
		   "alone; do not edit: run it again. Every figure, the rules in full, the "
		   "start-up phases and density at every N: [APPENDIX.md](APPENDIX.md)._\n\n");
	fprintf(f, "%s\n\n", flavour(run_env(r, "kvm_flavour")));
	environment(f, r);
	backends(f, r);
	claims(f, r, v);
	experiments(f, r, v, plots);
	fprintf(f, "## Appendix\n\n[APPENDIX.md](APPENDIX.md): every env.csv key, the verdict "
		   "rules in full, every figure of every experiment (density at every N, the "
		   "16 MiB workload, uss and rss), the start-up phases per backend and the "
		   "order-effects table.\n");
	return ferror(f) ? -1 : 0;
}
