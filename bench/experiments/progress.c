/*
 * progress.c - what the harness is doing, on stderr. Each experiment gets
 * a line "bench: [k/n] name ..." when it starts and one with its time when
 * it ends. In between, on a terminal, a bar redrawn in place (\r) with the
 * count and an estimate of the time left; when stderr is a file or a pipe
 * (a log, CI), where a redrawn bar would only clutter, a plain line every
 * 10 seconds instead (BENCH_PROGRESS_S sets another interval; 0: at every
 * change), so that a long run never looks hung.
 *
 * The estimate assumes the work left goes at the pace of the work done:
 * right for startup, memory and overhead (samples of one size), only a
 * rough guide for density, whose later steps start more instances.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench.h"
#include "experiments/run.h"

static const char *label;
static long total, base, shown = -1;
static int64_t started, last_line;
static int tty = -1, step_k, step_n;
static double interval_s = 10;

void progress_plan(int experiments)
{
	const char *e = getenv("BENCH_PROGRESS_S");

	step_n = experiments;
	step_k = 0;
	if (e && *e && atof(e) >= 0)
		interval_s = atof(e);
}

/* "[k/n] " when the number of experiments is known. */
static void prefix(char *buf, size_t cap)
{
	if (step_n > 0)
		snprintf(buf, cap, "[%d/%d] ", step_k, step_n);
	else
		buf[0] = '\0';
}

void progress_begin(const char *what, long n)
{
	char k[32];

	if (tty < 0)
		tty = isatty(2);
	label = what;
	total = n > 0 ? n : 1;
	base = 0;
	shown = -1;
	started = last_line = now_ns();
	step_k++;
	prefix(k, sizeof(k));
	fprintf(stderr, "bench: %s%s ...\n", k, label);
}

/* The time left, "about 2 min 10 s left", or "" before anything is done. */
static void eta(long done, char *buf, size_t cap)
{
	double spent = (double)(now_ns() - started) / 1e9, left;

	if (done <= 0 || done >= total) {
		buf[0] = '\0';
		return;
	}
	left = spent * (double)(total - done) / (double)done;
	if (left < 60)
		snprintf(buf, cap, ", about %.0f s left", left);
	else if (left < 3600)
		snprintf(buf, cap, ", about %d min %d s left", (int)left / 60, (int)left % 60);
	else
		snprintf(buf, cap, ", about %d h %d min left", (int)left / 3600,
			 (int)left % 3600 / 60);
}

static void show(long done)
{
	const int width = 40;
	char left[64], k[32];
	int64_t now = now_ns();

	if (done > total)
		done = total;
	if (done == shown)
		return;
	if (tty) {
		int filled = (int)(done * width / total);

		eta(done, left, sizeof(left));
		fprintf(stderr, "\r  [%.*s%*s] %ld/%ld%s\033[K", filled,
			"########################################", width - filled, "", done, total,
			left);
		shown = done;
		return;
	}
	if ((double)(now - last_line) / 1e9 < interval_s)
		return;
	last_line = now;
	shown = done;
	eta(done, left, sizeof(left));
	prefix(k, sizeof(k));
	fprintf(stderr, "bench: %s%s: %ld/%ld (%.0f%%), %.0f s%s\n", k, label, done, total,
		100.0 * (double)done / (double)total, (double)(now - started) / 1e9, left);
}

void progress_step(long done)
{
	base = done;
	show(done);
}

void progress_within(long part)
{
	show(base + part);
}

void progress_end(void)
{
	char k[32];

	if (tty && shown >= 0)
		fprintf(stderr, "\r\033[K");
	prefix(k, sizeof(k));
	fprintf(stderr, "bench: %s%s done in %.1f s\n", k, label,
		(double)(now_ns() - started) / 1e9);
}
