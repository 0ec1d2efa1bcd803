/*
 * outdir.h - the run's results folder: a new one by default
 * (results/<date>-<host>, with -2, -3, ... when that name is taken), and
 * locked for the whole run, so that a second run cannot write into it at
 * the same time (their rows would interleave in samples.csv).
 */
#ifndef BENCH_OUTDIR_H
#define BENCH_OUTDIR_H

#include "bench.h"

/* The exit status of a run refused because its folder is in use. */
#define EXIT_FOLDER_BUSY 4 /* 3 is "a backend produced no figure" (main.c) */

/* Make (or, for --out, take) o->out_dir and lock it. 0; -1 after a
 * message; EXIT_FOLDER_BUSY after a message when another run holds it.
 * The lock lasts until the harness ends. */
int outdir_open(struct bench_opts *o);

#endif
