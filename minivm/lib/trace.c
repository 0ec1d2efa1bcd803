/*
 * trace.c - `minivm run --trace`: every step of a VM's life on stderr, as it
 * happens, for people who want to see what a VMM does: each KVM ioctl, each
 * VM exit with its reason (for a hypercall: which one, and the guest system
 * call behind it), and at the end a table of the exits by kind with their
 * count and time, like `strace -c`.
 *
 * A line: "minivm  TIME ms  +DELTA  STEP  what it did", TIME since the
 * "start" phase stamp and DELTA since the previous line, so a step's DELTA
 * is what it cost. Each line is one write(2), unbuffered: it is on the
 * terminal before the next step begins, and the guest's own output (a
 * hypercall WRITE) comes right after the line of its exit. The trace costs
 * those writes, so time a traced run only to compare steps with each other.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "phase_stamp.h"
#include "vm.h"

/* The table's names, in enum mv_exit_kind order. */
static const char *const kind_names[MV_EXIT_KINDS] = {
    "hypercall WRITE", "hypercall READ",
    "hypercall EXIT",  "hypercall PHASE",
    "hypercall SLEEP", "hypercall PANIC",
    "port I/O",	       "HLT",
    "SHUTDOWN",	       "MMIO",
    "KVM_RUN EINTR",   "other",
};

/* Names of the guest system calls a hypercall may be made in (the ones
 * that end in one, minivm/guest/syscall.c, and the usual first calls of a
 * program's start-up), by their x86-64 numbers (asm/unistd_64.h). */
static const char *syscall_name(uint64_t nr)
{
	switch (nr) {
	case 0:
		return "read";
	case 1:
		return "write";
	case 9:
		return "mmap";
	case 12:
		return "brk";
	case 13:
		return "rt_sigaction";
	case 14:
		return "rt_sigprocmask";
	case 16:
		return "ioctl";
	case 39:
		return "getpid";
	case 63:
		return "uname";
	case 158:
		return "arch_prctl";
	case 218:
		return "set_tid_address";
	case 19:
		return "readv";
	case 20:
		return "writev";
	case 34:
		return "pause";
	case 35:
		return "nanosleep";
	case 60:
		return "exit";
	case 230:
		return "clock_nanosleep";
	case 231:
		return "exit_group";
	default:
		return NULL;
	}
}

void mv_trace_begin(struct mv_vm *vm, struct mv_trace *t)
{
	if (!vm->cfg->trace) {
		vm->trace = NULL;
		return;
	}
	memset(t, 0, sizeof(*t));
	t->fd = vm->cfg->stderr_fd;
	t->builtin_guest = vm->cfg->kernel_path == NULL;
	/* The Linux boot keeps its own stamps: then the trace starts now. */
	t->start_ns =
	    vm->phases.ns[MV_PHASE_START] ? vm->phases.ns[MV_PHASE_START] : (uint64_t)now_ns();
	t->last_ns = t->start_ns;
	t->pending = -1;
	vm->trace = t;
}

static void write_line(int fd, char *line, int n, size_t size)
{
	if (n < 0)
		return;
	if ((size_t)n > size - 2)
		n = (int)size - 2;
	line[n++] = '\n';
	/* One write() per line: a line is whole even beside the guest's output. */
	if (write(fd, line, (size_t)n) < 0)
		return; /* stderr is gone: nothing to trace to */
}

/* Charge the time since the last exit to that exit's kind: minivm handled it. */
static void charge_pending(struct mv_trace *t, uint64_t now)
{
	if (t->pending >= 0)
		t->exits[t->pending].vmm_ns += now - t->exit_ns;
	t->pending = -1;
}

static void vstep(struct mv_trace *t, uint64_t now, const char *step, const char *fmt, va_list ap)
{
	char line[512];
	int n = snprintf(line, sizeof(line), "minivm %9.3f ms %+8.3f  %-26s ",
			 (double)(now - t->start_ns) / 1e6, (double)(now - t->last_ns) / 1e6, step);

	if (n > 0 && (size_t)n < sizeof(line))
		n += vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	write_line(t->fd, line, n, sizeof(line));
	t->last_ns = now;
}

void mv_trace_step(struct mv_vm *vm, const char *step, const char *fmt, ...)
{
	struct mv_trace *t = vm->trace;
	uint64_t now = now_ns();
	va_list ap;

	charge_pending(t, now);
	va_start(ap, fmt);
	vstep(t, now, step, fmt, ap);
	va_end(ap);
}

