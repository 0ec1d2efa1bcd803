/*
 * roster.h - the backends of a run in the order every table and plot
 * shows them: the harness's own backend table (bench/backends.c) first,
 * in its order, then any other name a file mentions, by name.
 */
#ifndef BENCH_REPORT_ROSTER_H
#define BENCH_REPORT_ROSTER_H

#include "backend.h"

struct rundir;

/* Fill r->backends from every file of the run. */
void roster_collect(struct rundir *r);
/* The backend table's entry for NAME, or NULL (a name from an older or
 * another build). */
const struct backend *roster_backend(const char *name);
/* Is NAME a VM in the backend table? */
int roster_is_vm(const char *name);
/* The backend's colour in every plot ("#rrggbb"); the i-th unknown name of
 * the run gets the i-th spare colour. */
const char *roster_colour(const struct rundir *r, const char *name);
/* One line for the list of backends. */
const char *roster_what(const char *name);

#endif
