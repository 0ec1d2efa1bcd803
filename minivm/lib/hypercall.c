/*
 * hypercall.c - the guest's requests to the VMM (abi.h): the guest writes
 * the guest physical address of an argument block to one of the
 * MINIVM_HC_* I/O ports; the OUT instruction exits to us (KVM_EXIT_IO).
 *
 * The guest is not trusted. The block itself and every buffer it names
 * are checked against guest memory (mv_gpa_ptr: overflow-safe) before a
 * byte is read or written; a bad block ends the VM as a crash, a bad buffer
 * gives the guest -EFAULT as Linux would. Output goes to the host fd in one
 * write() per hypercall, unbuffered, so a READY line reaches a pipe reader
 * when the program writes it.
 */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "vm.h"

/* Copy the argument block out of guest memory (single vCPU, stopped while
 * we work: the guest cannot change it under us). */
static int get_block(struct mv_vm *vm, uint64_t gpa, void *block, size_t len)
{
	void *p = mv_gpa_ptr(vm->mem, vm->mem_size, gpa, len);

	if (!p) {
		mv_diag(vm,
			"guest crashed: hypercall argument block at 0x%llx is outside guest "
			"memory",
			(unsigned long long)gpa);
		return -1;
	}
	memcpy(block, p, len);
	return 0;
}

static void put_block(struct mv_vm *vm, uint64_t gpa, const void *block, size_t len)
{
	/* get_block checked the same range. */
	memcpy(vm->mem + gpa, block, len);
}

/* Write all of buf; a short write is retried, so output is never lost.
 * EINTR from a stop signal (SIGTERM) ends it: the VM is going away. */
static int64_t write_all(int fd, const uint8_t *buf, uint64_t len)
{
	uint64_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);
		if (n < 0 && errno == EINTR && mv_stop_requested() == MV_STOP_NONE)
			continue;
		if (n < 0)
			return done ? (int64_t)done : -errno;
		done += (uint64_t)n;
	}
	return (int64_t)done;
}

static enum mv_hc_result hc_write(struct mv_vm *vm, uint64_t gpa)
{
	struct minivm_hc_rw rw;

	if (get_block(vm, gpa, &rw, sizeof(rw)))
		return MV_HC_CRASH;
	uint8_t *buf = mv_gpa_ptr(vm->mem, vm->mem_size, rw.buf, rw.len);
	int fd = rw.fd == 1 ? vm->out_fd : rw.fd == 2 ? vm->err_fd : -1;
	if (rw.fd != 1 && rw.fd != 2)
		rw.ret = -EBADF;
	else if (!buf)
		rw.ret = -EFAULT;
	else if (fd < 0)
		rw.ret = (int64_t)rw.len; /* output not wanted: discarded, like /dev/null */
	else
		rw.ret = write_all(fd, buf, rw.len);
	put_block(vm, gpa, &rw, sizeof(rw));
	return MV_HC_CONTINUE;
}

static enum mv_hc_result hc_read(struct mv_vm *vm, uint64_t gpa)
{
	struct minivm_hc_rw rw;

	if (get_block(vm, gpa, &rw, sizeof(rw)))
		return MV_HC_CRASH;
	uint8_t *buf = mv_gpa_ptr(vm->mem, vm->mem_size, rw.buf, rw.len);
	if (rw.fd != 0) {
		rw.ret = -EBADF;
	} else if (!buf) {
		rw.ret = -EFAULT;
	} else if (vm->in_fd < 0) {
		rw.ret = 0; /* no input: end of file */
	} else {
		/* Wait for input first: a stop signal that lands just before a
		 * blocking read would otherwise leave it blocked (signals.c). */
		ssize_t n = mv_wait_unless_stopped(vm->in_fd, POLLIN, MV_WAIT_FOREVER);
		if (n == 0) {
			do
				n = read(vm->in_fd, buf, rw.len);
			while (n < 0 && errno == EINTR && mv_stop_requested() == MV_STOP_NONE);
			n = n < 0 ? -errno : n;
		}
		rw.ret = n;
	}
	put_block(vm, gpa, &rw, sizeof(rw));
	return MV_HC_CONTINUE;
}

static enum mv_hc_result hc_exit(struct mv_vm *vm, uint64_t gpa)
{
	struct minivm_hc_exit ex;

