/*
 * phases.h - the start-up phase breakdown from phases.csv. phases.csv
 * gives, per sample, each phase's stamp as ns since that sample's t0.
 * Within one sample the phases are put in time order and each gets the
 * time since the one before (the first: since t0). Per backend and phase
 * the breakdown is the median of those differences and the median stamp,
 * which also orders the phases.
 */
#ifndef BENCH_REPORT_PHASES_H
#define BENCH_REPORT_PHASES_H

#include "report/run.h"

struct phase_median {
	const char *backend, *phase;
	double since_prev_ns, at_ns; /* whole ns */
};

/* The medians of every backend of r that has phases, backend by backend
 * in first-seen order, each backend's phases by median stamp. Returns the
 * count (*out is malloc'd, NULL for none), or -1 when out of memory. */
int phase_medians(const struct rundir *r, struct phase_median **out);

#endif
