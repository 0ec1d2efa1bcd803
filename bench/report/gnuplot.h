/*
 * gnuplot.h - draw the plots of a run: one gnuplot process per plot and
 * format (PNG and SVG), on the data files plotdata.c wrote.
 */
#ifndef BENCH_REPORT_GNUPLOT_H
#define BENCH_REPORT_GNUPLOT_H

#include <stddef.h>

/* Is gnuplot on the PATH? */
int gnuplot_found(void);
/* Draw each plot of `names` (space-separated) with SCRIPTS/NAME.gp into
 * DIR/plots/NAME.png and .svg; plots of an earlier report are removed
 * first. A plot that gnuplot fails on is left out, with its error on
 * stderr. The names of the plots made go to made. Returns 0, or -1 when
 * DIR/plots cannot be made. */
int draw_plots(const char *dir, const char *work, const char *scripts, const char *names,
	       char *made, size_t cap);

#endif
