/*
 * trace.h - `minivm run --trace`: each step of a VM's life on stderr as it
 * happens (trace.c). Every hook in the other files is written
 *
 *     if (vm->trace)
 *             mv_trace_step(vm, "KVM_CREATE_VM", "...");
 *
 * so that with the trace off a step costs one well-predicted branch on a
 * pointer that stays NULL, and no call.
 */
#ifndef MINIVM_LIB_TRACE_H
#define MINIVM_LIB_TRACE_H

#include <stdint.h>

struct mv_vm;

/* What the exit table counts, one row per kind of VM exit. */
enum mv_exit_kind {
	MV_EXIT_HC_WRITE,
	MV_EXIT_HC_READ,
	MV_EXIT_HC_EXIT,
	MV_EXIT_HC_PHASE,
	MV_EXIT_HC_SLEEP,
	MV_EXIT_HC_PANIC,
	MV_EXIT_IO_OTHER, /* port I/O that is not a hypercall */
	MV_EXIT_HLT,
	MV_EXIT_SHUTDOWN,
	MV_EXIT_MMIO,
	MV_EXIT_INTR, /* KVM_RUN returned EINTR: a host signal, no guest exit */
	MV_EXIT_OTHER,
	MV_EXIT_KINDS
};

struct mv_exit_count {
	uint32_t count;
	uint64_t guest_ns; /* from KVM_RUN to its return: guest time and the exit */
	uint64_t vmm_ns;   /* from the return to the next KVM_RUN: our handling */
};

struct mv_trace {
	int fd;
	int builtin_guest; /* minivm's own kernel: its system call frame is known */
	uint64_t start_ns; /* the "start" phase stamp: 0.000 on every line */
	uint64_t last_ns;  /* the previous line */
	uint64_t run_ns;   /* the last KVM_RUN entered */
	uint64_t exit_ns;  /* ... and returned */
	int pending;	   /* the exit being handled (its vmm_ns), -1: none */
	int first_only;	   /* a line for the first exit of each kind only (Linux) */
	struct mv_exit_count exits[MV_EXIT_KINDS];
};

/* Turn the trace on when vm->cfg->trace_fd >= 0 (t is its storage). */
void mv_trace_begin(struct mv_vm *vm, struct mv_trace *t);
/* One line: the times, STEP (an ioctl or a short name), and what it did. */
void mv_trace_step(struct mv_vm *vm, const char *step, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Around KVM_RUN: before it is entered, and after it returned (rc). */
void mv_trace_run(struct mv_vm *vm);
void mv_trace_exit(struct mv_vm *vm, int rc);
/* The table of exits by kind, like `strace -c`; the trace ends. */
void mv_trace_end(struct mv_vm *vm);

#endif
