/*
 * rules.c - the verdict rules, one pure function per claim; see rules.h.
 * The constants and the wording of the evidence are the report's: a
 * change here changes every REPORT.md, so the unit tests pin both.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/format.h"
#include "report/rules.h"

const char *outcome_word(enum outcome o)
{
	switch (o) {
	case OUT_HOLDS:
		return "holds";
	case OUT_PARTLY:
		return "partly";
	case OUT_FAILS:
		return "does not hold";
	case OUT_INCONCLUSIVE:
		return "inconclusive";
	default:
		return "not measured";
	}
}

const char *combine(const enum outcome *o, int n)
{
	int measured = 0, holds = 0, fails = 0, open = 0;

	for (int i = 0; i < n; i++) {
		measured += o[i] != OUT_NOT_MEASURED;
		holds += o[i] == OUT_HOLDS;
		fails += o[i] == OUT_FAILS;
		open += o[i] == OUT_INCONCLUSIVE;
	}
	if (measured == 0)
		return "not measured";
	if (open > 0)
		return measured - open - fails > 0 ? "holds with a caveat" : "inconclusive";
	if (holds == measured)
		return "holds";
	if (fails == measured)
		return "does not hold";
	return "holds with a caveat";
}

/* Append one phrase to the evidence, "; " between phrases. */
static void add(struct judgement *j, const char *phrase)
{
	size_t len = strlen(j->evidence);

	snprintf(j->evidence + len, sizeof(j->evidence) - len, "%s%s", len ? "; " : "", phrase);
}

static void start(struct judgement *j)
{
	j->outcome = OUT_NOT_MEASURED;
	j->evidence[0] = '\0';
	j->nm = 0;
}

static void measure(struct judgement *j, const char *name, double ratio, const struct interval *ci)
{
	struct interval none = {0, NAN, NAN};

	if (j->nm < MAX_MEASURES)
		j->m[j->nm++] = (struct measure){name, ratio, ci ? *ci : none};
}

/* ", 95% CI 1.30–1.55×" when there is an interval, else "". */
static const char *ci_text(char *buf, size_t cap, const struct interval *ci)
{
	buf[0] = '\0';
	if (ci && ci->ok) {
		char lo[FMT_LEN], hi[FMT_LEN];

		snprintf(buf, cap, ", 95%% CI %s–%s×", fmt_num(lo, ci->lo), fmt_num(hi, ci->hi));
	}
	return buf;
}

/* One memory metric: the VM's overhead at least RULE_MARGIN times the
 * container's (counted as at least RULE_FLOOR_KIB) holds; larger, partly;
 * not larger, does not hold. */
static enum outcome memory_metric(double vm, double ctr)
{
	double base = ctr < RULE_FLOOR_KIB ? RULE_FLOOR_KIB : ctr;

	if (vm >= RULE_MARGIN * base)
		return OUT_HOLDS;
	if (vm > ctr)
		return OUT_PARTLY;
	return OUT_FAILS;
}

/* An overhead below -RULE_FLOOR_KIB: the instances would have given memory
 * back, which only the host's own movements can make it look like. */
static int noise_sized(double overhead)
{
	return overhead < -RULE_FLOOR_KIB;
}

void rule_lighter(const struct memory_figures *f, struct judgement *j)
{
	const char *name[2] = {"pss", "system"};
	double vm[2] = {f->vm_pss, f->vm_system}, ctr[2] = {f->ctr_pss, f->ctr_system};
	const struct interval *ci[2] = {&f->pss_ci, NULL};
	int measured = 0, holds = 0, fails = 0, open = 0;

	start(j);
	for (int m = 0; m < 2; m++) {
		char a[FMT_LEN], b[FMT_LEN], q[FMT_LEN], at[32] = "", c[64], phrase[240];
		double base = ctr[m] < RULE_FLOOR_KIB ? RULE_FLOOR_KIB : ctr[m];
		enum outcome o;

		if (isnan(vm[m]) || isnan(ctr[m]))
			continue;
		o = memory_metric(vm[m], ctr[m]);
		/* The bounds of the rule as ratios to the (floored) base: the
		 * margin, and "larger than the container's" at ctr / base. */
		if (ci[m] && (straddles(ci[m], RULE_MARGIN) || straddles(ci[m], ctr[m] / base)))
			o = OUT_INCONCLUSIVE;
		/* The system figure has no interval: it is one fall of
		 * MemAvailable per N. An overhead below minus the floor says
		 * the host's own memory (page cache, other jobs, cgroups freed
		 * late) moved more than the instances took: the figure is
		 * noise, and noise answers nothing. */
		if (noise_sized(vm[m]) || noise_sized(ctr[m]))
			o = OUT_INCONCLUSIVE;
		measured++;
		holds += o == OUT_HOLDS;
		fails += o == OUT_FAILS;
		open += o == OUT_INCONCLUSIVE;
		if (m == 1 && f->system_n > 0)
			snprintf(at, sizeof(at), " at N = %d", f->system_n);
		snprintf(phrase, sizeof(phrase), "%s overhead %s KiB vs %s KiB (%s%s)%s%s", name[m],
			 fmt_num(a, vm[m]), fmt_num(b, ctr[m]), fmt_ratio(q, vm[m], base),
			 ci_text(c, sizeof(c), ci[m]), at,
			 noise_sized(vm[m]) || noise_sized(ctr[m])
			     ? ", inconclusive: an overhead below zero is the host's noise"
			     : "");
		add(j, phrase);
		measure(j, name[m], vm[m] / base, ci[m]);
	}
	/* Both metrics must agree for a clear answer; one metric alone is
	 * only part of the evidence, whatever it says. */
	if (measured == 0)
		j->outcome = OUT_NOT_MEASURED;
	else if (open > 0)
		j->outcome = OUT_INCONCLUSIVE;
	else if (measured == 2 && holds == 2)
		j->outcome = OUT_HOLDS;
	else if (measured == 2 && fails == 2)
		j->outcome = OUT_FAILS;
	else
		j->outcome = OUT_PARTLY;
}

