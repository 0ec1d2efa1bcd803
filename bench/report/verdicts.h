/*
 * verdicts.h - the claims of docs/claims.md judged on one run: the figures of
 * each pair (the container against each kind of VM of the backend table)
 * gathered from the run and handed to the rules of rules.h.
 */
#ifndef BENCH_REPORT_VERDICTS_H
#define BENCH_REPORT_VERDICTS_H

#include "report/rules.h"
#include "report/run.h"

#define NCLAIMS 5
#define MAX_VMS 8

/* The named pairs the claims are judged on (struct verdicts, role[]). */
#define ROLE_SEED     "seed"		  /* container vs linuxvm: a VM that boots a whole OS */
#define ROLE_MINIMAL  "minimal"		  /* container vs the minimal microVM */
#define ROLE_ISOMATCH "isolation-matched" /* container-sharednet vs microvm */
#define SHAREDNET     "container-sharednet"

struct verdicts {
	const char *ctr; /* the container the claims speak for */
	int nvm;	 /* number of pairs */
	/* Pair i: the container vctr[i] against the VM vm[i]; role[i] names
	 * it (ROLE_*, or "" for any other VM of the table). One pair per VM
	 * of the table with the container, then the isolation-matched one. */
	const char *vm[MAX_VMS];
	const char *vctr[MAX_VMS];
	const char *role[MAX_VMS];
	struct judgement j[NCLAIMS][MAX_VMS];
	const char *verdict[NCLAIMS];
	char ctr5[256]; /* claim 5: what the container did on its own */
};

extern const char *const claim_text[NCLAIMS];  /* "are much lighter", ... */
extern const char *const claim_dutch[NCLAIMS]; /* the seed's own words */

void judge_run(const struct rundir *r, struct verdicts *v);
/* The pair that answers the seed's claim (container vs linuxvm), or -1. */
int seed_pair(const struct verdicts *v);
/* Is the pair (claim c, VM i) worth a line? A VM that simply was not part
 * of the run (no figures, not skipped, not failed) is left out. */
int pair_listed(const struct rundir *r, const struct verdicts *v, int c, int i);

/* The figures behind the rules, also shown in REPORT.md's evidence. */
const char *claims_container(const struct rundir *r);
/* Memory experiment, idle workload: backend minus process, KiB; NAN when
 * either is missing. */
double memory_overhead(const struct rundir *r, const char *b, const char *metric);
/* Density system figure at N: backend minus process; NAN if missing. */
double system_overhead_at(const struct rundir *r, const char *b, int n);
/* Elapsed p50 of workload w divided by the process's; NAN if missing. */
double cost_ratio(const struct rundir *r, const char *b, const char *w);
/* Backend b's start-up p50 (us; NAN if missing) and, in ci, the 95%
 * interval of that median (ok 0 with too few samples). */
double startup_p50_ci(const struct rundir *r, const char *b, struct interval *ci);
/* The 95% intervals of the ratios to the container that REPORT.md's
 * evidence shows (interval.h): start-up p50, pss overhead, and the
 * run-time cost of workload w. ok 0 when there are too few samples. */
void startup_ci(const struct rundir *r, const char *b, const char *ctr, struct interval *ci);
/* pss: (b - process) ÷ max(container - process, floor_kib). */
void pss_ci(const struct rundir *r, const char *b, const char *ctr, double floor_kib,
	    struct interval *ci);
void cost_ci(const struct rundir *r, const char *b, const char *ctr, const char *w,
	     struct interval *ci);
/* The isolation checks of backend b from facts.csv, and its density. */
void isolation_of(const struct rundir *r, const char *b, struct isolation *iso);

#endif
