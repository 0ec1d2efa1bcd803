/*
 * demo_trace.c - one traced start for `bench demo`: fork, and in the child
 * run the noop workload through the runtime or minivm library with the
 * trace on (minictr/minivm --trace, the same code), its trace lines on one
 * pipe and the workload's stdout on another. The parent stamps READY when
 * the line arrives, reads the trace, and keeps the steps up to READY.
 *
 * Times: the trace counts from the library's start, which is in the child
 * just after the fork; the child first writes "t0 NS" (its clock at that
 * point) on the trace pipe, so every step is shown as time since the
 * parent forked, the same origin as READY and as bench's own start-up.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backends/backend.h"
#include "demo.h"
#include "minictr.h"
#include "minivm.h"

#define TRACE_MAX (32 * 1024)

/* In the child: run the workload with the trace on fd trace_fd. */
static int child_run(const struct bench_opts *o, const char *backend, int out_fd, int trace_fd)
{
	if (strcmp(backend, "container") == 0) {
		static char *const argv[] = {"/bin/workload", "noop", NULL};
		struct minictr_config cfg;

		minictr_config_init(&cfg);
		cfg.rootfs = o->image;
		cfg.argv = argv;
		cfg.stdin_fd = devnull_fd();
		cfg.stdout_fd = out_fd;
		cfg.stderr_fd = trace_fd;
		cfg.timeout_s = o->ready_timeout_s;
		cfg.trace = 1;
		return minictr_run(&cfg);
	}
	static char *const argv[] = {"workload", "noop", NULL};
	struct minivm_config cfg;

	minivm_config_init(&cfg);
	cfg.program = o->workload;
	cfg.argc = 2;
	cfg.argv = argv;
	cfg.stdin_fd = -1;
	cfg.stdout_fd = out_fd;
	cfg.stderr_fd = trace_fd;
	cfg.timeout_s = o->ready_timeout_s;
	cfg.trace = 1;
	return minivm_run(&cfg);
}

static pid_t start(const struct bench_opts *o, const char *backend, int out[2], int tr[2])
{
	pid_t pid = fork();

	if (pid != 0)
		return pid;
	char line[32];
	int n = snprintf(line, sizeof(line), "t0 %lld\n", (long long)now_ns());

	close(out[0]);
	close(tr[0]);
	child_reset_signals();
	if (write(tr[1], line, (size_t)n) != n)
		_exit(125);
	_exit(child_run(o, backend, out[1], tr[1]));
}

/* Read what is there; 0 at EOF (fd closed), 1 if more may come. */
static int drain(int *fd, char *buf, size_t *len, size_t cap)
{
	/* Past cap, the rest is read and dropped, so the child never blocks. */
	static char scratch[4096];

	for (;;) {
		int keep = *len < cap;
		ssize_t n =
		    read(*fd, keep ? buf + *len : scratch, keep ? cap - *len : sizeof(scratch));

		if (n > 0 && keep)
			*len += (size_t)n;
		if (n > 0)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			return 1;
		close_fd(fd);
		return 0;
	}
}

/* Watch both pipes until both are closed; t_ready when READY arrived. */
static void collect(int out_fd, int tr_fd, char *trace, size_t *trace_len, int64_t *t_ready,
		    int64_t deadline)
{
	char out[256];
	size_t out_len = 0;

	while ((out_fd >= 0 || tr_fd >= 0) && now_ns() < deadline && !bench_interrupted) {
		struct pollfd p[2] = {{out_fd, POLLIN, 0}, {tr_fd, POLLIN, 0}};

		if (poll(p, 2, 100) < 0 && errno != EINTR)
			break;
		if (out_fd >= 0 && p[0].revents) {
			drain(&out_fd, out, &out_len, sizeof(out) - 1);
			out[out_len] = '\0';
			if (!*t_ready && strstr(out, "READY\n"))
				*t_ready = now_ns();
		}
		if (tr_fd >= 0 && p[1].revents)
			drain(&tr_fd, trace, trace_len, TRACE_MAX - 1);
	}
	close_fd(&out_fd);
	close_fd(&tr_fd);
	trace[*trace_len] = '\0';
}

