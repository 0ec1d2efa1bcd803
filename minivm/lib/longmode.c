/*
 * longmode.c - put the vCPU straight into 64-bit long mode, so that the
 * guest kernel needs no real-mode or protected-mode start-up code (Solo5's
 * hvt and Firecracker enter their guests the same way). Normally at ring 0
 * with a flat GDT of ours; for the fast entry (fastentry.c) at ring 3 with
 * the kernel's own GDT, IDT and TSS, as if the kernel had loaded them.
 *
 * Facts behind the order of things:
 *   - Long mode is active when EFER.LME = 1 and CR0.PG = 1 with CR4.PAE = 1;
 *     the CPU then sets EFER.LMA. A real CPU must get there in steps
 *     (PAE, then LME, then PG). KVM_SET_SREGS loads all of CR0, CR4, EFER and
 *     the segments at once, so we write the final state directly, with LMA
 *     already set, as the CPU would have it.
 *   - CR3 must point at valid page tables before the first instruction
 *     runs: pagetable.c builds them first.
 *   - CS must be a 64-bit code segment (L = 1, D = 0) for the CPU to run in
 *     64-bit mode rather than compatibility mode. The hidden parts of the
 *     segment registers are what counts; the GDT is written too so that a
 *     guest that reloads a selector gets the same segment.
 *   - CR4.OSXSAVE is accepted only if the vCPU's CPUID offers XSAVE, so
 *     cpuid.c runs before this.
 *   - The privilege level the vCPU starts at is the DPL of SS (and CS):
 *     KVM_SET_SREGS has no CPL of its own. VMX takes the CPL from SS.DPL;
 *     on SVM, KVM copies SS.DPL into the VMCB's CPL field.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vm.h"

#define CR0_PE (1ULL << 0)  /* protected mode */
#define CR0_MP (1ULL << 1)  /* WAIT honours TS: wanted with an FPU */
#define CR0_ET (1ULL << 4)  /* 387-style FPU (hard-wired to 1 on modern CPUs) */
#define CR0_NE (1ULL << 5)  /* FPU errors as #MF exceptions, not the old IRQ 13 */
#define CR0_WP (1ULL << 16) /* ring 0 honours read-only pages */
#define CR0_PG (1ULL << 31) /* paging */
/* CR0.EM stays 0: with EM set, every SSE instruction raises #UD, and any
 * libc's memcpy uses SSE. */

#define CR4_PAE	       (1ULL << 5)  /* 64-bit page table entries: required for long mode */
#define CR4_OSFXSR     (1ULL << 9)  /* OS saves SSE state with FXSAVE: enables SSE */
#define CR4_OSXMMEXCPT (1ULL << 10) /* SSE exceptions as #XM */
#define CR4_OSXSAVE    (1ULL << 18) /* XSAVE/XGETBV usable (libcs probe AVX with XGETBV) */

#define EFER_SCE (1ULL << 0)  /* SYSCALL/SYSRET: the program's system calls */
#define EFER_LME (1ULL << 8)  /* long mode enable */
#define EFER_LMA (1ULL << 10) /* long mode active */

/* GDT descriptors: base 0, limit 4 GiB (ignored in 64-bit mode for code). */
#define GDT_CODE64 0x00af9b000000ffffULL /* P, DPL 0, code exec/read accessed, L=1 */
#define GDT_DATA   0x00cf93000000ffffULL /* P, DPL 0, data read/write accessed */

static void flat_segment(struct kvm_segment *s, uint16_t selector, int code)
{
	memset(s, 0, sizeof(*s));
	s->base = 0;
	s->limit = 0xffffffff;
	s->selector = selector;
	s->present = 1;
	s->dpl = 0;
	s->s = 1; /* code/data, not a system segment */
	s->g = 1; /* limit counts 4 KiB units */
	if (code) {
		s->type = 11; /* execute/read, accessed */
		s->l = 1;     /* 64-bit code */
		s->db = 0;    /* must be 0 when L = 1 */
	} else {
		s->type = 3; /* read/write, accessed */
		s->db = 1;
	}
}

static void write_gdt(struct mv_vm *vm)
{
	uint64_t gdt[3] = {0, GDT_CODE64, GDT_DATA};

	/* Entry 1 = selector 0x08, entry 2 = selector 0x10 (abi.h). */
	memcpy(vm->mem + MINIVM_GDT_ADDR, gdt, sizeof(gdt));
}

/* Ring 0: our own GDT, flat segments, a placeholder TSS; the guest kernel
 * loads its own tables. */
static void ring0_tables(struct mv_vm *vm, struct kvm_sregs *sregs)
{
	write_gdt(vm);
	sregs->gdt.base = MINIVM_GDT_ADDR;
	sregs->gdt.limit = 3 * 8 - 1;
	sregs->idt.base = 0; /* the guest kernel installs its own IDT */
	sregs->idt.limit = 0;

	flat_segment(&sregs->cs, MINIVM_SEL_CODE, 1);
	flat_segment(&sregs->ds, MINIVM_SEL_DATA, 0);
	sregs->es = sregs->ds;
	sregs->fs = sregs->ds;
	sregs->gs = sregs->ds;
	sregs->ss = sregs->ds;

	/* VM entry on Intel checks TR even in a guest that never switches
	 * tasks: it must be a present, busy 64-bit TSS (type 11). */
	memset(&sregs->tr, 0, sizeof(sregs->tr));
	sregs->tr.type = 11;
	sregs->tr.present = 1;
	sregs->tr.limit = 0x67;
}

