/*
 * capture.c - the boot of a snapshot template (snapshot.c) up to its
 * snapshot point: guest memory that is the template's memfd, and at that
 * point the vCPU's state saved into the template. vm.c calls these when it
 * boots a template (mv_run with template_boot).
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "snapshot.h"

#define MSR_IA32_PAT	   0x277
#define MSR_STAR	   0xc0000081
#define MSR_LSTAR	   0xc0000082
#define MSR_SYSCALL_MASK   0xc0000084
#define MSR_KERNEL_GS_BASE 0xc0000102

/* The MSRs the guest's state depends on and that a new vCPU does not
 * already have: SYSCALL's targets (STAR, LSTAR, FMASK, set by the VMM at
 * the fast entry or by the kernel), SWAPGS's other GS base, the memory
 * types of the page tables (PAT). FS_BASE and GS_BASE travel in the
 * segment registers (sregs), EFER in sregs too. The TSC is not copied:
 * a new VM's clock starts from its own reading (restore.c). */
static const uint32_t snap_msrs[MV_SNAP_MSRS] = {
    MSR_STAR, MSR_LSTAR, MSR_SYSCALL_MASK, MSR_KERNEL_GS_BASE, MSR_IA32_PAT,
};

/* The template VM's memory: a MAP_SHARED mapping of the template's memfd
 * (made by minivm_template_create), so that the guest's writes stay in
 * the file after the VM is gone. */
int mv_template_memory(struct mv_vm *vm)
{
	struct minivm_template *t = vm->template_boot;

	/* A file of mem_size with no page in it yet: only pages written
	 * take memory (shmem allocates on first touch). */
	if (ftruncate(t->memfd, (off_t)vm->mem_size) < 0) {
		mv_diag(vm, "ftruncate of the template memfd: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	void *mem = mmap(NULL, vm->mem_size, PROT_READ | PROT_WRITE, MAP_SHARED, t->memfd, 0);
	if (mem == MAP_FAILED) {
		mv_diag(vm, "mmap of the template memfd: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	vm->mem = mem;
	return mv_memory_slot(vm);
}

/* KVM finishes an OUT (moves RIP past it) only on the next KVM_RUN, not
 * at the exit: saved now, RIP would point at the OUT and every new VM
 * would make the snapshot call again. KVM's documented way to complete
 * the pending I/O without running the guest: KVM_RUN with immediate_exit
 * set, which returns EINTR once the instruction is done. */
static int complete_pending_io(struct mv_vm *vm)
{
	vm->run->immediate_exit = 1;
	int r = ioctl(vm->vcpu_fd, KVM_RUN, 0);
	int err = errno;

	vm->run->immediate_exit = 0;
	if (r == 0 || err != EINTR) {
		mv_diag(vm, "template: KVM_RUN to complete the snapshot call: %s",
			r == 0 ? "the guest ran on" : strerror(err));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

/* Nothing may be pending in the vCPU (an exception or interrupt KVM is
 * about to deliver): KVM keeps that in the kernel too, and a template
 * without it would lose it. With no interrupt source and a completed
 * OUT there is none; check rather than assume. */
static int check_no_events(struct mv_vm *vm)
{
	struct kvm_vcpu_events ev;

	if (ioctl(vm->vcpu_fd, KVM_GET_VCPU_EVENTS, &ev) < 0) {
		mv_diag(vm, "KVM_GET_VCPU_EVENTS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (ev.exception.injected || ev.exception.pending || ev.interrupt.injected ||
	    ev.nmi.injected || ev.nmi.pending) {
		mv_diag(vm, "template: the vCPU has an event pending at the snapshot point");
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

static int save_fpu(struct mv_vm *vm, struct minivm_template *t)
{
	/* The FPU, SSE and AVX registers: at the snapshot point still as a
	 * new vCPU has them (the guest kernel uses general registers only),
	 * but copying them is what makes the new VM exact. */
	t->use_xsave_ioctl = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_XSAVE) > 0;
	if (t->use_xsave_ioctl ? ioctl(vm->vcpu_fd, KVM_GET_XSAVE, &t->xsave) < 0
			       : ioctl(vm->vcpu_fd, KVM_GET_FPU, &t->fpu) < 0) {
		mv_diag(vm, "%s: %s", t->use_xsave_ioctl ? "KVM_GET_XSAVE" : "KVM_GET_FPU",
			strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	t->has_xsave = vm->has_xsave;
	if (t->has_xsave && ioctl(vm->vcpu_fd, KVM_GET_XCRS, &t->xcrs) < 0) {
		mv_diag(vm, "KVM_GET_XCRS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

static int save_vcpu(struct mv_vm *vm, struct minivm_template *t)
{
	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &t->regs) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_GET_SREGS, &t->sregs) < 0) {
		mv_diag(vm, "KVM_GET_REGS/SREGS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	memset(&t->msrs, 0, sizeof(t->msrs));
	t->msrs.hdr.nmsrs = MV_SNAP_MSRS;
	for (int i = 0; i < MV_SNAP_MSRS; i++)
		t->msrs.entry[i].index = snap_msrs[i];
	/* KVM_GET_MSRS returns how many it read, stopping at the first it
	 * cannot. */
	int n = ioctl(vm->vcpu_fd, KVM_GET_MSRS, &t->msrs);
	if (n != MV_SNAP_MSRS) {
		mv_diag(vm, "KVM_GET_MSRS: %s",
			n < 0 ? strerror(errno) : "an MSR of the template is not readable");
		return MINIVM_EXIT_ERROR;
	}
	t->cpuid.hdr.nent = MV_SNAP_CPUID;
	if (ioctl(vm->vcpu_fd, KVM_GET_CPUID2, &t->cpuid) < 0) {
		mv_diag(vm, "KVM_GET_CPUID2: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	return save_fpu(vm, t);
}

/* At the snapshot point (vm.c): the vCPU state and what a new VM needs
 * to build its own program stack. Guest memory needs no copy: it is the
 * memfd already. */
int mv_template_capture(struct mv_vm *vm, const struct mv_elf *prog)
{
	struct minivm_template *t = vm->template_boot;
	const struct minivm_bootinfo *bi = (const void *)(vm->mem + MINIVM_BOOTINFO_ADDR);
	int rc;

	if ((rc = complete_pending_io(vm)) || (rc = check_no_events(vm)) || (rc = save_vcpu(vm, t)))
		return rc;
	t->mem_size = vm->mem_size;
	t->lapic = vm->lapic;
	t->prog_sp = bi->prog_sp;
	t->guard = vm->mem_size - MINIVM_STACK_SIZE - MINIVM_PAGE_SIZE;
	/* The guest kernel may have written the boot information (a kernel
	 * given with --kernel is anyone's): a new VM clears the stack from
	 * prog_sp up, so it must lie in the stack area. */
	if (t->prog_sp <= t->guard || t->prog_sp >= t->mem_size) {
		mv_diag(vm, "template: prog_sp 0x%llx is outside the program stack",
			(unsigned long long)t->prog_sp);
		return MINIVM_EXIT_ERROR;
	}
	t->phdr = prog->phdr;
	t->phent = prog->phent;
	t->phnum = prog->phnum;
	t->entry = prog->entry;
	t->hwcap = vm->hwcap;
	return 0;
}
