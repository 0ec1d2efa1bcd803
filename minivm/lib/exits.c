/*
 * exits.c - the vCPU run loop: enter the guest with KVM_RUN, and on each
 * exit decide from kvm_run->exit_reason what happened. The loop itself
 * (mv_run_vcpu) serves both guests: minivm's own, whose exits are below,
 * and a Linux kernel, whose exits are its devices (../linux/linuxexits.c).
 * For minivm's own guest, port I/O on the hypercall ports is the guest
 * talking to us; everything else a correct guest never does, and ends the
 * VM as a crash with a clear message (the exit reason and the registers),
 * never a hang.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vm.h"

static const char *exit_name(uint32_t reason)
{
	switch (reason) {
	case KVM_EXIT_HLT:
		return "HLT: the guest halted with interrupts off";
	case KVM_EXIT_SHUTDOWN:
		return "SHUTDOWN: triple fault (an exception the guest could not handle)";
	case KVM_EXIT_FAIL_ENTRY:
		return "FAIL_ENTRY: the CPU refused to enter the guest";
	case KVM_EXIT_INTERNAL_ERROR:
		return "INTERNAL_ERROR: KVM could not emulate an instruction";
	case KVM_EXIT_MMIO:
		return "MMIO: access to a guest physical address outside guest memory";
	case KVM_EXIT_IO:
		return "IO: port access that is not a hypercall";
	case KVM_EXIT_DEBUG:
		return "DEBUG";
	case KVM_EXIT_EXCEPTION:
		return "EXCEPTION";
	default:
		return "unexpected exit";
	}
}

int mv_regs_describe(const struct mv_vm *vm, char *buf, size_t size)
{
	struct kvm_regs r;
	struct kvm_sregs s;

	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &r) < 0 || ioctl(vm->vcpu_fd, KVM_GET_SREGS, &s) < 0) {
		snprintf(buf, size, "KVM_GET_REGS/SREGS: %s", strerror(errno));
		return -1;
	}
	snprintf(buf, size,
		 "rip=0x%llx rsp=0x%llx rflags=0x%llx rax=0x%llx rbx=0x%llx rcx=0x%llx "
		 "rdx=0x%llx rsi=0x%llx rdi=0x%llx rbp=0x%llx r8=0x%llx r9=0x%llx r10=0x%llx "
		 "r11=0x%llx r12=0x%llx r13=0x%llx r14=0x%llx r15=0x%llx cs=0x%x cr0=0x%llx "
		 "cr2=0x%llx cr3=0x%llx cr4=0x%llx efer=0x%llx",
		 r.rip, r.rsp, r.rflags, r.rax, r.rbx, r.rcx, r.rdx, r.rsi, r.rdi, r.rbp, r.r8,
		 r.r9, r.r10, r.r11, r.r12, r.r13, r.r14, r.r15, s.cs.selector, s.cr0, s.cr2, s.cr3,
		 s.cr4, s.efer);
	return 0;
}

/* One line with what KVM says about the exit, one with the registers. */
static void dump_crash(struct mv_vm *vm, uint32_t reason)
{
	struct kvm_run *run = vm->run;
	char regs[MV_REGS_TEXT_MAX];

	vm->crash_reason = (int)reason;
	if (reason == KVM_EXIT_MMIO)
		mv_diag(vm, "guest crashed: exit reason %u (%s) at 0x%llx, %u bytes, %s", reason,
			exit_name(reason), (unsigned long long)run->mmio.phys_addr, run->mmio.len,
			run->mmio.is_write ? "write" : "read");
	else if (reason == KVM_EXIT_IO)
		mv_diag(vm, "guest crashed: exit reason %u (%s): port 0x%x, %s, size %u", reason,
			exit_name(reason), run->io.port,
			run->io.direction == KVM_EXIT_IO_OUT ? "out" : "in", run->io.size);
	else if (reason == KVM_EXIT_FAIL_ENTRY)
		mv_diag(vm, "guest crashed: exit reason %u (%s): hardware reason 0x%llx", reason,
			exit_name(reason),
			(unsigned long long)run->fail_entry.hardware_entry_failure_reason);
	else if (reason == KVM_EXIT_INTERNAL_ERROR)
		mv_diag(vm, "guest crashed: exit reason %u (%s): suberror %u", reason,
			exit_name(reason), run->internal.suberror);
	else
		mv_diag(vm, "guest crashed: exit reason %u (%s)", reason, exit_name(reason));

	if (mv_regs_describe(vm, regs, sizeof(regs)) < 0)
		mv_diag(vm, "registers: unavailable (%s)", regs);
	else
		mv_diag(vm, "registers: %s", regs);
}

