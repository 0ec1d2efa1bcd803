/* markdown.c - REPORT.md; see markdown.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/carryover.h"
#include "report/format.h"
#include "report/lookup.h"
#include "report/markdown.h"
#include "report/roster.h"

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

/* Which pair answers the seed's claim, and what the other pairs answer. */
static void seed_note(FILE *f, const struct rundir *r, const struct verdicts *v)
{
	int s = seed_pair(v);
	char why[CELL / 2];

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
		const char *skip = skip_reason(r, "linuxvm");

		if (skip == NULL && failed_backend(r, "linuxvm", why, sizeof(why)))
			skip = why;
		fprintf(f,
			"It was **not measured** in this run (%s), so this run does not answer "
			"the seed's claim; the verdicts below speak only for the pairs measured. ",
			skip ? skip : "linuxvm was not part of it");
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

static void environment(FILE *f, const struct rundir *r)
{
	char k[CELL], v[CELL];
	const char *q = run_env(r, "quick"), *in = run_env(r, "interrupted");

	fprintf(f, "## Environment\n\n| key | value |\n| --- | --- |\n");
	for (int i = 0; i < r->nenv; i++) {
		if (strncmp(r->env[i].key, "skip.", 5) == 0)
			continue;
		fprintf(f, "| %s | %s |\n", md_cell(k, sizeof(k), r->env[i].key),
			md_cell(v, sizeof(v), run_env(r, r->env[i].key)));
	}
	fprintf(f, "\n");
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

static void backends(FILE *f, const struct rundir *r)
{
	char st[CELL], cell[CELL];

	fprintf(f, "## Backends\n\n| backend | what it is | in this run |\n| --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		status(r, r->backends[i], st, sizeof(st));
		fprintf(f, "| %s | %s | %s |\n", r->backends[i], roster_what(r->backends[i]),
			md_cell(cell, sizeof(cell), st));
	}
	fprintf(f, "\n");
	for (int i = 0; i < r->nbackends; i++) {
		const struct backend *b = backend_by_name(r->backends[i]);

		if (b && b->warm) {
			fprintf(f,
				"A _warm_ backend (%s) starts each instance from a snapshot of "
				"one booted before the timed samples; its figures stand beside "
				"the others, but the claims below are about starting cold, so "
				"the verdicts do not judge it as a VM.\n\n",
				b->name);
			break;
		}
	}
}

/* A backend that has no figure of its own for the evidence tables: why,
 * or NULL when it has figures. */
static const char *absent(const struct rundir *r, const char *b, char *buf, size_t cap)
{
	char why[CELL / 2];

	if (skip_reason(r, b) && !has_figures(r, b)) {
		snprintf(buf, cap, "skipped: %s", md_cell(why, sizeof(why), skip_reason(r, b)));
		return buf;
	}
	if (failed_backend(r, b, why, sizeof(why))) {
		char cell[CELL / 2];

		snprintf(buf, cap, "failed: %s", md_cell(cell, sizeof(cell), why));
		return buf;
	}
	return NULL;
}

static void evidence_memory(FILE *f, const struct rundir *r, const char *ctr)
{
	fprintf(f, "**1. Memory per instance** (idle workload, p50, KiB; overhead = backend − "
		   "process; ratio = overhead ÷ the container's; system from the density run at "
		   "the largest N reached by the backend, the container and the process, when "
		   "there is one)\n\n");
	fprintf(f, "| backend | pss | pss overhead | system | system overhead | cgroup | cgroup "
		   "overhead | pss ovh. ÷ container [95%% CI] | system ovh. ÷ container |\n");
	fprintf(f, "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		char why[CELL], sys[FMT_LEN + 32], a[6][FMT_LEN], q[2][FMT_LEN],
		    cis[2 * FMT_LEN + 8];
		struct interval ci = {0, 0, 0};
		int n = density_common_n(r, b, ctr);
		double so, co;

		if (absent(r, b, why, sizeof(why))) {
			fprintf(f, "| %s | %s ||||||||\n", b, why);
			continue;
		}
		/* system: at the density N the verdict uses, for b and the
		 * container alike */
		if (n > 0) {
			snprintf(sys, sizeof(sys), "%s (N = %d)",
				 fmt_num(a[0], density_at(r, b, n, "system")), n);
			so = system_overhead_at(r, b, n);
			co = system_overhead_at(r, ctr, n);
		} else {
			snprintf(sys, sizeof(sys), "%s",
				 fmt_num(a[0], figure(r, "memory", b, "idle", "system", ST_P50)));
			so = memory_overhead(r, b, "system");
			co = memory_overhead(r, ctr, "system");
		}
		if (strcmp(b, ctr) != 0)
			pss_ci(r, b, ctr, -HUGE_VAL, &ci);
		fprintf(
		    f, "| %s | %s | %s | %s | %s | %s | %s | %s%s | %s |\n", b,
		    fmt_num(a[1], figure(r, "memory", b, "idle", "pss", ST_P50)),
		    fmt_num(a[2], memory_overhead(r, b, "pss")), sys, fmt_num(a[3], so),
		    fmt_num(a[4], figure(r, "memory", b, "idle", "cgroup", ST_P50)),
		    fmt_num(a[5], memory_overhead(r, b, "cgroup")),
		    fmt_ratio(q[0], memory_overhead(r, b, "pss"), memory_overhead(r, ctr, "pss")),
		    fmt_ci(cis, &ci), fmt_ratio(q[1], so, co));
	}
	fprintf(f, "\n");
}

static void evidence_startup(FILE *f, const struct rundir *r, const char *ctr)
{
	double c50 = figure(r, "startup", ctr, NULL, "startup", ST_P50);
	double p50 = figure(r, "startup", "process", NULL, "startup", ST_P50);

	fprintf(f, "**2. Start-up latency** (workload noop, READY seen minus t0)\n\n");
	fprintf(f, "| backend | p50 ms | p95 ms | p50 ÷ container [95%% CI] | p50 ÷ process |\n");
	fprintf(f, "| --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		char why[CELL], a[2][FMT_LEN], q[2][FMT_LEN], cis[2 * FMT_LEN + 8];
		struct interval ci = {0, 0, 0};
		double v50 = figure(r, "startup", b, NULL, "startup", ST_P50);
		double v95 = figure(r, "startup", b, NULL, "startup", ST_P95);

		if (absent(r, b, why, sizeof(why))) {
			fprintf(f, "| %s | %s ||||\n", b, why);
			continue;
		}
		if (strcmp(b, ctr) != 0)
			startup_ci(r, b, ctr, &ci);
		fprintf(f, "| %s | %s | %s | %s%s | %s |\n", b, fmt_num(a[0], v50 / 1000),
			fmt_num(a[1], v95 / 1000), fmt_ratio(q[0], v50, c50), fmt_ci(cis, &ci),
			fmt_ratio(q[1], v50, p50));
	}
	fprintf(f, "\n");
}

static void evidence_cost(FILE *f, const struct rundir *r, const char *ctr)
{
	static const char *const w[] = {"cpu", "syscall", "io"};

	fprintf(f, "**3. Run-time cost** (elapsed p50 ÷ the plain process's, per workload; in "
		   "brackets: ÷ the container's ratio, with its 95%% interval)\n\n");
	fprintf(f, "| backend | cpu | syscall | io |\n| --- | --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		char why[CELL];

		if (absent(r, b, why, sizeof(why))) {
			fprintf(f, "| %s | %s |||\n", b, why);
			continue;
		}
		fprintf(f, "| %s", b);
		for (int k = 0; k < 3; k++) {
			double rv = cost_ratio(r, b, w[k]), rc = cost_ratio(r, ctr, w[k]);

			if (isnan(rv)) {
				fprintf(f, " | –");
			} else {
				char a[FMT_LEN], q[FMT_LEN], cis[2 * FMT_LEN + 8];
				struct interval ci = {0, 0, 0};

				if (strcmp(b, ctr) != 0)
					cost_ci(r, b, ctr, w[k], &ci);
				fprintf(f, " | %s× (%s%s)", fmt_num(a, rv), fmt_ratio(q, rv, rc),
					fmt_ci(cis, &ci));
			}
		}
		fprintf(f, " |\n");
	}
	fprintf(f, "\n");
}

static void evidence_os(FILE *f, const struct rundir *r)
{
	char k[CELL];

	fprintf(f, "**4. Which kernel answers** (`uname -s -r` inside; the host runs %s)\n\n",
		md_cell(k, sizeof(k), run_env(r, "kernel")));
	fprintf(f, "| backend | uname inside | same kernel as the host |\n| --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		char why[CELL], u[CELL], s[CELL];

		if (run_fact(r, b, "uname") == NULL && absent(r, b, why, sizeof(why))) {
			fprintf(f, "| %s | %s ||\n", b, why);
			continue;
		}
		fprintf(f, "| %s | %s | %s |\n", b, md_cell(u, sizeof(u), run_fact(r, b, "uname")),
			md_cell(s, sizeof(s), run_fact(r, b, "kernel_shared")));
	}
	fprintf(f, "\n");
}

static void evidence_isolation(FILE *f, const struct rundir *r)
{
	fprintf(f, "**5. Isolation checks and density** (facts.csv; density: largest N run with "
		   "no failed instance)\n\n");
	fprintf(f, "| backend | pid inside | hostname | visible pids | network interfaces | checks "
		   "passed | largest N, no failure | system KiB/instance at that N |\n");
	fprintf(f, "| --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		char why[CELL], c[4][CELL / 4], pass[32] = "–", n[16] = "–", sys[FMT_LEN];
		struct isolation iso;

		if (run_fact(r, b, "pid") == NULL && absent(r, b, why, sizeof(why))) {
			fprintf(f, "| %s | %s |||||||\n", b, why);
			continue;
		}
		isolation_of(r, b, &iso);
		if (iso.checks)
			snprintf(pass, sizeof(pass), "%d/%d", iso.passed, iso.checks);
		if (iso.max_n)
			snprintf(n, sizeof(n), "%d", iso.max_n);
		fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", b,
			md_cell(c[0], sizeof(c[0]), run_fact(r, b, "pid")),
			md_cell(c[1], sizeof(c[1]), run_fact(r, b, "hostname")),
			md_cell(c[2], sizeof(c[2]), run_fact(r, b, "visible_pids")),
			md_cell(c[3], sizeof(c[3]), run_fact(r, b, "net_ifaces")), pass, n,
			fmt_num(sys, iso.max_n ? density_at(r, b, iso.max_n, "system") : NAN));
	}
	fprintf(f, "\n(The plain process is the reference: it is expected to fail the isolation "
		   "checks.)\n\n");
}

/* The claims table, the rules and the evidence. */
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
		   "run's figures by the rules below (bench/report/rules.c), on named pairs, each "
		   "on its own: a full Linux guest and a minimal guest can give different "
		   "answers, and that difference is the lesson.\n\n");
	fprintf(
	    f,
	    "| # | containers ... | evidence, pair by pair (the container against a VM) | verdict "
	    "|\n| --- | --- | --- | --- |\n");
	for (int c = 0; c < NCLAIMS; c++) {
		ev[0] = brief[0] = '\0';
		for (int i = 0; i < v->nvm; i++) {
			const struct judgement *j = &v->j[c][i];
			const char *word = outcome_word(j->outcome);

			char label[256], who[96];
			int other = strcmp(v->vctr[i], v->ctr) != 0;

			/* "; " between pairs, and the container's name when the
			 * pair's is not the claims' own. */
			snprintf(who, sizeof(who), "%s%s%s", brief[0] ? "; " : "",
				 other ? v->vctr[i] : "", other ? " " : "");
			if (j->outcome != OUT_NOT_MEASURED)
				cat(brief, CELL, "%svs %s: %s", who, v->vm[i], word);
			if (!pair_listed(r, v, c, i))
				continue;
			pair_label(v, i, label, sizeof(label));
			cat(ev, CELL, "%s**%s** — %s", ev[0] ? "<br>" : "", label, "");
			if (j->outcome != OUT_NOT_MEASURED)
				cat(ev, CELL, "%s: %s%s", word, j->evidence, "");
			else
				cat(ev, CELL, "%s%s%s", j->evidence, "", "");
		}
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
	if (!has_figures(r, "linuxvm")) {
		const char *skip = skip_reason(r, "linuxvm");

		if (skip == NULL && failed_backend(r, "linuxvm", cell2, CELL))
			fprintf(f,
				"The comparison with a full Linux guest (linuxvm) could not be "
				"measured here: it failed: %s.\n\n",
				cell2);
		else
			fprintf(f,
				"The comparison with a full Linux guest (linuxvm) could not be "
				"measured here: %s.\n\n",
				skip ? skip : "it was not part of this run");
	}
	fprintf(f, "### How the verdicts are computed\n\n");
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
	fprintf(f, "\n### Evidence, backend by backend\n\n");
	evidence_memory(f, r, v->ctr);
	evidence_startup(f, r, v->ctr);
	evidence_cost(f, r, v->ctr);
	evidence_os(f, r);
	evidence_isolation(f, r);
out:
	free(ev);
	free(brief);
	free(cell);
	free(cell2);
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
	for (int i = 0; i < n; i++) {
		const struct sum_row *x = rows[i], *p = peer_row(r, x, "process");
		char c[5][CELL / 4], s[7][FMT_LEN], q[FMT_LEN];
		static const enum stat order[7] = {ST_P50, ST_P95,  ST_P99,   ST_MIN,
						   ST_MAX, ST_MEAN, ST_STDDEV};

		for (int k = 0; k < 7; k++)
			fmt_num(s[k], x->v[order[k]]);
		fprintf(f,
			"| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | "
			"%s |\n",
			md_cell(c[0], sizeof(c[0]), x->workload),
			md_cell(c[1], sizeof(c[1]), x->parameter),
			md_cell(c[2], sizeof(c[2]), x->n_parallel),
			md_cell(c[3], sizeof(c[3]), x->metric),
			md_cell(c[4], sizeof(c[4]), x->unit), x->backend, x->s[ST_N], s[0], s[1],
			s[2], s[3], s[4], s[5], s[6],
			strcmp(x->backend, "process") == 0
			    ? "1"
			    : fmt_ratio(q, x->v[ST_P50], p ? p->v[ST_P50] : NAN));
	}
	fprintf(f, "\n");
	free(rows);
}

