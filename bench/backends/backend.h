/*
 * backend.h - the one small interface every way of running the workload
 * implements: process, container, microvm, linuxvm (and peers).
 *
 * The harness owns the clock and the waiting: it stamps t0, calls launch(),
 * then watches the instance's stdout pipe (for READY) and a pidfd (for its
 * exit) in its single epoll loop (instances/loop.c). A backend only knows how to
 * start, measure, stop and clean up one instance of its kind.
 */
#ifndef BENCH_BACKEND_H
#define BENCH_BACKEND_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "instances/instance.h"
#include "phase_stamp.h" /* write_phase: the children's "name ns" stamps */

struct bench_opts;

/* What a backend is, for the report: the claims compare the container
 * with each kind of VM (bench/report/). */
enum backend_kind { BACKEND_BASELINE, BACKEND_CONTAINER, BACKEND_VM };

struct backend {
	const char *name;
	enum backend_kind kind;
	const char *what; /* one line for the report's list of backends */
	/* 1: started warm: from a snapshot of an already booted instance,
	 * or made ahead (provision). The claims are about cold start: the
	 * report leaves it out of them. */
	int warm;
	/* Once per run, before any launch. Returns 0 when the backend can run
	 * here; otherwise -1 and a reason starting "unsupported here: ". */
	int (*prepare)(const struct bench_opts *o, char *reason, size_t len);
	/* NULL for all but a pre-warmed backend: make the instance ready to
	 * start, before its clock (instance_launch calls it just before it
	 * stamps t0 and times it apart: in->provision_ns). It must have
	 * finished all its work when it returns, so that none of it overlaps
	 * the instance's clock; launch() then only lets it go. Returns 0, or
	 * -1 with in->reason set and nothing left behind. */
	int (*provision)(struct instance *in, char *const argv[], int want_phases);
	/* Start the workload with argv (argv[0] = "workload"). Sets in->pid,
	 * in->out_fd (non-blocking, close-on-exec) and in->phase_fd when
	 * want_phases. Returns 0, or -1 with in->reason set and nothing left
	 * behind. The harness stamps in->t0 just before the call. */
	int (*launch)(struct instance *in, char *const argv[], int want_phases);
	/* Bytes charged to the instance's own cgroup, kernel memory included;
	 * -1 when unknown. */
	int64_t (*cgroup_bytes)(const struct instance *in);
	/* Make the instance end (idempotent; does not wait). */
	void (*stop)(struct instance *in);
	/* After the harness has reaped in->pid: free what launch() made. */
	void (*release)(struct instance *in);
	/* Once at the end of the run. May be NULL. */
	void (*finish)(void);
};

/* The backends this build has, in their fixed report order. */
extern const struct backend backend_process, backend_container, backend_microvm, backend_linuxvm,
    backend_runc;
extern const struct backend backend_microvm_snap, backend_microvm_pool;
extern const struct backend backend_container_sharednet;
const struct backend *backend_by_name(const char *name);
int backend_count(void);
const struct backend *backend_at(int i);

/* Helpers the backends share (backend_util.c). */
int open_pipe(int fds[2]);	/* close-on-exec; read end non-blocking */
int devnull_fd(void);		/* one shared /dev/null for stdin */
void close_fd(int *fd);		/* close and set to -1, if open */
void child_reset_signals(void); /* default dispositions, nothing blocked */
/* In a child the harness has just forked (before exec): die with the
 * harness, race-free; exits CHILD_EXIT_ORPHAN if the harness is already
 * gone. parent is getpid() of the harness, taken before the fork. */
#define CHILD_EXIT_ORPHAN 126
void child_die_with_parent(pid_t parent);
/* In such a child: "what: errno N\n" on fd, async-signal-safe: no stdio
 * and no strerror (glibc's may look up a translation, which allocates; a
 * lock another thread held at the fork would never be released). */
void child_fail(int fd, const char *what, int err);
/* In such a child: the decimal digits of v, NUL-terminated, written
 * backwards from end (one past the buffer's last byte; 21 bytes hold any
 * value); returns where they start. No allocation, no locale. */
char *child_decimal(char *end, unsigned long long v);
void set_reason(struct instance *in, const char *call, int err);
/* The output pipe, and the phase pipe when phases are wanted (else ph is
 * {-1, -1}); on failure, in->reason set, nothing left open, -1. */
int open_pipes(struct instance *in, int out[2], int ph[2], int want_phases);
/* After the fork or start: close our copies of the write ends; if the
 * child STARTED, the instance reads the read ends, else they are closed. */
void pipes_after_start(struct instance *in, int out[2], int ph[2], int started);
/* The parent's side of a fork()ed launch: the pipes handed over, and on a
 * failed fork the reason, the cgroup released and -1; else in->pid set, 0. */
int after_fork(struct instance *in, int out[2], int ph[2], pid_t pid);
/* vfork_spawn.c: run child(arg) in a new process that shares the
 * harness's memory while the harness waits, until it execs or exits
 * (clone CLONE_VM | CLONE_VFORK, no page tables copied). child must write
 * only its own locals and the fds, call only async-signal-safe functions
 * (child_reset_signals first) and end in execve or _exit. Returns the
 * child's pid once it has exec'd or exited, or -1 with errno. */
pid_t spawn_vfork(int (*child)(void *), void *arg);
/* The instance's own memory cgroup (in->cg, from the runtime's cgroup
 * module, minictr_cgroup.h): made new (0; NULL when this host has no
 * memory cgroups), or -1 with in->reason, never one that was there
 * already: the launch must then fail, not run without its figure. Its
 * usage in bytes (-1 if none), its removal at release, and its directory
 * for messages ("" if none). The child joins it with minictr_cgroup_join. */
int instance_cgroup_create(struct instance *in);
int64_t instance_cgroup_bytes(const struct instance *in);
void instance_cgroup_release(struct instance *in);
const char *instance_cgroup_path(const struct instance *in);

#endif
