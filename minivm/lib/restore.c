/*
 * restore.c - a new VM started from a template (snapshot.c): the warm
 * start. In the order the phase stamps record:
 *   open /dev/kvm                         kvm_opened
 *   create the VM                         vm_created
 *   map the template's memory copy-on-write, anonymous memory around it
 *                                         memory_mapped
 *   vCPU, CPUID, the template's registers, a new program stack and
 *   clock                                 vcpu_ready
 *   run (the vCPU resumes where the template stopped, in the guest kernel
 *   just before the program's entry)      first_syscall, program_exit
 *   close everything                      vm_destroyed
 * What it skips against a cold start (vm.c): reading and checking the ELF
 * files, building the page tables, loading kernel and program, the long-mode
 * set-up, and the guest kernel's own set-up (its guest_entered phase).
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "snapshot.h"

/* Anonymous memory for the whole guest, then the template's written runs
 * mapped over it from the memfd, MAP_PRIVATE: this VM's writes go to
 * copies of its own (the kernel's copy-on-write), never to the
 * template. The rest reads as zero, as in a cold VM. One memory slot
 * still covers it all: KVM looks up host pages by address, whatever
 * mapping they belong to.
 *
 * MAP_POPULATE: the written runs are copied in now, in one call, not
 * page by page as the guest touches them. On a writable private mapping
 * the kernel populates with write faults, so each page is this VM's own
 * copy before the vCPU runs: the guest writes most of them anyway (its
 * kernel's data, the stack, the page tables, where the MMU sets accessed
 * and dirty bits), and under shadow paging (PVM) a guest fault on a page
 * the host has not mapped yet is a VM exit, a host fault and a copy,
 * while a page already there is mapped by KVM on the first fault near
 * it (it prefetches the host's present neighbours). From the fork to
 * the program's first syscall 1069 -> 777 us p50, in bench microvm-snap
 * READY 1812 -> 1443 us (Intel Xeon PVM, 2026-12-02, loaded; minivm/
 * README.md). MADV_POPULATE_READ, which maps the template's pages without
 * copying them, gained nothing (1079 us), and KVM_PRE_FAULT_MEMORY is
 * refused there (EOPNOTSUPP: it needs two-dimensional paging). The
 * cost: the pages among the runs the guest only reads (its kernel's
 * text) are copied too, not shared: uss of an idle VM 184 -> 220 KiB,
 * its cgroup's figure unchanged (768 KiB). */