static void step_at(struct mv_trace *t, uint64_t now, const char *step, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void step_at(struct mv_trace *t, uint64_t now, const char *step, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vstep(t, now, step, fmt, ap);
	va_end(ap);
}

void mv_trace_run(struct mv_vm *vm)
{
	struct mv_trace *t = vm->trace;
	uint64_t now = now_ns();

	charge_pending(t, now);
	/* The first entry is a step of its own; later ones are implied by the
	 * exit lines (each exit returns from one KVM_RUN). */
	if (t->run_ns == 0)
		step_at(t, now, "KVM_RUN", "enter the guest: the vCPU runs until it needs the VMM");
	t->run_ns = now;
}

/* The system call the guest kernel is serving: minivm's own kernel saves
 * the program's registers (struct syscall_frame, RAX first) at the top of
 * its kernel stack on every SYSCALL (minivm/guest/syscall_entry.S), and
 * makes the hypercall from inside it. A --kernel of another make has no
 * such frame: then nothing is claimed. */
static const char *guest_syscall(const struct mv_vm *vm, char *buf, size_t size)
{
	const uint64_t frame_size = 16 * 8;
	const uint8_t *p;
	uint64_t nr;

	if (!vm->trace->builtin_guest)
		return "";
	p = mv_gpa_ptr(vm->mem, vm->mem_size, MINIVM_KSTACK_TOP - frame_size, sizeof(nr));
	if (!p)
		return "";
	memcpy(&nr, p, sizeof(nr));
	if (syscall_name(nr))
		snprintf(buf, size, ", in guest %s()", syscall_name(nr));
	else
		snprintf(buf, size, ", in guest system call %llu", (unsigned long long)nr);
	return buf;
}

/* Read (never write) the hypercall's argument block: the real handler in
 * hypercall.c checks it again and decides; here a bad block just shows. */
static int peek(const struct mv_vm *vm, uint32_t gpa, void *out, size_t len)
{
	const void *p = mv_gpa_ptr(vm->mem, vm->mem_size, gpa, len);

	if (!p)
		return -1;
	memcpy(out, p, len);
	return 0;
}

static int hypercall_line(struct mv_vm *vm, uint64_t now, uint16_t port, uint32_t gpa)
{
	struct mv_trace *t = vm->trace;
	char sc[64];
	union {
		struct minivm_hc_rw rw;
		struct minivm_hc_exit ex;
		struct minivm_hc_phase ph;
		struct minivm_hc_sleep sl;
	} b;

	switch (port) {
	case MINIVM_HC_WRITE:
		if (peek(vm, gpa, &b.rw, sizeof(b.rw)) == 0)
			step_at(t, now, "exit IO 0x500", "hypercall WRITE: %llu bytes to fd %llu%s",
				(unsigned long long)b.rw.len, (unsigned long long)b.rw.fd,
				guest_syscall(vm, sc, sizeof(sc)));
		return MV_EXIT_HC_WRITE;
	case MINIVM_HC_READ:
		if (peek(vm, gpa, &b.rw, sizeof(b.rw)) == 0)
			step_at(t, now, "exit IO 0x501",
				"hypercall READ: up to %llu bytes from fd %llu%s",
				(unsigned long long)b.rw.len, (unsigned long long)b.rw.fd,
				guest_syscall(vm, sc, sizeof(sc)));
		return MV_EXIT_HC_READ;
	case MINIVM_HC_EXIT:
		if (peek(vm, gpa, &b.ex, sizeof(b.ex)) == 0)
			step_at(t, now, "exit IO 0x502",
				"hypercall EXIT: the program ends, status %lld%s",
				(long long)b.ex.status, guest_syscall(vm, sc, sizeof(sc)));
		return MV_EXIT_HC_EXIT;
	case MINIVM_HC_PHASE:
		if (peek(vm, gpa, &b.ph, sizeof(b.ph)) != 0)
			return MV_EXIT_HC_PHASE;
		if (b.ph.id == MINIVM_PHASE_GUEST_ENTERED)
			step_at(t, now, "exit IO 0x503",
				"hypercall PHASE: guest_entered, the guest kernel runs");
		else if (b.ph.id == MINIVM_PHASE_FIRST_SYSCALL)
			step_at(t, now, "exit IO 0x503", "hypercall PHASE: first_syscall%s",
				guest_syscall(vm, sc, sizeof(sc)));
		else
			step_at(t, now, "exit IO 0x503", "hypercall PHASE: unknown id %llu",
				(unsigned long long)b.ph.id);
		return MV_EXIT_HC_PHASE;
	case MINIVM_HC_SLEEP:
		if (peek(vm, gpa, &b.sl, sizeof(b.sl)) == 0)
			step_at(t, now, "exit IO 0x504", "hypercall SLEEP: %llu ns on the host%s",
				(unsigned long long)b.sl.ns, guest_syscall(vm, sc, sizeof(sc)));
		return MV_EXIT_HC_SLEEP;
	case MINIVM_HC_PANIC:
		step_at(t, now, "exit IO 0x505", "hypercall PANIC: the guest kernel gives up");
		return MV_EXIT_HC_PANIC;
	default:
		return -1;
	}
}

static int exit_line(struct mv_vm *vm, uint64_t now)
{
	struct mv_trace *t = vm->trace;
	struct kvm_run *run = vm->run;
	uint32_t arg = 0;

	switch (run->exit_reason) {
	case KVM_EXIT_IO:
		/* A hypercall: a 4-byte OUT of a guest address (abi.h). */
		if (run->io.direction == KVM_EXIT_IO_OUT && run->io.size == 4 &&
		    run->io.data_offset <= vm->run_size - sizeof(arg)) {
			memcpy(&arg, (uint8_t *)run + run->io.data_offset, sizeof(arg));
			int kind = hypercall_line(vm, now, run->io.port, arg);
			if (kind >= 0)
				return kind;
		}
		step_at(t, now, "exit IO", "port 0x%x %s, %u bytes (not a minivm hypercall)",
			run->io.port, run->io.direction == KVM_EXIT_IO_OUT ? "out" : "in",
			run->io.size);
		return MV_EXIT_IO_OTHER;
	case KVM_EXIT_HLT:
		step_at(t, now, "exit HLT", "the guest halted with interrupts off");
		return MV_EXIT_HLT;
	case KVM_EXIT_SHUTDOWN:
		step_at(t, now, "exit SHUTDOWN",
			"triple fault: the guest could not handle a fault");
		return MV_EXIT_SHUTDOWN;
	case KVM_EXIT_MMIO:
		step_at(t, now, "exit MMIO", "access to 0x%llx, outside guest memory",
			(unsigned long long)run->mmio.phys_addr);
		return MV_EXIT_MMIO;
	default:
		step_at(t, now, "exit", "KVM exit reason %u", run->exit_reason);
		return MV_EXIT_OTHER;
	}
}

/* A Linux boot makes thousands of exits (a UART byte is one): the first of
 * each kind gets its line, with a note; the table counts them all. */
static int count_only(struct mv_vm *vm, uint64_t now)
{
	struct mv_trace *t = vm->trace;
	int kind;

	switch (vm->run->exit_reason) {
	case KVM_EXIT_IO:
		kind = MV_EXIT_IO_OTHER;
		break;
	case KVM_EXIT_HLT:
		kind = MV_EXIT_HLT;
		break;
	case KVM_EXIT_SHUTDOWN:
		kind = MV_EXIT_SHUTDOWN;
		break;
	case KVM_EXIT_MMIO:
		kind = MV_EXIT_MMIO;
		break;
	default:
		kind = MV_EXIT_OTHER;
		break;
	}
	if (t->exits[kind].count == 0) {
		exit_line(vm, now);
		step_at(t, now, "", "(the first of its kind: the table below counts them all)");
	}
	return kind;
}

void mv_trace_exit(struct mv_vm *vm, int rc)
{
	struct mv_trace *t = vm->trace;
	uint64_t now = now_ns();
	int err = errno; /* the run loop reads it after us */

	if (rc < 0 && err != EINTR && err != EAGAIN) {
		step_at(t, now, "KVM_RUN failed", "%s", strerror(err));
		errno = err;
		return;
	}
	int kind = MV_EXIT_INTR;
	if (rc < 0)
		step_at(t, now, "KVM_RUN EINTR", "a host signal took the vCPU out; no guest exit");
	else if (t->first_only)
		kind = count_only(vm, now);
	else
		kind = exit_line(vm, now);
	t->exits[kind].count++;
	t->exits[kind].guest_ns += now - t->run_ns;
	t->exit_ns = now;
	t->pending = kind;
	errno = err;
}

static void table_line(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void table_line(int fd, const char *fmt, ...)
{
	char line[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	write_line(fd, line, n, sizeof(line));
}

void mv_trace_end(struct mv_vm *vm)
{
	struct mv_trace *t = vm->trace;
	uint64_t count = 0, guest = 0, vmm = 0;

	charge_pending(t, now_ns());
	table_line(t->fd, "minivm VM exits by kind (guest: KVM_RUN until the exit; minivm: "
			  "handling it)");
	table_line(t->fd, "minivm   %-16s %7s %12s %12s %10s", "kind", "exits", "guest ms",
		   "minivm ms", "us/exit");
	for (int k = 0; k < MV_EXIT_KINDS; k++) {
		const struct mv_exit_count *e = &t->exits[k];

		if (!e->count)
			continue;
		table_line(t->fd, "minivm   %-16s %7u %12.3f %12.3f %10.1f", kind_names[k],
			   e->count, (double)e->guest_ns / 1e6, (double)e->vmm_ns / 1e6,
			   (double)(e->guest_ns + e->vmm_ns) / 1e3 / e->count);
		count += e->count;
		guest += e->guest_ns;
		vmm += e->vmm_ns;
	}
	table_line(t->fd, "minivm   %-16s %7llu %12.3f %12.3f", "total", (unsigned long long)count,
		   (double)guest / 1e6, (double)vmm / 1e6);
	vm->trace = NULL;
}
