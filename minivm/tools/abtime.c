/*
 * abtime - interleaved wall-clock timing of a few commands, for A/B
 * comparisons on a machine shared with other work. hyperfine runs all
 * samples of one command, then all of the next: a burst of load from
 * elsewhere lands on one command only, and a PVM host's VM teardown can
 * be ten times slower for a few seconds (seen on a 2-core Intel Xeon PVM
 * host, 2026-12-02). Here every round runs each command once, in an order
 * shuffled per round, so both sides see the same machine; the paired
 * ratio (the median over rounds of this command's time over the first
 * command's in the same round) is the figure to quote.
 *
 * Usage: abtime [--runs N] [--warmup N] CMD [ARG...] [-- CMD [ARG...]]...
 * Each sample is posix_spawn to waitpid, stdin/stdout/stderr on /dev/null;
 * a command that does not exit 0 stops the run.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "phase_stamp.h"

#define MAX_CMDS 8

extern char **environ;

struct command {
	char **argv;
	double *ms; /* one sample per round */
};

/* The project's one clock (common/phase_stamp.h), in ms. */
static double now_ms(void)
{
	return (double)now_ns() / 1e6;
}

/* One run of argv; its wall time in ms, or a negative value on failure. */
static double run_once(char **argv, const posix_spawn_file_actions_t *fa)
{
	pid_t pid;
	int status;
	double t0 = now_ms();
	int err = posix_spawn(&pid, argv[0], fa, NULL, argv, environ);

	if (err) {
		fprintf(stderr, "abtime: posix_spawn %s: %s\n", argv[0], strerror(err));
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0) {
		fprintf(stderr, "abtime: waitpid: %s\n", strerror(errno));
		return -1;
	}
	double t1 = now_ms();
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "abtime: %s: exit status 0x%x\n", argv[0], status);
		return -1;
	}
	return t1 - t0;
}

/* xorshift64: enough to shuffle a handful of commands per round. */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void shuffle(int *order, int n, uint64_t *seed)
{
	for (int i = 0; i < n; i++)
		order[i] = i;
	for (int i = n - 1; i > 0; i--) {
		int j = (int)(next_random(seed) % (uint64_t)(i + 1));
		int t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}

static int compare_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The value at fraction p of the sorted copy of v (n > 0). */
static double quantile(const double *v, int n, double p, double *scratch)
{
	memcpy(scratch, v, sizeof(double) * (size_t)n);
	qsort(scratch, (size_t)n, sizeof(double), compare_double);
	return scratch[(int)(p * (n - 1) + 0.5)];
}

static int usage(void)
{
	fprintf(stderr, "usage: abtime [--runs N] [--warmup N] CMD [ARG...] [-- CMD [ARG...]]...\n"
			"Time the commands round by round, in a shuffled order each round.\n");
	return 2;
}

/* Split argv at "--" into commands; returns their number, or -1. */
static int parse_commands(int argc, char **argv, struct command *cmds)
{
	int n = 0;

	for (int i = 0; i < argc;) {
		if (n == MAX_CMDS || strcmp(argv[i], "--") == 0)
			return -1;
		cmds[n++].argv = &argv[i];
		while (i < argc && strcmp(argv[i], "--") != 0)
			i++;
		if (i < argc) {
			argv[i++] = NULL; /* end of this command's argv */
			if (i == argc)
				return -1;
		}
	}
	return n;
}

static void report(struct command *cmds, int n, int runs)
{
	double *scratch = malloc(sizeof(double) * (size_t)runs);
	double *ratio = malloc(sizeof(double) * (size_t)runs);

	if (!scratch || !ratio) {
		fprintf(stderr, "abtime: out of memory\n");
		exit(1);
	}
	for (int c = 0; c < n; c++) {
		for (int r = 0; r < runs; r++)
			ratio[r] = cmds[c].ms[r] / cmds[0].ms[r];
		printf("%-50.50s p50 %.3f ms  p25 %.3f  p10 %.3f  min %.3f  x%.3f of first (paired "
		       "p50), "
		       "n %d\n",
		       cmds[c].argv[0], quantile(cmds[c].ms, runs, 0.5, scratch),
		       quantile(cmds[c].ms, runs, 0.25, scratch),
		       quantile(cmds[c].ms, runs, 0.1, scratch),
		       quantile(cmds[c].ms, runs, 0.0, scratch),
		       quantile(ratio, runs, 0.5, scratch), runs);
	}
	free(scratch);
	free(ratio);
}

int main(int argc, char **argv)
{
	struct command cmds[MAX_CMDS];
	int runs = 100, warmup = 5, i = 1;

	for (; i + 1 < argc && strncmp(argv[i], "--", 2) == 0 && argv[i][2]; i += 2) {
		if (strcmp(argv[i], "--runs") == 0)
			runs = atoi(argv[i + 1]);
		else if (strcmp(argv[i], "--warmup") == 0)
			warmup = atoi(argv[i + 1]);
		else
			return usage();
	}
	int n = parse_commands(argc - i, argv + i, cmds);
	if (n <= 0 || runs < 1 || warmup < 0)
		return usage();

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	for (int fd = 0; fd <= 2; fd++)
		posix_spawn_file_actions_addopen(&fa, fd, "/dev/null", fd ? O_WRONLY : O_RDONLY, 0);
	for (int c = 0; c < n; c++) {
		cmds[c].ms = malloc(sizeof(double) * (size_t)runs);
		if (!cmds[c].ms) {
			fprintf(stderr, "abtime: out of memory\n");
			return 1;
		}
	}

	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	int order[MAX_CMDS];
	for (int r = -warmup; r < runs; r++) {
		shuffle(order, n, &seed);
		for (int k = 0; k < n; k++) {
			double ms = run_once(cmds[order[k]].argv, &fa);
			if (ms < 0)
				return 1;
			if (r >= 0)
				cmds[order[k]].ms[r] = ms;
		}
	}
	report(cmds, n, runs);
	return 0;
}