void rule_faster(const struct startup_figures *f, struct judgement *j)
{
	char v50[FMT_LEN], c50[FMT_LEN], q[FMT_LEN], v95[FMT_LEN], c95[FMT_LEN], c[64];

	start(j);
	if (isnan(f->vm_p50) || isnan(f->ctr_p50))
		return;
	/* A p95 that is missing does not stand in the way of "holds". */
	if (f->vm_p50 >= RULE_MARGIN * f->ctr_p50 &&
	    (isnan(f->vm_p95) || isnan(f->ctr_p95) || f->vm_p95 > f->ctr_p95))
		j->outcome = OUT_HOLDS;
	else if (f->vm_p50 > f->ctr_p50)
		j->outcome = OUT_PARTLY;
	else
		j->outcome = OUT_FAILS;
	/* The interval of the p50 ratio holds the margin or the tie line:
	 * which side the VM is on, this run cannot tell. */
	if (straddles(&f->ci, RULE_MARGIN) || straddles(&f->ci, 1))
		j->outcome = OUT_INCONCLUSIVE;
	snprintf(j->evidence, sizeof(j->evidence), "p50 %s ms vs %s ms (%s%s), p95 %s ms vs %s ms",
		 fmt_num(v50, f->vm_p50 / 1000), fmt_num(c50, f->ctr_p50 / 1000),
		 fmt_ratio(q, f->vm_p50, f->ctr_p50), ci_text(c, sizeof(c), &f->ci),
		 fmt_num(v95, f->vm_p95 / 1000), fmt_num(c95, f->ctr_p95 / 1000));
	measure(j, "p50", f->ctr_p50 > 0 ? f->vm_p50 / f->ctr_p50 : NAN, &f->ci);
}

void rule_power(const struct cost_figures *f, struct judgement *j)
{
	int measured = 0, more = 0, open = 0;

	start(j);
	for (int w = 0; w < COST_WORKLOADS; w++) {
		char a[FMT_LEN], b[FMT_LEN], extra[96] = "", phrase[240];
		double rv = f->vm[w], rc = f->ctr[w];
		const char *word = "same";

		if (f->workload[w] == NULL || isnan(rv) || isnan(rc))
			continue;
		measured++;
		if (rv > rc * (1 + RULE_TOL)) {
			word = "more";
			more++;
		} else if (rv < rc * (1 - RULE_TOL)) {
			word = "less";
		}
		/* rv ÷ rc: its interval holds a bound of the tie band. */
		if (straddles(&f->ci[w], 1 + RULE_TOL) || straddles(&f->ci[w], 1 - RULE_TOL)) {
			word = "unclear";
			open++;
		}
		if (f->ci[w].ok) {
			char q[FMT_LEN], c[64];

			snprintf(extra, sizeof(extra), "; ÷ %s%s", fmt_ratio(q, rv, rc),
				 ci_text(c, sizeof(c), &f->ci[w]));
		}
		snprintf(phrase, sizeof(phrase), "%s %s× vs %s× (%s%s)", f->workload[w],
			 fmt_num(a, rv), fmt_num(b, rc), word, extra);
		add(j, phrase);
		measure(j, f->workload[w], rc > 0 ? rv / rc : NAN, &f->ci[w]);
	}
	if (measured == 0)
		j->outcome = OUT_NOT_MEASURED;
	else if (open > 0)
		j->outcome = OUT_INCONCLUSIVE;
	else
		j->outcome = more == measured ? OUT_HOLDS : more == 0 ? OUT_FAILS : OUT_PARTLY;
}