/* The step of a trace line: the 26 columns after the two times, trimmed. */
static int parse_line(const char *line, double *ms, char *step, size_t size)
{
	double delta;
	int off = 0;

	if (sscanf(line, "%*s %lf ms %lf %n", ms, &delta, &off) != 2 || off == 0)
		return -1;
	size_t n = 0;
	while (line[off + n] && line[off + n] != '\n' && n < 26 && n < size - 1) {
		step[n] = line[off + n];
		n++;
	}
	while (n > 0 && step[n - 1] == ' ')
		n--;
	step[n] = '\0';
	/* The columns are narrow: KVM_SET_USER_MEMORY_REGION loses its prefix. */
	if (strncmp(step, "KVM_", 4) == 0)
		memmove(step, step + 4, n - 3);
	return 0;
}

void demo_add_row(struct demo_column *col, double ms, const char *step)
{
	if (col->n > 0) {
		struct demo_row *last = &col->rows[col->n - 1];
		size_t w = strcspn(step, " ");

		if (strncmp(last->step, step, w) == 0 && (last->step[w] == ' ' || !last->step[w])) {
			last->ms = ms;
			last->count++;
			last->step[w] = '\0'; /* the fold keeps the first word only */
			return;
		}
	}
	/* The last row is kept for READY: a column always ends there. */
	if (col->n == DEMO_ROWS || (col->n == DEMO_ROWS - 1 && strcmp(step, "READY") != 0))
		return;
	col->rows[col->n].ms = ms;
	col->rows[col->n].count = 1;
	snprintf(col->rows[col->n].step, sizeof(col->rows[0].step), "%s", step);
	col->n++;
}

static void to_rows(const char *trace, int64_t t_fork, int64_t t_ready, struct demo_column *col)
{
	double ready_ms = (double)(t_ready - t_fork) / 1e6, offset_ms = 0, ms;
	long long t0;
	char step[32];

	if (sscanf(trace, "t0 %lld", &t0) == 1)
		offset_ms = (double)(t0 - t_fork) / 1e6;
	demo_add_row(col, 0, "fork");
	for (const char *l = strchr(trace, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
		if (parse_line(l + 1, &ms, step, sizeof(step)) != 0)
			continue;
		if (offset_ms + ms > ready_ms)
			break;
		demo_add_row(col, offset_ms + ms, step);
		/* minivm: the hypercall that writes READY to fd 1 is READY's
		 * own step; what follows it (the EXIT) happened before the line
		 * reached us, but after READY. */
		const char *end = strchr(l + 1, '\n');
		const char *fd1 = strstr(l + 1, "bytes to fd 1");
		if (fd1 && (!end || fd1 < end))
			break;
	}
	demo_add_row(col, ready_ms, "READY");
}

int demo_traced(const struct bench_opts *o, const char *backend, struct demo_column *col)
{
	int out[2], tr[2], status = 0;
	int64_t t_fork, t_ready = 0;
	size_t len = 0;
	char *trace = malloc(TRACE_MAX);

	if (!trace || open_pipe(out) != 0) {
		snprintf(col->error, sizeof(col->error), "malloc or pipe failed");
		free(trace);
		return -1;
	}
	if (open_pipe(tr) != 0) {
		snprintf(col->error, sizeof(col->error), "pipe: %s", strerror(errno));
		close(out[0]);
		close(out[1]);
		free(trace);
		return -1;
	}
	t_fork = now_ns();
	pid_t pid = start(o, backend, out, tr);
	close(out[1]);
	close(tr[1]);
	if (pid < 0) {
		snprintf(col->error, sizeof(col->error), "fork: %s", strerror(errno));
		close(out[0]);
		close(tr[0]);
		free(trace);
		return -1;
	}
	collect(out[0], tr[0], trace, &len, &t_ready,
		now_ns() + (int64_t)(o->ready_timeout_s * 1e9));
	/* Gone already, unless the deadline passed: SIGTERM lets minictr and
	 * minivm tear down what they made. */
	kill(pid, SIGTERM);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!t_ready) {
		snprintf(col->error, sizeof(col->error), "no READY (status %d)",
			 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		free(trace);
		return -1;
	}
	to_rows(trace, t_fork, t_ready, col);
	free(trace);
	return 0;
}