static void plot(FILE *f, const struct report_plots *p, const char *name, const char *title)
{
	char padded[512], key[64];

	snprintf(padded, sizeof(padded), " %s ", p->made ? p->made : "");
	snprintf(key, sizeof(key), " %s ", name);
	if (!p->plotting)
		fprintf(f, "_(plot %s not made: the report was made without plots)_\n\n", name);
	else if (strstr(padded, key))
		fprintf(f, "![%s](plots/%s.png)\n\n[%s (SVG)](plots/%s.svg)\n\n", title, name,
			title, name);
	else
		fprintf(f, "_(plot %s not made: no data for it in this run)_\n\n", name);
}

static void phase_table(FILE *f, const struct rundir *r, const struct phase_median *ph, int nph)
{
	if (nph <= 0)
		return;
	fprintf(f, "Start-up phases (median over samples of the time since the previous phase, "
		   "and median stamp since t0):\n\n");
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

static void experiments(FILE *f, const struct rundir *r, const struct phase_median *ph, int nph,
			const struct report_plots *p)
{
	static const char *const known[] = {"startup", "memory", "density", "overhead"};

	fprintf(f, "## Experiments\n\n");
	if (has_experiment(r, "startup")) {
		fprintf(f, "### Start-up\n\n`startup` = READY line read minus t0; `lifetime` = "
			   "instance reaped minus t0 (µs).\n\n");
		table(f, r, "startup");
		plot(f, p, "startup", "Start-up latency per backend");
		phase_table(f, r, ph, nph);
		plot(f, p, "phases", "Start-up phases");
		write_carryover(f, r);
	}
	if (has_experiment(r, "memory")) {
		fprintf(f,
			"### Memory per instance\n\nAll KiB per instance, measured after READY: "
			"pss/uss/rss over the instance's host processes, cgroup = its cgroup's "
			"usage (kernel memory included), system = fall of MemAvailable ÷ N.\n\n");
		table(f, r, "memory");
		plot(f, p, "memory", "Memory per instance: workload and overhead");
	}
	if (has_experiment(r, "density")) {
		fprintf(f, "### Density\n\nN idle instances alive at once: start-up of each (µs), "
			   "memory per instance (KiB), time to tear all N down (µs), failed "
			   "instances.\n\n");
		table(f, r, "density");
		plot(f, p, "density-memory", "Density: system memory per instance");
		plot(f, p, "density-startup", "Density: start-up p50 and p95");
	}
	if (has_experiment(r, "overhead")) {
		fprintf(f, "### Run-time overhead\n\n`elapsed` as the workload reports it (ns); "
			   "parameter = the workload's N (iterations, system calls, lines).\n\n");
		table(f, r, "overhead");
		plot(f, p, "overhead", "Run-time cost relative to the plain process");
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

int write_markdown(FILE *f, const struct rundir *r, const struct verdicts *v,
		   const struct phase_median *ph, int nph, const struct report_plots *plots)
{
	const char *host = run_env(r, "host"), *date = run_env(r, "date");

	fprintf(f, "# vmbench report");
	if (host && host[0])
		fprintf(f, " — %s", host);
	if (date && date[0])
		fprintf(f, ", %s", date);
	fprintf(f, "\n\n_Generated by `make report` (`bench report`) from this run's CSV files "
		   "alone; do not edit: run it again._\n\n");
	fprintf(f, "%s\n\n", flavour(run_env(r, "kvm_flavour")));
	environment(f, r);
	backends(f, r);
	claims(f, r, v);
	experiments(f, r, ph, nph, plots);
	return ferror(f) ? -1 : 0;
}
