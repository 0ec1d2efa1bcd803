/*
 * run.c - minictr_run(): start a container, wait for it, and pass on how it
 * ended, with a time limit and with SIGINT/SIGTERM/SIGHUP handled: the
 * container is killed and its cgroup removed before we exit.
 *
 * The signals are blocked and taken synchronously with sigtimedwait, which
 * also gives the timeout: no handler, no race between a signal and the wait.
 * (PID 1 of a PID namespace gets no signal it has no handler for, except
 * SIGKILL from outside; so we forward nothing and kill instead.)
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>

#include "internal.h"
#include "phase_stamp.h"
#include "trace.h"

static int exited(pid_t pid)
{
	siginfo_t info;

	memset(&info, 0, sizeof(info));
	/* WNOWAIT: look, but leave the reaping to minictr_wait. */
	if (waitid(P_PID, pid, &info, WEXITED | WNOHANG | WNOWAIT) < 0)
		return 1;
	return info.si_pid == pid;
}

static void report_oom(const struct minictr_config *cfg, int oom)
{
	if (oom == MINICTR_OOM_LIMIT && cfg->mem_bytes)
		mc_err("out of memory: the container reached its memory limit (%llu MiB) and the "
		       "kernel killed it",
		       (unsigned long long)(cfg->mem_bytes >> 20));
	else
		mc_err("out of memory: the kernel's OOM killer killed the container, %s (an "
		       "enclosing cgroup's limit, or the machine's memory, ran out)",
		       cfg->mem_bytes ? "below its own memory limit" : "which has no memory limit");
}

/* Wait for a signal in set, for at most the time left until deadline_ns (0:
 * no deadline). Returns the signal, or 0 when the time is up. */
static int next_signal(const sigset_t *set, uint64_t deadline_ns)
{
	struct timespec ts;
	uint64_t now, left;
	int sig;

	for (;;) {
		if (!deadline_ns) {
			sig = sigwaitinfo(set, NULL);
		} else {
			now = now_ns();
			if (now >= deadline_ns)
				return 0;
			left = deadline_ns - now;
			ts.tv_sec = left / 1000000000ull;
			ts.tv_nsec = left % 1000000000ull;
			sig = sigtimedwait(set, NULL, &ts);
			if (sig < 0 && errno == EAGAIN)
				return 0;
		}
		if (sig > 0)
			return sig;
	}
}

int minictr_run(const struct minictr_config *cfg)
{
	sigset_t set, old;
	struct minictr *c;
	uint64_t deadline = 0;
	int code, sig, oom = 0;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, &old) < 0) {
		mc_err("sigprocmask: %s", strerror(errno));
		return MINICTR_EXIT_ERROR;
	}

	c = mc_start(cfg, &code);
	if (!c)
		goto out;
	if (cfg->timeout_s > 0)
		deadline = now_ns() + (uint64_t)(cfg->timeout_s * 1e9);
	for (;;) {
		if (exited(minictr_pid(c))) {
			code = minictr_wait(c, &oom);
			if (oom)
				report_oom(cfg, oom);
			break;
		}
		sig = next_signal(&set, deadline);
		if (sig == SIGCHLD)
			continue;
		minictr_destroy(c);
		if (sig == 0) {
			mc_err("timeout: the container ran past %g s and was killed",
			       cfg->timeout_s);
			code = MINICTR_EXIT_TIMEOUT;
		} else {
			code = 128 + sig;
		}
		break;
	}
out:
	if (mc_trace_fd >= 0 && c) {
		char status[16];

		snprintf(status, sizeof(status), "%d", code);
		mc_trace("exit", "PID 1 reaped, cgroup removed; status ", status);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return code;
}
