/*
 * markdown.h - REPORT.md of one run: the KVM flavour up front, the
 * environment, the backends, the claims with their verdicts and evidence,
 * and a table (and plots) per experiment.
 */
#ifndef BENCH_REPORT_MARKDOWN_H
#define BENCH_REPORT_MARKDOWN_H

#include <stdio.h>

#include "report/phases.h"
#include "report/verdicts.h"

struct report_plots {
	int plotting;	  /* 0: the report was made without plots */
	const char *made; /* space-separated names of the plots made */
};

/* Write REPORT.md to f. Returns 0, or -1 when writing failed. */
int write_markdown(FILE *f, const struct rundir *r, const struct verdicts *v,
		   const struct phase_median *ph, int nph, const struct report_plots *plots);
/* verdicts.csv: claim,verdict,against,outcome,figures,measure,ratio,
 * ci_low,ci_high,container,pair (pair: seed, minimal, isolation-matched). */
int write_verdicts_csv(FILE *f, const struct rundir *r, const struct verdicts *v);

#endif
