/*
 * readytime - how long a command takes to print its READY line, and to end,
 * measured as the bench harness does (docs/methodology.md): t0 just before
 * fork/exec, t_ready when the first line is read from its stdout pipe,
 * t_exit when it has been reaped. Several commands are interleaved run by
 * run, so that the machine's noise falls on all alike.
 *
 *   readytime RUNS 'CMD ARGS...' ['CMD ARGS...' ...]
 *
 * Each command is split on spaces (no quoting). Prints, per command, p50
 * and p95 of startup (to READY) and lifetime (to exit) in microseconds.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "phase_stamp.h" /* now_ns: the clock the bench harness reads */

#define MAX_CMDS 8
#define MAX_ARGS 32

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Run argv once; store startup and lifetime in ns. Returns 0, or -1 when
 * it printed nothing or failed. */
static int run_once(char **argv, uint64_t *startup, uint64_t *lifetime)
{
	char buf[256];
	int out[2], status;
	uint64_t t0;
	ssize_t n;
	pid_t pid;

	if (pipe(out) < 0) {
		perror("readytime: pipe");
		return -1;
	}
	t0 = now_ns();
	pid = fork();
	if (pid < 0) {
		perror("readytime: fork");
		return -1;
	}
	if (pid == 0) {
		close(out[0]);
		if (dup2(out[1], 1) < 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	close(out[1]);
	n = read(out[0], buf, sizeof(buf));
	*startup = now_ns() - t0;
	while (n > 0)
		n = read(out[0], buf, sizeof(buf));
	close(out[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	*lifetime = now_ns() - t0;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}

static void report(const char *cmd, uint64_t *v, int n, const char *what)
{
	qsort(v, n, sizeof(v[0]), cmp_u64);
	printf("%-9s p50 %8.0f us  p95 %8.0f us  %s\n", what, v[n / 2] / 1e3,
	       v[(n * 95) / 100 - (n >= 20)] / 1e3, cmd);
}

int main(int argc, char **argv)
{
	static char *args[MAX_CMDS][MAX_ARGS + 1];
	static uint64_t startup[MAX_CMDS][10000], lifetime[MAX_CMDS][10000];
	int runs, ncmd = argc - 2, i, c, failed = 0;

	if (argc < 3 || (runs = atoi(argv[1])) < 1 || runs > 10000 || ncmd > MAX_CMDS) {
		fprintf(stderr,
			"usage: readytime RUNS 'CMD ARGS...' ... (up to %d commands, "
			"1 to 10000 runs)\n",
			MAX_CMDS);
		return 2;
	}
	for (c = 0; c < ncmd; c++) {
		char *save = NULL, *tok;
		int a = 0;

		for (tok = strtok_r(argv[c + 2], " ", &save); tok && a < MAX_ARGS;
		     tok = strtok_r(NULL, " ", &save))
			args[c][a++] = tok;
		args[c][a] = NULL;
		if (a == 0) {
			fprintf(stderr, "readytime: empty command\n");
			return 2;
		}
	}
	for (i = 0; i < runs + 5; i++) {
		for (c = 0; c < ncmd; c++) {
			uint64_t s, l;

			if (run_once(args[c], &s, &l) < 0) {
				failed++;
				continue;
			}
			if (i >= 5) { /* the first five are warm-up */
				startup[c][i - 5] = s;
				lifetime[c][i - 5] = l;
			}
		}
	}
	if (failed) {
		fprintf(stderr, "readytime: %d runs failed\n", failed);
		return 1;
	}
	for (c = 0; c < ncmd; c++) {
		char name[512] = "";
		int a;

		for (a = 0; args[c][a]; a++)
			snprintf(name + strlen(name), sizeof(name) - strlen(name), "%s%s",
				 a ? " " : "", args[c][a]);
		report(name, startup[c], runs, "startup");
		report(name, lifetime[c], runs, "lifetime");
	}
	return 0;
}
