/*
 * carryover.h - does the order of the samples leak into the figures?
 * From order.csv (the samples in the order they were taken) and
 * samples.csv: each backend's start-up samples taken right after backend
 * P, against its samples taken after any other, as a ratio of medians
 * with its 95% interval. An interval clear of 1 says P's sample disturbed
 * the next one (its teardown was still running, say).
 */
#ifndef BENCH_REPORT_CARRYOVER_H
#define BENCH_REPORT_CARRYOVER_H

#include <stdio.h>

#include "report/run.h"

/* The appendix's "Order effects" paragraph and table (start-up). */
void write_carryover(FILE *f, const struct rundir *r);
/* REPORT.md's one sentence of it: the pairs clear of 1, or none. */
void write_carryover_brief(FILE *f, const struct rundir *r);

#endif
