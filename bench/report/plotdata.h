/*
 * plotdata.h - the small data files the gnuplot scripts (scripts/plots/)
 * plot, one per plot, and vars.gp with the backends and their colours as
 * gnuplot arrays. Times go to the plots in ms, memory in MiB.
 */
#ifndef BENCH_REPORT_PLOTDATA_H
#define BENCH_REPORT_PLOTDATA_H

#include <stddef.h>

#include "report/phases.h"

/* Write WORK/vars.gp and a .dat file per plot that has data; the names of
 * those plots go to made ("startup memory ..."). Returns 0, or -1 after
 * an error message. */
int write_plot_data(const struct rundir *r, const struct phase_median *ph, int nph,
		    const char *work, char *made, size_t cap);

#endif
