/*
 * abtime - interleaved wall-clock timing of a few commands, for A/B
 * comparisons on a machine shared with other work. hyperfine runs all
 * samples of one command, then all of the next: a burst of load from
 * elsewhere lands on one command only, and a PVM host's VM teardown can
 * be ten times slower for a few seconds (seen on a 2-core Intel Xeon PVM
 * host, 2026-12-02). Here every round runs each command once, in an order
 * shuffled per round, so all sides see the same machine; the paired
 * ratio (the median over rounds of this command's time over the first
 * command's in the same round) is the figure to quote.
 *
 *   abtime [--runs N] [--warmup N] [--ready] 'CMD [ARG...]' ['CMD [ARG...]']...
 *
 * Each command is one argument, split on spaces (no quoting, no shell).
 * Each sample starts at t0, just before fork/exec, as the bench harness
 * measures (docs/methodology.md), and gives up to two measures:
 *   lifetime  until the command has been reaped;
 *   ready     (--ready) until the first bytes of its stdout are read from
 *             a pipe: the READY line of a workload or probe.
 * stdin and stderr are /dev/null, stdout too without --ready; a command
 * that does not exit 0 stops the run.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "phase_stamp.h" /* now_ns: the clock the bench harness reads */

#define MAX_CMDS 8
#define MAX_RUNS 1000000

/* The two measures of a sample, in the order they are printed. */
enum { READY, LIFETIME, MEASURES };
static const char *const measure_names[MEASURES] = {"ready", "lifetime"};

struct command {
	char **argv;
	double *ms[MEASURES]; /* one sample per round, per measure */
};

/* The project's one clock (common/phase_stamp.h), in ms. */
static double now_ms(void)
{
	return (double)now_ns() / 1e6;
}

/* fork + execv with stdin and stderr on NULLFD and stdout on OUTFD.
 * Between fork and exec only async-signal-safe calls (dup2, execv,
 * _exit): the child runs on a copy of our memory. Returns the pid, or -1
 * after a line on stderr. */
static pid_t spawn(char **argv, int nullfd, int outfd)
{
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "abtime: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (dup2(nullfd, 0) < 0 || dup2(outfd, 1) < 0 || dup2(nullfd, 2) < 0)
			_exit(127);
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* Wait for PID (retrying on EINTR); 0 if it exited 0, else -1 after a
 * line on stderr. */
static int reap(pid_t pid, const char *name)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "abtime: waitpid: %s\n", strerror(errno));
			return -1;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "abtime: %s: exit status 0x%x\n", name, status);
		return -1;
	}
	return 0;
}

/* Read FD until end of file; *first_ms: when the first read returned
 * (the command's first output, or its end). 0, or -1 on a read error. */
static int read_all(int fd, double *first_ms)
{
	char buf[256];
	ssize_t n;

	*first_ms = -1;
	do {
		n = read(fd, buf, sizeof(buf));
		if (*first_ms < 0)
			*first_ms = now_ms();
	} while (n > 0 || (n < 0 && errno == EINTR));
	if (n < 0)
		fprintf(stderr, "abtime: read: %s\n", strerror(errno));
	return n < 0 ? -1 : 0;
}

/* One run of argv; its lifetime in ms into ms[LIFETIME] and, with READY,
 * the time to its first output into ms[READY]. 0, or -1 on failure. */
static int run_once(char **argv, int nullfd, int ready, double ms[MEASURES])
{
	int out[2] = {-1, -1};
	double t0, first = 0;
	pid_t pid;
	int rc = 0;

	/* O_CLOEXEC: the child keeps only the write end, made its fd 1 by dup2
	 * (which clears the flag), so end of file comes when it exits. */
	if (ready && pipe2(out, O_CLOEXEC) < 0) {
		fprintf(stderr, "abtime: pipe2: %s\n", strerror(errno));
		return -1;
	}
	t0 = now_ms();
	pid = spawn(argv, nullfd, ready ? out[1] : nullfd);
	if (ready) {
		close(out[1]);
		rc = pid < 0 ? -1 : read_all(out[0], &first);
		close(out[0]);
	}
	if (pid < 0 || reap(pid, argv[0]) < 0 || rc < 0)
		return -1;
	ms[LIFETIME] = now_ms() - t0;
	ms[READY] = ready ? first - t0 : 0;
	return 0;
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
	fprintf(
	    stderr,
	    "usage: abtime [--runs N] [--warmup N] [--ready] 'CMD [ARG...]' ['CMD [ARG...]']...\n"
	    "Time the commands round by round, in a shuffled order each round: their\n"
	    "lifetime, and with --ready the time to their first output on stdout.\n"
	    "Each command is one argument, split on spaces; up to 8 commands.\n");
	return 2;
}

/* A count from 0 to MAX_RUNS, or -1. */
static int parse_count(const char *s)
{
	char *end;

	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > MAX_RUNS)
		return -1;
	return (int)v;
}

