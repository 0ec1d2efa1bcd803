/* instance.c - one instance's life, as the harness sees it (instance.h). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backends/backend.h"
#include "bench.h"
#include "instance.h"
#include "loop.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif

static struct instance *live_head;
static int live_count;
static int next_id;

static void live_add(struct instance *in)
{
	in->live_prev = NULL;
	in->live_next = live_head;
	if (live_head)
		live_head->live_prev = in;
	live_head = in;
	live_count++;
}

static void live_remove(struct instance *in)
{
	if (in->live_prev)
		in->live_prev->live_next = in->live_next;
	else if (live_head == in)
		live_head = in->live_next;
	else
		return; /* not on the list */
	if (in->live_next)
		in->live_next->live_prev = in->live_prev;
	in->live_prev = in->live_next = NULL;
	live_count--;
}

struct instance *instance_live_first(void)
{
	return live_head;
}

int instance_live_count(void)
{
	return live_count;
}

int instance_fds(int want_phases)
{
	return want_phases ? 3 : 2;
}

void instance_init(struct instance *in, const struct backend *be)
{
	memset(in, 0, sizeof(*in));
	in->be = be;
	in->id = ++next_id;
	in->pidfd = in->out_fd = in->phase_fd = -1;
	in->elapsed_ns = -1;
	in->w_out = (struct watch){in, WATCH_OUT};
	in->w_pid = (struct watch){in, WATCH_PID};
}

static int launch_failed(struct instance *in, const char *what)
{
	in->failed = in->exited = 1;
	if (in->reason[0] == '\0')
		snprintf(in->reason, sizeof(in->reason), "%s failed", what);
	return -1;
}

int instance_launch(struct instance *in, char *const argv[], int want_phases)
{
	/* A pre-warmed backend does its work here, before the clock: timed
	 * apart, so that the work moved off the clock is still reported
	 * (exp_startup.c: the provision metric). */
	if (in->be->provision) {
		int64_t p0 = now_ns();

		if (in->be->provision(in, argv, want_phases) != 0)
			return launch_failed(in, "provision");
		in->provision_ns = now_ns() - p0;
	}
	in->t0 = now_ns();
	if (in->be->launch(in, argv, want_phases) != 0)
		return launch_failed(in, "launch");
	live_add(in);
	/* A pidfd becomes readable when the process exits: the exit joins the
	 * same epoll set as the output, with no SIGCHLD handler and no scan
	 * of a thousand pids per signal. It works on a zombie too, so an
	 * instance that has already ended is not missed. */
	in->pidfd = (int)syscall(SYS_pidfd_open, in->pid, 0);
	if (in->pidfd < 0) {
		set_reason(in, "pidfd_open", errno);
		in->failed = 1;
		instance_stop(in);
		/* Without a pidfd, reap it here: it was just killed. */
		waitpid(in->pid, &in->status, 0);
		instance_on_exit(in);
		return -1;
	}
	if (loop_watch(&in->w_out, in->out_fd) != 0 || loop_watch(&in->w_pid, in->pidfd) != 0) {
		set_reason(in, "epoll_ctl", errno);
		instance_fail(in, in->reason);
		return -1;
	}
	return 0;
}

static void keep_line(struct instance *in, const char *line, size_t len)
{
	if (!in->ready && strncmp(line, "READY", 5) == 0) {
		in->t_ready = now_ns();
		in->ready = 1;
		return;
	}
	if (strncmp(line, "ELAPSED ", 8) == 0)
		in->elapsed_ns = strtoll(line + 8, NULL, 10);
	snprintf(in->last_line, sizeof(in->last_line), "%.*s", (int)len, line);
	if (in->capture_len + len + 2 <= sizeof(in->capture)) {
		memcpy(in->capture + in->capture_len, line, len);
		in->capture_len += len;
		in->capture[in->capture_len++] = '\n';
		in->capture[in->capture_len] = '\0';
	}
}

/* Split what was read into lines; a line longer than the buffer is cut. */
static void take_bytes(struct instance *in, const char *buf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] == '\n' || in->line_len == sizeof(in->line) - 1) {
			in->line[in->line_len] = '\0';
			keep_line(in, in->line, in->line_len);
			in->line_len = 0;
			if (buf[i] == '\n')
				continue;
		}
		in->line[in->line_len++] = buf[i];
	}
}

