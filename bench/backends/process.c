/*
 * process.c - the baseline backend: the workload as a plain child process,
 * clone + execve (spawn_vfork), in a memory cgroup of its own. Every other backend's
 * figure is read against this one.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "minictr_cgroup.h"

static const char *workload_path;

static int process_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	if (access(o->workload, X_OK) != 0) {
		snprintf(reason, len, "unsupported here: %s: %s (run make)", o->workload,
			 strerror(errno));
		return -1;
	}
	workload_path = o->workload;
	return 0;
}

/* Everything the child needs, put together before the launch: the child
 * runs in the harness's memory (spawn_vfork), where between the clone and
 * the exec only async-signal-safe calls belong, and it may write nothing
 * but its own stack. */
struct child_plan {
	pid_t parent;
	int devnull, out, ph;
	const struct instance *in;
	char *const *argv;
	char join_failed[320]; /* "bench: join cgroup PATH" */
	char exec_failed[PATH_MAX + 32];
};

/* In the child, between clone and exec: only async-signal-safe work. */
static int process_child(void *arg)
{
	static char *const empty_env[] = {NULL};
	const struct child_plan *p = arg;
	int join;

	child_die_with_parent(p->parent);
	child_reset_signals();
	if (p->in->cg != NULL && (join = minictr_cgroup_join(p->in->cg)) != 0) {
		child_fail(p->out, p->join_failed, -join);
		_exit(127);
	}
	write_phase(p->ph, "cgroup_joined");
	if (dup2(p->devnull, 0) < 0 || dup2(p->out, 1) < 0 || dup2(p->out, 2) < 0)
		_exit(127);
	write_phase(p->ph, "exec");
	execve(workload_path, p->argv, empty_env);
	child_fail(2, p->exec_failed, errno);
	_exit(127);
}

static int process_launch(struct instance *in, char *const argv[], int want_phases)
{
	struct child_plan plan;
	int out[2], ph[2];
	pid_t pid;

	if (open_pipes(in, out, ph, want_phases) != 0)
		return -1;
	if (instance_cgroup_create(in) != 0) {
		pipes_after_start(in, out, ph, 0);
		return -1;
	}
	plan.parent = getpid();
	plan.devnull = devnull_fd();
	plan.out = out[1];
	plan.ph = ph[1];
	plan.in = in;
	plan.argv = argv;
	snprintf(plan.join_failed, sizeof(plan.join_failed), "bench: join cgroup %s",
		 instance_cgroup_path(in));
	snprintf(plan.exec_failed, sizeof(plan.exec_failed), "bench: execve %s", workload_path);
	write_phase(ph[1], "fork");
	pid = spawn_vfork(process_child, &plan);
	return after_fork(in, out, ph, pid);
}

static void process_stop(struct instance *in)
{
	kill(in->pid, SIGKILL);
}

const struct backend backend_process = {
    .name = "process",
    .kind = BACKEND_BASELINE,
    .what = "the workload as a plain process: the baseline",
    .prepare = process_prepare,
    .launch = process_launch,
    .cgroup_bytes = instance_cgroup_bytes,
    .stop = process_stop,
    .release = instance_cgroup_release,
};