	if (get_block(vm, gpa, &ex, sizeof(ex)))
		return MV_HC_CRASH;
	mv_phase_stamp(&vm->phases, MV_PHASE_PROGRAM_EXIT);
	/* As for a process: only the low 8 bits of the status reach the parent. */
	vm->exit_status = (int)(ex.status & 0xff);
	return MV_HC_EXIT;
}

static enum mv_hc_result hc_phase(struct mv_vm *vm, uint64_t gpa)
{
	struct minivm_hc_phase ph;

	if (get_block(vm, gpa, &ph, sizeof(ph)))
		return MV_HC_CRASH;
	/* Unknown ids are ignored: a newer guest may stamp more phases. */
	if (ph.id == MINIVM_PHASE_GUEST_ENTERED)
		mv_phase_stamp(&vm->phases, MV_PHASE_GUEST_ENTERED);
	else if (ph.id == MINIVM_PHASE_FIRST_SYSCALL)
		mv_phase_stamp(&vm->phases, MV_PHASE_FIRST_SYSCALL);
	else if (ph.id == MINIVM_PHASE_SNAPSHOT && vm->template_boot)
		return MV_HC_SNAPSHOT; /* a template stops here (snapshot.c) */
	return MV_HC_CONTINUE;
}

static enum mv_hc_result hc_sleep(struct mv_vm *vm, uint64_t gpa)
{
	struct minivm_hc_sleep sl;

	if (get_block(vm, gpa, &sl, sizeof(sl)))
		return MV_HC_CRASH;
	/* SIGTERM, SIGINT and the --timeout alarm end the sleep, even one
	 * that came after the VM exit and before the sleep began (signals.c):
	 * the VM stops promptly instead of sleeping on. Other signals do
	 * not shorten it. */
	sl.ret = mv_wait_unless_stopped(-1, 0, sl.ns);
	put_block(vm, gpa, &sl, sizeof(sl));
	return MV_HC_CONTINUE;
}

static enum mv_hc_result hc_panic(struct mv_vm *vm, uint64_t gpa)
{
	struct minivm_hc_panic p;

	if (get_block(vm, gpa, &p, sizeof(p)))
		return MV_HC_CRASH;
	p.msg[sizeof(p.msg) - 1] = '\0'; /* the guest may not have ended it */
	if (p.vector == ~0ULL)
		mv_diag(vm, "guest crashed: guest kernel panic: %s", p.msg);
	else
		mv_diag(vm, "guest crashed: exception %llu error 0x%llx%s%s",
			(unsigned long long)p.vector, (unsigned long long)p.error,
			p.msg[0] ? ": " : "", p.msg);
	mv_diag(vm,
		"registers: rip=0x%llx rsp=0x%llx rflags=0x%llx cr2=0x%llx rax=0x%llx "
		"rbx=0x%llx rcx=0x%llx rdx=0x%llx rsi=0x%llx rdi=0x%llx rbp=0x%llx r8=0x%llx "
		"r9=0x%llx r10=0x%llx r11=0x%llx r12=0x%llx r13=0x%llx r14=0x%llx r15=0x%llx",
		(unsigned long long)p.rip, (unsigned long long)p.rsp, (unsigned long long)p.rflags,
		(unsigned long long)p.cr2, (unsigned long long)p.rax, (unsigned long long)p.rbx,
		(unsigned long long)p.rcx, (unsigned long long)p.rdx, (unsigned long long)p.rsi,
		(unsigned long long)p.rdi, (unsigned long long)p.rbp, (unsigned long long)p.r8,
		(unsigned long long)p.r9, (unsigned long long)p.r10, (unsigned long long)p.r11,
		(unsigned long long)p.r12, (unsigned long long)p.r13, (unsigned long long)p.r14,
		(unsigned long long)p.r15);
	return MV_HC_CRASH;
}

enum mv_hc_result mv_hypercall(struct mv_vm *vm, uint16_t port, uint64_t arg_gpa)
{
	switch (port) {
	case MINIVM_HC_WRITE:
		return hc_write(vm, arg_gpa);
	case MINIVM_HC_READ:
		return hc_read(vm, arg_gpa);
	case MINIVM_HC_EXIT:
		return hc_exit(vm, arg_gpa);
	case MINIVM_HC_PHASE:
		return hc_phase(vm, arg_gpa);
	case MINIVM_HC_SLEEP:
		return hc_sleep(vm, arg_gpa);
	case MINIVM_HC_PANIC:
		return hc_panic(vm, arg_gpa);
	default:
		mv_diag(vm, "guest crashed: unknown hypercall port 0x%x", port);
		return MV_HC_CRASH;
	}
}
