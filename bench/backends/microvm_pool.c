/*
 * microvm_pool.c - the pre-warmed microVM: the workload in a KVM microVM
 * restored from the snapshot template AHEAD of its start and paused just
 * before its first KVM_RUN, so that the start the harness times is a
 * resume. The "pre-warmed pool" of serverless platforms, here one VM deep:
 * each instance's VM is made just before its own clock starts. A WARM
 * start, and more so than microvm-snap: left out of the report's claims.
 *
 * Why: on a PVM host KVM's fixed work per VM (KVM_CREATE_VM about 0.2 ms,
 * KVM_CREATE_VCPU and its CPUID about 0.2 ms) alone exceeds a whole fork
 * and exec of a process, so a VM made at each start cannot start sooner
 * than a process. A VM made before the start can.
 *
 * provision (before t0; timed apart into the `provision` metric): the
 * instance's pipes and memory cgroup, a worker forked from the harness
 * that joins the cgroup (the VM's memory is charged to the instance) and
 * restores the VM from the template with this instance's argv (all of
 * microvm-snap's start: /dev/kvm, the VM, the memory copy-on-write, the
 * vCPU and its registers, the argv stack), then waits at minivm's gate
 * (lib/gate.c). provision returns once the worker has said "paused".
 *
 * launch (after t0): one byte into the gate. The clock covers that
 * write, the worker's wake-up, the vCPU's first entry, the program's
 * start and its READY line; it excludes the fork, the cgroup join and
 * the whole construction of the VM. Its phases start at `resumed`.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "snaptemplate.h"
#include "vmfork.h"

/* What provision leaves for launch: the harness's end of the gate. */
struct pool_worker {
	int gate; /* write end: one byte = go, close = end unrun */
};

/* The worker's ends of the gate's two pipes, for its child function. */
struct gate_ends {
	int ready; /* write end: the worker says "paused" here */
	int go;	   /* read end: the worker waits here */
};

static double paused_timeout_s; /* --ready-timeout: so long for "paused" too */

static int pool_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	if (vm_host_ready(o, reason, len) != 0)
		return -1;
	paused_timeout_s = o->ready_timeout_s;
	return snap_templates_get(o, reason, len);
}

static void pool_finish(void)
{
	snap_templates_put();
}

/* The worker, a forked child: the cgroup first (vmfork.c), then the VM
 * from the template, up to the gate. No harness stamps (forked,
 * cgroup_joined): they would fall before t0; minivm writes its own from
 * `resumed` on. */
static void pool_child(const struct vm_child_ctx *c)
{
	const struct gate_ends *g = c->arg;
	struct vm_child_ctx unstamped = *c;

	unstamped.ph = -1;
	vm_child_begin(&unstamped);
	snap_child_run(c, g->ready, g->go);
}

/* Undo a provision: the worker killed and reaped (it never ran the
 * program), its pipes closed, its cgroup removed (only once it is
 * empty: after the reap). */
static void discard(struct instance *in)
{
	struct pool_worker *w = in->priv;

	if (w != NULL) {
		close_fd(&w->gate);
		free(w);
		in->priv = NULL;
	}
	if (in->pid > 0) {
		kill(in->pid, SIGKILL);
		while (waitpid(in->pid, NULL, 0) < 0 && errno == EINTR)
			;
		in->pid = 0;
	}
	close_fd(&in->out_fd);
	close_fd(&in->phase_fd);
	instance_cgroup_release(in);
}

/* The worker ended before the gate: its last output line says why. */
static void ended_early(struct instance *in)
{
	char buf[512];
	ssize_t n = read(in->out_fd, buf, sizeof(buf) - 1); /* non-blocking */
	char *line = buf;

	buf[n > 0 ? n : 0] = '\0';
	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (strrchr(buf, '\n'))
		line = strrchr(buf, '\n') + 1;
	snprintf(in->reason, sizeof(in->reason), "the pool's worker ended before the gate%s%.100s",
		 line[0] ? ": " : "", line);
}