/* Ring 3 (fast entry): the kernel's own GDT, IDT and TSS, as if it had
 * loaded them and returned to ring 3 itself. The privilege level is the
 * DPL of CS and SS. On SVM, KVM also copies SS.DPL into the VMCB's CPL
 * field, which is what the CPU uses. */
void mv_ring3_sregs(struct kvm_sregs *sregs, const struct minivm_kernel_header *h,
		    const char *flavour)
{
	sregs->gdt.base = h->gdt_base;
	sregs->gdt.limit = (uint16_t)h->gdt_limit;
	sregs->idt.base = h->idt_base;
	sregs->idt.limit = (uint16_t)h->idt_limit;

	flat_segment(&sregs->cs, (uint16_t)h->user_cs, 1);
	sregs->cs.dpl = 3;
	flat_segment(&sregs->ss, (uint16_t)h->user_ss, 0);
	sregs->ss.dpl = 3;
	sregs->ds = sregs->ss;
	sregs->es = sregs->ss;
	/* FS and GS: null selectors; the program sets its FS base itself. */
	memset(&sregs->fs, 0, sizeof(sregs->fs));
	sregs->fs.unusable = 1;
	sregs->gs = sregs->fs;

	memset(&sregs->tr, 0, sizeof(sregs->tr));
	sregs->tr.selector = (uint16_t)h->tss_selector;
	sregs->tr.base = h->tss_base;
	sregs->tr.limit = (uint32_t)h->tss_limit;
	/* Busy on VMX, available on SVM: see mv_fastentry_tr_type(). */
	sregs->tr.type = mv_fastentry_tr_type(flavour);
	sregs->tr.present = 1;
}

int mv_longmode_setup(struct mv_vm *vm, uint64_t cr3, const struct minivm_kernel_header *h)
{
	struct kvm_sregs sregs;

	/* Read first: the APIC base and the rest keep their reset values. */
	if (ioctl(vm->vcpu_fd, KVM_GET_SREGS, &sregs) < 0) {
		mv_diag(vm, "KVM_GET_SREGS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (h) {
		char why[128]; /* unused: an unknown flavour gets VMX's state */
		mv_ring3_sregs(&sregs, h, mv_flavour(why, sizeof(why)));
	} else {
		ring0_tables(vm, &sregs);
	}

	sregs.cr3 = cr3;
	sregs.cr4 = CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT;
	if (vm->has_xsave)
		sregs.cr4 |= CR4_OSXSAVE;
	sregs.cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
	sregs.efer = EFER_SCE | EFER_LME | EFER_LMA;

	if (ioctl(vm->vcpu_fd, KVM_SET_SREGS, &sregs) < 0) {
		mv_diag(vm, "KVM_SET_SREGS (long mode): %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (vm->trace)
		mv_trace_step(vm, "KVM_SET_SREGS", "64-bit long mode, paging on, ring %d",
			      h ? 3 : 0);
	return 0;
}

/* General registers and the FPU: where the guest kernel starts. */
int mv_regs_setup(struct mv_vm *vm, uint64_t rip, int ring3)
{
	struct kvm_regs regs;

	memset(&regs, 0, sizeof(regs));
	regs.rip = rip;
	regs.rsp = MINIVM_KSTACK_TOP;
	regs.rdi = MINIVM_BOOTINFO_ADDR; /* System V: first argument */
	/* Bit 1 is reserved and always 1. IF: off at ring 0 (the kernel has
	 * no IDT yet); on at ring 3, as the kernel's IRETQ would leave it
	 * (no interrupt source exists anyway). */
	regs.rflags = ring3 ? 0x202 : 0x2;
	if (ioctl(vm->vcpu_fd, KVM_SET_REGS, &regs) < 0) {
		mv_diag(vm, "KVM_SET_REGS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (vm->trace)
		mv_trace_step(vm, "KVM_SET_REGS", "rip 0x%llx, rsp 0x%llx, rdi = boot info",
			      (unsigned long long)rip, (unsigned long long)regs.rsp);

	/* At reset the x87 control word is 0x0040; FNINIT (what Linux gives
	 * a new process) sets 0x037f: all exceptions masked, 64-bit
	 * precision. MXCSR 0x1f80 masks all SSE exceptions. */
	struct kvm_fpu fpu;
	memset(&fpu, 0, sizeof(fpu));
	fpu.fcw = 0x37f;
	fpu.mxcsr = 0x1f80;
	if (ioctl(vm->vcpu_fd, KVM_SET_FPU, &fpu) < 0) {
		mv_diag(vm, "KVM_SET_FPU: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (vm->trace)
		mv_trace_step(vm, "KVM_SET_FPU", "x87 and SSE control words as Linux sets them");
	return 0;
}
