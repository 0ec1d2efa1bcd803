/*
 * rules.h - the verdict rules: each turns the figures of one pair
 * (the container against one kind of VM) into an outcome and one phrase of
 * evidence, and nothing else: no files, no globals, so that each rule is
 * tested on its own (tests/unit/bench/test_rules.c). verdicts.c gathers
 * the figures from a run; scripts/README.md explains the rules in words.
 *
 * A figure that was not measured is NAN (a string: NULL). A rule never
 * judges from a missing figure: the pair is "not measured" instead.
 */
#ifndef BENCH_REPORT_RULES_H
#define BENCH_REPORT_RULES_H

#include <stddef.h>

#include "report/interval.h"

/* "By a margin": the VM needs at least 1.5 times the container. */
#define RULE_MARGIN 1.5
/* Memory overheads below 64 KiB count as 64: noise, not a figure. */
#define RULE_FLOOR_KIB 64.0
/* Run-time ratios within 10% of each other count as equal. */
#define RULE_TOL 0.10

/* Inconclusive: the ratio's 95% interval holds a bound of the rule (the
 * margin, or the tie line): the run cannot tell which side it is on. */
enum outcome { OUT_NOT_MEASURED, OUT_HOLDS, OUT_PARTLY, OUT_FAILS, OUT_INCONCLUSIVE };

/* One ratio a rule used, with its interval (ok 0: none), for
 * verdicts.csv. */
struct measure {
	const char *name; /* "pss", "system", "p50", "cpu", ... */
	double ratio;
	struct interval ci;
};
#define MAX_MEASURES 3

#define EVIDENCE_LEN 512
struct judgement {
	enum outcome outcome;
	char evidence[EVIDENCE_LEN]; /* "" when not measured: the caller says why */
	struct measure m[MAX_MEASURES];
	int nm;
};

/* 1. Lighter: per-instance memory overhead (backend - process), KiB. */
struct memory_figures {
	double vm_pss, ctr_pss;
	double vm_system, ctr_system;
	int system_n;		/* the density N of the system figures; 0: memory experiment */
	struct interval pss_ci; /* of the pss overhead ÷ the container's (floored) */
};
void rule_lighter(const struct memory_figures *f, struct judgement *j);

/* 2. Start faster: start-up latency, µs. */
struct startup_figures {
	double vm_p50, vm_p95, ctr_p50, ctr_p95;
	struct interval ci; /* of vm p50 ÷ container p50 */
};
void rule_faster(const struct startup_figures *f, struct judgement *j);

/* 3. Less computing power: elapsed p50 / the process's, per workload. */
#define COST_WORKLOADS 3
struct cost_figures {
	const char *workload[COST_WORKLOADS];
	double vm[COST_WORKLOADS], ctr[COST_WORKLOADS];
	struct interval ci[COST_WORKLOADS]; /* of vm ÷ container (the process cancels) */
};
void rule_power(const struct cost_figures *f, struct judgement *j);

/* 4. The host's OS: facts.csv uname and kernel_shared ("yes"/"no"). */
struct os_figures {
	const char *vm_uname, *vm_shared, *ctr_uname, *ctr_shared;
};
void rule_os(const struct os_figures *f, struct judgement *j);
/* Claim 4 when no VM could be compared: from the container alone. */
const char *rule_os_alone(const char *ctr_shared);

/* 5. In parallel, in isolation. */
struct isolation {
	int checks, passed; /* isolation checks recorded and passed */
	char failed[160];   /* "name=value, ..." of the failed ones */
	int has_density;    /* any density start-up figure */
	int max_n;	    /* largest N with no failed instance */
};
/* 1 when the container is isolated and ran N >= 2; else 0 and why (or,
 * with nothing recorded, -1: not measured) in why. */
int container_parallel(const struct isolation *ctr, char *why, size_t cap);
void rule_parallel(const struct isolation *ctr, const struct isolation *vm, struct judgement *j);
/* Claim 5 when no VM could be compared. */
const char *rule_parallel_alone(const struct isolation *ctr);

/* One claim's verdict from its pairs: "holds" when it holds against every
 * VM measured, "does not hold" against none, "holds with a caveat"
 * otherwise, "not measured" when no pair was. Inconclusive pairs: with
 * pairs that hold, "holds with a caveat"; otherwise "inconclusive". */
const char *combine(const enum outcome *o, int n);
/* The rule of claim c (1..5) in one sentence, for REPORT.md. */
void rule_text(int claim, char *buf, size_t cap);
/* holds / partly / does not hold / inconclusive / not measured */
const char *outcome_word(enum outcome o);

#endif