/* A hypercall is a 4-byte OUT of a guest physical address to one of our
 * ports. The data KVM hands over lies inside the kvm_run mapping, at
 * io.data_offset. */
static enum mv_hc_result handle_io(struct mv_vm *vm)
{
	struct kvm_run *run = vm->run;
	uint32_t arg;

	if (run->io.direction != KVM_EXIT_IO_OUT || run->io.size != 4 || run->io.count != 1 ||
	    run->io.port < MINIVM_HC_BASE || run->io.port > MINIVM_HC_LAST ||
	    run->io.data_offset > vm->run_size - sizeof(arg)) {
		dump_crash(vm, KVM_EXIT_IO);
		return MV_HC_CRASH;
	}
	memcpy(&arg, (uint8_t *)run + run->io.data_offset, sizeof(arg));
	return mv_hypercall(vm, run->io.port, arg);
}

static int stop_status(struct mv_vm *vm, void *ctx)
{
	if (mv_stop_requested() == MV_STOP_TIMEOUT) {
		mv_diag(vm, "timeout: the guest ran past --timeout %g s", vm->cfg->timeout_s);
		return MINIVM_EXIT_TIMEOUT;
	}
	mv_diag(vm, "stopped by a signal");
	return MINIVM_EXIT_SIGNAL;
}

int mv_run_vcpu(struct mv_vm *vm, const struct mv_exit_handler *h)
{
	for (;;) {
		if (mv_stop_requested() != MV_STOP_NONE)
			return h->on_stop(vm, h->ctx);
		if (vm->trace)
			mv_trace_run(vm);
		int rc = ioctl(vm->vcpu_fd, KVM_RUN, 0);
		if (vm->trace)
			mv_trace_exit(vm, rc);
		if (rc < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				/* A signal: ours (checked at the top) or another one;
				 * clear the flag that made KVM_RUN return at once. */
				vm->run->immediate_exit = 0;
				continue;
			}
			mv_diag(vm, "KVM_RUN: %s", strerror(errno));
			return MINIVM_EXIT_ERROR;
		}
		rc = h->on_exit(vm, h->ctx);
		if (rc != MV_RUN_AGAIN)
			return rc;
	}
}

/* minivm's own guest: every exit but a hypercall is a crash. */
static int guest_exit(struct mv_vm *vm, void *ctx)
{
	uint32_t reason = vm->run->exit_reason;

	if (reason != KVM_EXIT_IO) {
		dump_crash(vm, reason);
		return MINIVM_EXIT_CRASH;
	}
	switch (handle_io(vm)) {
	case MV_HC_CONTINUE:
		return MV_RUN_AGAIN;
	case MV_HC_EXIT:
		vm->program_exited = 1;
		return vm->exit_status;
	case MV_HC_SNAPSHOT:
		return MV_RUN_AT_SNAPSHOT;
	case MV_HC_CRASH:
		break;
	}
	if (vm->crash_reason < 0)
		vm->crash_reason = KVM_EXIT_IO;
	return MINIVM_EXIT_CRASH;
}

int mv_run_loop(struct mv_vm *vm)
{
	static const struct mv_exit_handler guest = {.on_exit = guest_exit, .on_stop = stop_status};

	return mv_run_vcpu(vm, &guest);
}
