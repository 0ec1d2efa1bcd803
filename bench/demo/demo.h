/*
 * demo.h - `bench demo`: the classroom demo. Each backend runs the noop
 * workload once, traced where it can be (minictr and minivm --trace), and
 * the steps to READY are printed side by side; then a few quick headline
 * figures. One screen, a few seconds.
 */
#ifndef BENCH_DEMO_H
#define BENCH_DEMO_H

#include "bench.h"

/* Rows a column may have: with the header and the figures, one screen. */
#define DEMO_ROWS 28

/* One step of a column: when it ended (ms since bench forked the
 * instance) and its name; count > 1 when like steps were folded into one. */
struct demo_row {
	double ms;
	char step[32];
	int count;
};

struct demo_column {
	const char *title;
	struct demo_row rows[DEMO_ROWS];
	int n;
	char error[160]; /* why the column is empty, or "" */
};

/* demo_trace.c: run the noop workload in a forked child through the
 * runtime ("container") or minivm ("microvm") library with the trace on,
 * and turn its lines into rows up to READY. 0, or -1 with col->error. */
int demo_traced(const struct bench_opts *o, const char *backend, struct demo_column *col);
/* Add a row; a step whose first word is the previous row's is folded into it. */
void demo_add_row(struct demo_column *col, double ms, const char *step);

/* demo.c: the `bench demo` command (argv[0] is "demo"). Exit status. */
int bench_demo(int argc, char **argv);

#endif