static int map_memory(struct mv_vm *vm, const struct minivm_template *t)
{
	uint8_t *mem = mmap(NULL, t->mem_size, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (mem == MAP_FAILED) {
		mv_diag(vm, "mmap of guest memory: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	vm->mem = mem;
	vm->mem_size = t->mem_size;
	for (int i = 0; i < t->nextents; i++) {
		const struct mv_extent *e = &t->extent[i];

		if (mmap(mem + e->offset, e->len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_FIXED | MAP_NORESERVE | MAP_POPULATE, t->memfd,
			 (off_t)e->offset) == MAP_FAILED) {
			mv_diag(vm, "mmap of the template's memory: %s", strerror(errno));
			return MINIVM_EXIT_ERROR;
		}
	}
	return mv_memory_slot(vm);
}

/* The template's vCPU state into this new vCPU. Order matters: CPUID
 * first (the template's table, so no KVM_GET_SUPPORTED_CPUID here; and
 * KVM refuses CR4 bits the CPUID does not offer),
 * then sregs (control registers, EFER, segments), MSRs, XCR0 before the
 * XSAVE area (KVM checks the area's features against XCR0), registers. */
static int load_vcpu(struct mv_vm *vm, const struct minivm_template *t)
{
	if (ioctl(vm->vcpu_fd, KVM_SET_CPUID2, &t->cpuid) < 0) {
		mv_diag(vm, "KVM_SET_CPUID2: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (ioctl(vm->vcpu_fd, KVM_SET_SREGS, &t->sregs) < 0) {
		mv_diag(vm, "KVM_SET_SREGS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	int n = ioctl(vm->vcpu_fd, KVM_SET_MSRS, &t->msrs);
	if (n != (int)t->msrs.hdr.nmsrs) {
		mv_diag(vm, "KVM_SET_MSRS: %s", n < 0 ? strerror(errno) : "an MSR was refused");
		return MINIVM_EXIT_ERROR;
	}
	if (t->has_xsave && ioctl(vm->vcpu_fd, KVM_SET_XCRS, &t->xcrs) < 0) {
		mv_diag(vm, "KVM_SET_XCRS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (t->use_xsave_ioctl ? ioctl(vm->vcpu_fd, KVM_SET_XSAVE, &t->xsave) < 0
			       : ioctl(vm->vcpu_fd, KVM_SET_FPU, &t->fpu) < 0) {
		mv_diag(vm, "%s: %s", t->use_xsave_ioctl ? "KVM_SET_XSAVE" : "KVM_SET_FPU",
			strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (ioctl(vm->vcpu_fd, KVM_SET_REGS, &t->regs) < 0) {
		mv_diag(vm, "KVM_SET_REGS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

/* What must differ from the template: this VM's argv, its AT_RANDOM bytes
 * (a fresh 16 from the host; a copied stack would give every VM the same
 * stack-protector canary and malloc seeds), and the clock (a new VM has
 * its own TSC, starting near 0). The guest kernel reads prog_sp and the
 * clock fields from the boot information after the snapshot point. */
static int new_stack_and_clock(struct mv_vm *vm, const struct minivm_template *t)
{
	struct minivm_bootinfo bi;
	uint64_t sp;
	struct mv_stack_args sa = {
	    .execfn = t->program,
	    .phdr = t->phdr,
	    .phent = t->phent,
	    .phnum = t->phnum,
	    .entry = t->entry,
	    .hwcap = t->hwcap,
	};

	/* The template's stack holds its own argv: cleared, so the program
	 * finds zeros above and below its new one, as in a cold VM. */
	memset(vm->mem + t->prog_sp, 0, t->mem_size - t->prog_sp);
	int rc = mv_stack_for_run(vm, &sa, t->guard, &sp);
	if (rc)
		return rc;
	memcpy(&bi, vm->mem + MINIVM_BOOTINFO_ADDR, sizeof(bi));
	rc = mv_bootinfo_clock(vm, &bi);
	if (rc)
		return rc;
	bi.prog_sp = sp;
	bi.flags = 0;
	/* The template's own stamps (its guest_entered) are not this VM's. */
	memset(bi.phase_tsc, 0, sizeof(bi.phase_tsc));
	memcpy(vm->mem + MINIVM_BOOTINFO_ADDR, &bi, sizeof(bi));
	return 0;
}

static int template_memory(struct mv_vm *vm, void *ctx)
{
	return map_memory(vm, ctx);
}

static int template_vcpu(struct mv_vm *vm, void *ctx)
{
	const struct minivm_template *t = ctx;
	int rc;

	if ((rc = mv_kvm_create_vcpu(vm)) || (rc = load_vcpu(vm, t)) ||
	    (rc = new_stack_and_clock(vm, t)))
		return rc;
	return 0;
}

/* The LAPIC as the template's vCPU had it: minivm's own kernel gets one
 * because it makes the vCPU cheaper to create and destroy (kvm.c); its
 * state needs no copy, the guest never touches it. */
static int template_devices(struct mv_vm *vm, void *ctx)
{
	const struct minivm_template *t = ctx;

	if (t->lapic)
		mv_kvm_split_irqchip(vm);
	return 0;
}

/* The steps of every boot (boot.c), with the template's memory and vCPU. */
static int restore_and_run(struct mv_vm *vm, const struct minivm_template *t)
{
	const struct mv_boot_steps steps = {.devices = template_devices,
					    .memory = template_memory,
					    .vcpu = template_vcpu,
					    .ctx = (void *)t};

	return mv_boot_and_run(vm, &steps);
}

int minivm_run_snapshot(const struct minivm_template *t, const struct minivm_config *cfg)
{
	struct mv_vm vm;
	int rc;

	mv_vm_init(&vm, cfg);
	if (!t || t->memfd < 0 || cfg->argc < 0 || (cfg->argc > 0 && !cfg->argv)) {
		mv_diag(&vm, "no template, or no argv");
		return MINIVM_EXIT_ERROR;
	}
	rc = restore_and_run(&vm, t);
	mv_signals_stop();
	mv_bootinfo_phases(&vm);
	mv_vm_finish(&vm);
	return rc;
}
