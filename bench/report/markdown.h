/*
 * markdown.h - REPORT.md of one run, short enough to read (markdown.c):
 * the KVM flavour up front, the host, the backends, the claims with their
 * verdicts and evidence, and one table (and plots) per experiment at a few
 * N; and APPENDIX.md beside it (appendix.c) with everything else.
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

/* The first line of REPORT.md and APPENDIX.md: "# TITLE — host, date",
 * from env.csv (either left out when not recorded), and a blank line. */
void write_title(FILE *f, const struct rundir *r, const char *title);
/* Write REPORT.md to f. Returns 0, or -1 when writing failed. */
int write_markdown(FILE *f, const struct rundir *r, const struct verdicts *v,
		   const struct report_plots *plots);
/* Write APPENDIX.md to f: every env.csv key, the rules in full, every
 * summary.csv row, the start-up phases and order effects. 0, or -1. */
int write_appendix(FILE *f, const struct rundir *r, const struct phase_median *ph, int nph);
/* verdicts.csv: claim,verdict,against,outcome,figures,measure,ratio,
 * ci_low,ci_high,container,pair (pair: seed, minimal, isolation-matched). */
int write_verdicts_csv(FILE *f, const struct rundir *r, const struct verdicts *v);

#endif