void rule_os(const struct os_figures *f, struct judgement *j)
{
	start(j);
	if (f->vm_shared == NULL || f->ctr_shared == NULL)
		return;
	if (strcmp(f->ctr_shared, "yes") != 0)
		j->outcome = OUT_FAILS;
	else
		j->outcome = strcmp(f->vm_shared, "no") == 0 ? OUT_HOLDS : OUT_PARTLY;
	snprintf(j->evidence, sizeof(j->evidence),
		 "inside: %s (kernel shared: %s); container: %s (kernel shared: %s)",
		 f->vm_uname ? f->vm_uname : "", f->vm_shared, f->ctr_uname ? f->ctr_uname : "",
		 f->ctr_shared);
}

const char *rule_os_alone(const char *ctr_shared)
{
	if (ctr_shared == NULL)
		return "not measured";
	return strcmp(ctr_shared, "yes") == 0 ? "holds with a caveat" : "does not hold";
}

int container_parallel(const struct isolation *ctr, char *why, size_t cap)
{
	why[0] = '\0';
	if (ctr->checks == 0) {
		snprintf(why, cap, "no isolation checks recorded");
		return -1;
	}
	if (ctr->passed < ctr->checks) {
		snprintf(why, cap, "failed isolation checks: %s", ctr->failed);
		return 0;
	}
	if (!ctr->has_density) {
		snprintf(why, cap, "no density figures");
		return -1;
	}
	if (ctr->max_n < 2) {
		snprintf(why, cap, "no density run with N ≥ 2 and no failure");
		return 0;
	}
	return 1;
}

void rule_parallel(const struct isolation *ctr, const struct isolation *vm, struct judgement *j)
{
	char why[200];
	int ok = container_parallel(ctr, why, sizeof(why));

	start(j);
	if (vm->max_n == 0)
		return;
	if (ok <= 0) {
		/* Nothing recorded for the container: no verdict from it. */
		j->outcome = ok < 0 ? OUT_NOT_MEASURED : OUT_FAILS;
		snprintf(j->evidence, sizeof(j->evidence), "container: %s", why);
		return;
	}
	j->outcome = ctr->max_n > vm->max_n ? OUT_HOLDS : OUT_PARTLY;
	if (vm->checks > 0)
		snprintf(why, sizeof(why), "%d/%d pass", vm->passed, vm->checks);
	else
		snprintf(why, sizeof(why), "none recorded");
	snprintf(j->evidence, sizeof(j->evidence),
		 "up to N = %d without a failure vs the container's %d; the VM's isolation "
		 "checks: %s",
		 vm->max_n, ctr->max_n, why);
}

const char *rule_parallel_alone(const struct isolation *ctr)
{
	char why[200];
	int ok = container_parallel(ctr, why, sizeof(why));

	return ok > 0 ? "holds with a caveat" : ok == 0 ? "does not hold" : "not measured";
}

void rule_text(int claim, char *buf, size_t cap)
{
	double m = RULE_MARGIN;

	switch (claim) {
	case 1:
		snprintf(buf, cap,
			 "per-instance memory overhead (backend − process, idle workload) for pss "
			 "and system (system from the density run at the largest N all reached, "
			 "when there is one): the VM's at least %g× the container's (the "
			 "container's counted as at least %g KiB) → holds against that VM; larger "
			 "but below %g×, or only one metric → caveat; not larger → does not hold; "
			 "a system overhead below −%g KiB on either side is the host's noise → "
			 "inconclusive",
			 m, RULE_FLOOR_KIB, m, RULE_FLOOR_KIB);
		break;
	case 2:
		snprintf(buf, cap,
			 "start-up latency p50 (and p95): the VM's p50 at least %g× the "
			 "container's and its p95 larger too → holds against that VM; larger but "
			 "below %g× → caveat; not larger → does not hold",
			 m, m);
		break;
	case 3:
		snprintf(buf, cap,
			 "run-time cost relative to the plain process (elapsed p50 ÷ process p50) "
			 "for the cpu, syscall and io workloads: the VM costs more on every "
			 "workload (ratio above the container's by more than %g%%) → holds against "
			 "that VM; on some → caveat; on none → does not hold",
			 RULE_TOL * 100);
		break;
	case 4:
		snprintf(buf, cap,
			 "what `uname -s -r` answers inside each backend (facts.csv kernel_shared: "
			 "same release as the host): the container shares the host's kernel and "
			 "the VM runs one of its own → holds against that VM; both share it → "
			 "caveat; the container does not share it → does not hold");
		break;
	default:
		snprintf(buf, cap,
			 "isolation checks (workload is pid 1, own hostname, sees at most 4 "
			 "processes or has no /proc, no network interface but lo) all pass for the "
			 "container and it ran N ≥ 2 instances without a failure; against a VM: "
			 "the container ran more instances than the VM without a failure → holds; "
			 "the VM ran as many → caveat (VMs do it too); the container not isolated "
			 "or not in parallel → does not hold; nothing recorded for the container "
			 "→ not measured");
		break;
	}
}
