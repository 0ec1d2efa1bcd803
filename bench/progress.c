/*
 * progress.c - what the harness is doing, on stderr: one line per
 * experiment; on a terminal also a bar redrawn in place (\r), which would
 * only clutter a log file, so plain output gets the lines alone.
 */
#include <stdio.h>
#include <unistd.h>

#include "bench.h"
#include "experiment.h"

static const char *label;
static long total;
static int64_t started;
static int tty = -1;
static int last_drawn = -1;

void progress_begin(const char *what, long n)
{
	if (tty < 0)
		tty = isatty(2);
	label = what;
	total = n > 0 ? n : 1;
	started = now_ns();
	last_drawn = -1;
	fprintf(stderr, "bench: %s ...\n", label);
}

void progress_step(long done)
{
	const int width = 40;
	int filled;

	if (!tty)
		return;
	if (done > total)
		done = total;
	filled = (int)(done * width / total);
	if (filled == last_drawn)
		return;
	last_drawn = filled;
	fprintf(stderr, "\r  [%.*s%*s] %ld/%ld", filled, "########################################",
		width - filled, "", done, total);
}

void progress_end(void)
{
	if (tty && last_drawn >= 0)
		fprintf(stderr, "\r\033[K");
	fprintf(stderr, "bench: %s done in %.1f s\n", label, (double)(now_ns() - started) / 1e9);
}