/* A command line split on spaces into a NULL-terminated argv (no
 * quoting, as hyperfine -N takes its commands); NULL if it has no word,
 * or is "--" (the separator of an older abtime, which a command such as
 * `minictr run ROOT -- PROG` needs for itself). */
static char **split_command(char *line)
{
	char **argv = calloc(strlen(line) / 2 + 2, sizeof(char *));
	char *save = NULL;
	int n = 0;

	if (!argv) {
		fprintf(stderr, "abtime: out of memory\n");
		return NULL;
	}
	for (char *w = strtok_r(line, " ", &save); w; w = strtok_r(NULL, " ", &save))
		argv[n++] = w;
	if (n == 0 || strcmp(argv[0], "--") == 0) {
		free(argv);
		return NULL;
	}
	return argv;
}

/* One command per argument; returns their number, or -1. */
static int parse_commands(int argc, char **argv, struct command *cmds)
{
	if (argc > MAX_CMDS)
		return -1;
	for (int i = 0; i < argc; i++)
		if (!(cmds[i].argv = split_command(argv[i])))
			return -1;
	return argc;
}

/* One line: a measure of command C, its quantiles, its paired ratio to
 * the first command, and the command itself. */
static void report_line(struct command *cmds, int c, int m, int runs, double *ratio,
			double *scratch)
{
	const double *v = cmds[c].ms[m];

	for (int r = 0; r < runs; r++)
		ratio[r] = v[r] / cmds[0].ms[m][r];
	printf("%-8s p50 %.3f ms  p25 %.3f  p10 %.3f  min %.3f  p95 %.3f  x%.3f of first "
	       "(paired p50), n %d ",
	       measure_names[m], quantile(v, runs, 0.5, scratch), quantile(v, runs, 0.25, scratch),
	       quantile(v, runs, 0.1, scratch), quantile(v, runs, 0.0, scratch),
	       quantile(v, runs, 0.95, scratch), quantile(ratio, runs, 0.5, scratch), runs);
	for (char **a = cmds[c].argv; *a; a++)
		printf(" %s", *a);
	putchar('\n');
}

static int report(struct command *cmds, int n, int runs, int ready)
{
	double *scratch = malloc(sizeof(double) * (size_t)runs);
	double *ratio = malloc(sizeof(double) * (size_t)runs);

	if (!scratch || !ratio) {
		fprintf(stderr, "abtime: out of memory\n");
		free(scratch);
		free(ratio);
		return -1;
	}
	for (int c = 0; c < n; c++)
		for (int m = ready ? READY : LIFETIME; m < MEASURES; m++)
			report_line(cmds, c, m, runs, ratio, scratch);
	free(scratch);
	free(ratio);
	return 0;
}

/* RUNS rounds after WARMUP unrecorded ones, each command once a round in
 * a shuffled order. 0, or -1 when a run failed. */
static int measure(struct command *cmds, int n, int runs, int warmup, int ready, int nullfd)
{
	uint64_t seed = 0x9e3779b97f4a7c15ULL;
	int order[MAX_CMDS];
	double ms[MEASURES];

	for (int r = -warmup; r < runs; r++) {
		shuffle(order, n, &seed);
		for (int k = 0; k < n; k++) {
			struct command *cmd = &cmds[order[k]];

			if (run_once(cmd->argv, nullfd, ready, ms) < 0)
				return -1;
			if (r < 0)
				continue; /* a warm-up round: not recorded */
			for (int m = 0; m < MEASURES; m++)
				cmd->ms[m][r] = ms[m];
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct command cmds[MAX_CMDS];
	int runs = 100, warmup = 5, ready = 0, i;

	for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0 && argv[i][2]; i++) {
		if (strcmp(argv[i], "--ready") == 0)
			ready = 1;
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = parse_count(argv[++i]);
		else if (strcmp(argv[i], "--warmup") == 0 && i + 1 < argc)
			warmup = parse_count(argv[++i]);
		else
			return usage();
	}
	int n = parse_commands(argc - i, argv + i, cmds);
	if (n <= 0 || runs < 1 || warmup < 0)
		return usage();
	for (int c = 0; c < n; c++) {
		for (int m = 0; m < MEASURES; m++) {
			cmds[c].ms[m] = malloc(sizeof(double) * (size_t)runs);
			if (!cmds[c].ms[m]) {
				fprintf(stderr, "abtime: out of memory\n");
				return 1;
			}
		}
	}
	/* O_CLOEXEC: dup2 gives the child its own copies as fds 0 to 2. */
	int nullfd = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (nullfd < 0) {
		fprintf(stderr, "abtime: open /dev/null: %s\n", strerror(errno));
		return 1;
	}
	if (measure(cmds, n, runs, warmup, ready, nullfd) < 0 || report(cmds, n, runs, ready) < 0)
		return 1;
	return 0;
}
