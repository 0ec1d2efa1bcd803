/*
 * vfork_spawn.c - start a child that only sets itself up and execs, the
 * way posix_spawn does: clone(CLONE_VM | CLONE_VFORK) on a stack of its
 * own (see backend.h).
 *
 * Why not fork(): fork copies the harness's page tables and marks every
 * private page copy-on-write, and both processes then take a page fault
 * on the first write to each page they touch, until the child's exec
 * throws its copy away. All of that is work for nothing when the child
 * execs at once, and it is dear where page faults are: on a PVM host
 * (KVM in software, shadow page tables) fork() took 65-105 us in the
 * harness and the first calls on each side after it 40 us more (strace
 * -T, Intel Xeon PVM, 2026-12-02). With CLONE_VM the child runs in the
 * harness's own memory, with nothing copied; CLONE_VFORK stops the
 * harness until the child has exec'd or exited, so the two never run
 * in that memory at the same time.
 *
 * What that asks of the child: it may write only its own stack (the
 * buffer below) and the fds; every call it makes must be async-signal-
 * safe (no malloc, no stdio: their state is the harness's), and it must
 * end in execve or _exit, never return into the harness's code. The
 * caller builds everything the child needs (argv, error lines) before.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>

#include "backend.h"

/* The child's stack: it runs only the child's set-up and the exec, a
 * few hundred bytes of frames (32 KiB, as glibc's posix_spawn gives at
 * least). The harness has one thread and vfork keeps it stopped while
 * the child runs, so one buffer serves every launch. */
#define SPAWN_STACK_BYTES (32 * 1024)
static _Alignas(16) unsigned char spawn_stack[SPAWN_STACK_BYTES];

pid_t spawn_vfork(int (*child)(void *), void *arg)
{
	sigset_t all, old;
	pid_t pid;
	int err;

	/* Signals blocked across the clone: a handler of the harness's
	 * (main.c's SIGINT/SIGTERM flag) run in the child would write the
	 * harness's memory. The child sets its dispositions to the defaults
	 * before it unblocks (child_reset_signals), as posix_spawn does. */
	sigfillset(&all);
	if (sigprocmask(SIG_SETMASK, &all, &old) != 0)
		return -1;
	/* The stack grows down on x86-64: clone takes its top. SIGCHLD: the
	 * child is reaped like a forked one. */
	pid =
	    clone(child, spawn_stack + sizeof(spawn_stack), CLONE_VM | CLONE_VFORK | SIGCHLD, arg);
	err = errno;
	sigprocmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return pid;
}