static void close_output(struct instance *in)
{
	if (in->out_fd < 0)
		return;
	/* Unwatch first: a forked VMM may still hold a copy of this pipe
	 * end, and epoll follows the open file, not the fd number. */
	loop_unwatch(in->out_fd);
	close_fd(&in->out_fd);
	if (in->line_len > 0) {
		in->line[in->line_len] = '\0';
		keep_line(in, in->line, in->line_len);
		in->line_len = 0;
	}
}

void instance_on_output(struct instance *in)
{
	char buf[4096];

	while (in->out_fd >= 0) {
		ssize_t n = read(in->out_fd, buf, sizeof(buf));

		if (n > 0) {
			take_bytes(in, buf, (size_t)n);
			/* Nothing after READY is wanted: the pipe goes, and
			 * with it one descriptor per live instance (ten
			 * thousand idle instances fit a hard RLIMIT_NOFILE of
			 * 20000 with one each, not with two). A later write
			 * by the instance gets EPIPE (or SIGPIPE). */
			if (in->ready && in->drop_output_at_ready)
				close_output(in);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || errno != EAGAIN)
			close_output(in); /* EOF: every writer is gone */
		return;
	}
}

static void read_phases(struct instance *in)
{
	char buf[2048], *p, *nl;
	size_t len = 0;
	ssize_t n;

	if (in->phase_fd < 0)
		return;
	while (len < sizeof(buf) - 1 &&
	       (n = read(in->phase_fd, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += (size_t)n;
	buf[len] = '\0';
	close_fd(&in->phase_fd);
	for (p = buf; (nl = strchr(p, '\n')) != NULL && in->n_phases < INST_PHASES; p = nl + 1) {
		struct phase *ph = &in->phases[in->n_phases];
		long long ns;

		*nl = '\0';
		if (sscanf(p, "%31s %lld", ph->name, &ns) == 2) {
			ph->ns = ns;
			in->n_phases++;
		}
	}
}

void instance_on_exit(struct instance *in)
{
	if (in->exited)
		return; /* a stale event from the same epoll batch */
	if (in->pidfd >= 0) {
		int st;
		pid_t r = waitpid(in->pid, &st, WNOHANG);

		if (r == 0)
			return; /* not yet: the pidfd will say so again */
		in->status = r == in->pid ? st : 0;
		loop_unwatch(in->pidfd);
		close_fd(&in->pidfd);
	}
	/* What the workload wrote before it ended may still be in the pipe
	 * (epoll can report the exit first): read it before stamping t_exit,
	 * so that t_ready <= t_exit always holds. */
	instance_on_output(in);
	close_output(in);
	in->t_exit = now_ns();
	in->exited = 1;
	read_phases(in);
	if (in->be->release)
		in->be->release(in);
	live_remove(in);
}

void instance_stop(struct instance *in)
{
	if (in->pid > 0 && !in->exited && in->be->stop)
		in->be->stop(in);
}

void instance_fail(struct instance *in, const char *reason)
{
	if (!in->failed) {
		in->failed = 1;
		if (reason != in->reason)
			snprintf(in->reason, sizeof(in->reason), "%s", reason);
	}
	instance_stop(in);
}

void instance_explain(struct instance *in)
{
	char what[64];

	if (in->reason[0] != '\0')
		return;
	if (!in->exited)
		snprintf(what, sizeof(what), "still running");
	else if (WIFSIGNALED(in->status))
		snprintf(what, sizeof(what), "killed by signal %d", WTERMSIG(in->status));
	else
		snprintf(what, sizeof(what), "exit status %d", WEXITSTATUS(in->status));
	snprintf(in->reason, sizeof(in->reason), "%s%s%.*s", what, in->last_line[0] ? ": " : "", 80,
		 in->last_line);
}

const char *instance_output_value(const struct instance *in, const char *key, char *buf, size_t cap)
{
	size_t klen = strlen(key);
	const char *p = in->capture;

	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == ' ') {
			snprintf(buf, cap, "%.*s", (int)(len - klen - 1), p + klen + 1);
			return buf;
		}
		p += len + (nl != NULL);
	}
	return NULL;
}
