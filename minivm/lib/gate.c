/*
 * gate.c - a VM built ahead of its use and paused just before its first
 * KVM_RUN: the "pre-warmed pool" of serverless platforms.
 *
 * Building a VM costs fixed work in the host kernel that no VMM can skip:
 * KVM_CREATE_VM, the memory slot, KVM_CREATE_VCPU and its CPUID (on a PVM
 * host about 0.2 ms for the VM and 0.2 ms for the vCPU, more than a whole
 * fork and exec of a process). A caller that knows a VM will be wanted
 * can do all of that before it is wanted: boot.c builds the VM up to
 * vcpu_ready, then mv_gate_pass says so with one byte on gate_ready_fd
 * and blocks on gate_fd. The caller's start is then a resume: one byte
 * written, read here, and the vCPU enters the guest. That is a warm
 * start and must be reported as one: the work was done, only earlier.
 *
 * The phases: the stamps before the gate were taken before the caller's
 * clock for this start began, so they are kept (the trace and the guest's
 * stamps use them) but not written (phases.c starts at `resumed`); the
 * caller times the building itself, if it wants to.
 *
 * EOF on gate_fd (the caller closed it, or died) ends the VM without
 * running the program: MINIVM_EXIT_GATE_CLOSED, so that a pool can be
 * drained, and a VM whose owner is gone does not run by itself.
 *
 * The wait is made as a SCHED_BATCH task, and the policy put back once
 * the byte is read: a batch task's wake-up never preempts the task that
 * woke it (the fair class's wake-up preemption is for SCHED_NORMAL
 * wakees only). Without it, on a host with few CPUs the caller's write
 * puts this process on the caller's own CPU (the pipe's wake-up is a
 * "sync" one: the waker says it is about to sleep), the woken VMM
 * preempts the caller at the return of that write, and the caller, still
 * runnable and not yet waiting for the guest's output, is queued behind
 * the whole guest run and the VM's teardown until this process first
 * blocks: measured on a 2-core PVM host, the caller read the guest's
 * READY line about 150 us after the guest had exited (bench/README.md,
 * the warm backends). As a batch wakee, this process runs once the
 * caller sleeps (or at once on an idle CPU), and the guest's write then
 * wakes a sleeping caller, the ordinary path. The price: put on a CPU
 * that runs some other task, a batch wakee waits for that task's slice
 * too (milliseconds, not the microseconds of a preemption).
 *
 * The guest's clock survives the wait: the pair of readings bootinfo.c
 * handed the guest maps its TSC to the host's CLOCK_MONOTONIC, and the
 * guest's TSC keeps counting while the vCPU is outside KVM_RUN (KVM
 * derives it from the host's TSC plus a fixed offset).
 */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "vm.h"

/* Stopped while waiting: the status minivm gives a stop in the run loop. */
static int stopped(void)
{
	return mv_stop_requested() == MV_STOP_TIMEOUT ? MINIVM_EXIT_TIMEOUT : MINIVM_EXIT_SIGNAL;
}

/* Wait for one byte on fd: 1 read, 0 EOF, or a minivm status (> 1). */
static int wait_for_go(struct mv_vm *vm, int fd)
{
	char go;

	for (;;) {
		/* Not a plain read(): a stop signal that lands just before the
		 * read would leave it blocked forever (signals.c). */
		int w = mv_wait_unless_stopped(fd, POLLIN, MV_WAIT_FOREVER);
		if (w == -EINTR)
			return stopped();
		if (w < 0) {
			mv_diag(vm, "gate: ppoll: %s", strerror(-w));
			return MINIVM_EXIT_ERROR;
		}
		ssize_t n = read(fd, &go, 1);
		if (n == 1 || n == 0)
			return (int)n;
		if (errno != EINTR && errno != EAGAIN) {
			mv_diag(vm, "gate: read: %s", strerror(errno));
			return MINIVM_EXIT_ERROR;
		}
	}
}

/* Wait as a batch task (see the top) when this process is an ordinary
 * SCHED_OTHER one; any other policy is its owner's choice and is kept.
 * *batched says whether it was switched. 0, or -1 with errno. */
static int wait_as_batch(int *batched)
{
	const struct sched_param zero = {.sched_priority = 0};
	int policy = sched_getscheduler(0);

	*batched = 0;
	if (policy < 0)
		return -1;
	if (policy != SCHED_OTHER)
		return 0;
	if (sched_setscheduler(0, SCHED_BATCH, &zero) != 0)
		return -1;
	*batched = 1;
	return 0;
}

/* Say "paused", then wait for the go byte: 1 go, 0 EOF, or a minivm
 * status (> 1). */
static int pause_and_wait(struct mv_vm *vm)
{
	const struct minivm_config *cfg = vm->cfg;
	const char paused = 'P';

	if (cfg->gate_ready_fd >= 0 && write(cfg->gate_ready_fd, &paused, 1) != 1) {
		mv_diag(vm, "gate: write to gate_ready_fd: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (vm->trace)
		mv_trace_step(vm, "gate", "built and paused; waiting for the go byte on fd %d",
			      cfg->gate_fd);
	return wait_for_go(vm, cfg->gate_fd);
}

int mv_gate_pass(struct mv_vm *vm)
{
	const struct sched_param zero = {.sched_priority = 0};
	int batched, rc;

	if (vm->cfg->gate_fd < 0)
		return 0;
	if (wait_as_batch(&batched) != 0) {
		mv_diag(vm, "gate: sched_setscheduler SCHED_BATCH: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	rc = pause_and_wait(vm);
	if (rc == 1)
		mv_phase_stamp(&vm->phases, MV_PHASE_RESUMED);
	/* The guest runs as the ordinary task this process was. */
	if (batched && sched_setscheduler(0, SCHED_OTHER, &zero) != 0) {
		mv_diag(vm, "gate: sched_setscheduler SCHED_OTHER: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (rc == 0) {
		/* Not a failure of the VM: its owner decided it is not needed. */
		if (vm->trace)
			mv_trace_step(vm, "gate", "closed (EOF): the program does not run");
		return MINIVM_EXIT_GATE_CLOSED;
	}
	return rc == 1 ? 0 : rc;
}
