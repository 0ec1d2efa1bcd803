/*
 * roster.h - the backends of a run in the order every table and plot
 * shows them: the harness's own backend table (bench/backends/backends.c) first,
 * in its order, then any other name a file mentions, by name.
 */
#ifndef BENCH_REPORT_ROSTER_H
#define BENCH_REPORT_ROSTER_H

#include "backends/backend.h"

struct rundir;

/* Fill r->backends from every file of the run. */
void roster_collect(struct rundir *r);
/* The backend's colour in every plot ("#rrggbb"); the i-th unknown name of
 * the run gets the i-th spare colour. */
const char *roster_colour(const struct rundir *r, const char *name);
/* One line for the list of backends. */
const char *roster_what(const char *name);

#endif