/* Wait for the worker's "paused" byte. 0, or -1 with in->reason. */
static int wait_paused(struct instance *in, int ready)
{
	struct pollfd p = {.fd = ready, .events = POLLIN};
	int64_t deadline = now_ns() + (int64_t)(paused_timeout_s * 1e9);
	char b;

	for (;;) {
		int64_t left_ms = (deadline - now_ns()) / 1000000;
		int n = poll(&p, 1, left_ms > 0 ? (int)left_ms : 0);

		if (n > 0) {
			ssize_t r = read(ready, &b, 1);
			if (r == 1)
				return 0;
			if (r == 0) {
				ended_early(in);
				return -1;
			}
			if (errno == EINTR || errno == EAGAIN)
				continue;
			set_reason(in, "read of the pool's gate", errno);
			return -1;
		}
		if (n == 0) {
			snprintf(in->reason, sizeof(in->reason),
				 "the pool's worker not paused within %.0f s", paused_timeout_s);
			return -1;
		}
		if (errno != EINTR) {
			set_reason(in, "poll of the pool's gate", errno);
			return -1;
		}
		/* Ctrl-C: give up now, the teardown follows (main.c). */
		if (bench_interrupted) {
			snprintf(in->reason, sizeof(in->reason), "interrupted while provisioning");
			return -1;
		}
	}
}

static int pool_provision(struct instance *in, char *const argv[], int want_phases)
{
	int ready[2], go[2], rc;
	struct pool_worker *w = malloc(sizeof(*w));

	if (w == NULL) {
		set_reason(in, "malloc", errno);
		return -1;
	}
	/* Close-on-exec (nothing execs from the harness with these), and
	 * blocking: the worker waits in read, the harness in poll. */
	if (pipe2(ready, O_CLOEXEC) != 0) {
		set_reason(in, "pipe2", errno);
		free(w);
		return -1;
	}
	if (pipe2(go, O_CLOEXEC) != 0) {
		set_reason(in, "pipe2", errno);
		close(ready[0]);
		close(ready[1]);
		free(w);
		return -1;
	}
	struct gate_ends ends = {.ready = ready[1], .go = go[0]};
	/* Pipes, cgroup, fork (vmfork.c): in->pid, out_fd, phase_fd, cg. */
	rc = vm_fork_with(in, argv, want_phases, pool_child, NULL, &ends);
	/* The worker's ends are its own now: while we hold the "paused"
	 * one, its EOF (the worker gone) could never come. */
	close(ready[1]);
	close(go[0]);
	w->gate = go[1];
	in->priv = w;
	if (rc != 0) {
		close(ready[0]);
		discard(in);
		return -1;
	}
	rc = wait_paused(in, ready[0]);
	close(ready[0]);
	if (rc != 0) {
		discard(in);
		return -1;
	}
	return 0;
}

static int pool_launch(struct instance *in, char *const argv[], int want_phases)
{
	struct pool_worker *w = in->priv;
	const char go = 'g';

	(void)argv; /* the worker has it since provision */
	(void)want_phases;
	if (w == NULL || write(w->gate, &go, 1) != 1) {
		/* The worker died at the gate: EPIPE (SIGPIPE is ignored). */
		set_reason(in, "write to the pool's gate", w ? errno : EINVAL);
		discard(in);
		return -1;
	}
	/* The byte is in the pipe: the worker reads it before any EOF. */
	close_fd(&w->gate);
	free(w);
	in->priv = NULL;
	return 0;
}

static void pool_release(struct instance *in)
{
	struct pool_worker *w = in->priv;

	if (w != NULL) { /* launch never came: nothing of it is left */
		close_fd(&w->gate);
		free(w);
		in->priv = NULL;
	}
	instance_cgroup_release(in);
}

const struct backend backend_microvm_pool = {
    .name = "microvm-pool",
    .kind = BACKEND_VM,
    .warm = 1,
    .what = "minivm restored from the snapshot ahead of time and paused before its first "
	    "instruction (a pre-warmed pool, one VM per instance, made before t0 and timed as "
	    "`provision`): its start is a resume; warm, not in the claims",
    .prepare = pool_prepare,
    .provision = pool_provision,
    .launch = pool_launch,
    .cgroup_bytes = instance_cgroup_bytes,
    .stop = vm_stop,
    .release = pool_release,
    .finish = pool_finish,
};
