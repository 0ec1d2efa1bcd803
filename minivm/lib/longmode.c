/*
 * longmode.c - put the vCPU straight into 64-bit long mode, so that the
 * guest kernel needs no real-mode or protected-mode start-up code (Solo5's
 * hvt and Firecracker enter their guests the same way). Normally at ring 0
 * with a flat GDT of ours; for the fast entry (fastentry.c) at ring 3 with
 * the kernel's own GDT, IDT and TSS, as if the kernel had loaded them.
 * The Linux boot (../linux/) enters Linux the same way, at ring 0 with a
 * GDT at the selectors Linux's boot protocol names.
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

/* GDT descriptors: base 0, limit 4 GiB (ignored in 64-bit mode for code);
 * flags 0xa: 4 KiB granularity, 64-bit (L); 0xc: 4 KiB, 32-bit default. */
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

const struct mv_flat_gdt mv_guest_gdt = {
    .addr = MINIVM_GDT_ADDR, .code_sel = MINIVM_SEL_CODE, .data_sel = MINIVM_SEL_DATA};

/* A null descriptor, then the code and data descriptors at their
 * selectors (a selector is the descriptor's byte offset in the GDT);
 * slots in between stay null. Returns the GDT's limit. */
static uint16_t write_gdt(uint8_t *mem, const struct mv_flat_gdt *g)
{
	uint16_t top = g->code_sel > g->data_sel ? g->code_sel : g->data_sel;
	uint64_t code = GDT_CODE64, data = GDT_DATA;

	memset(mem + g->addr, 0, (size_t)top + 8);
	memcpy(mem + g->addr + g->code_sel, &code, sizeof(code));
	memcpy(mem + g->addr + g->data_sel, &data, sizeof(data));
	return (uint16_t)(top + 8 - 1);
}

/* Ring 0: a GDT of ours, flat segments, a placeholder TSS; the guest kernel
 * loads its own tables. */
static void ring0_tables(struct kvm_sregs *sregs, uint8_t *mem, const struct mv_flat_gdt *g)
{
	sregs->gdt.base = g->addr;
	sregs->gdt.limit = write_gdt(mem, g);
	sregs->idt.base = 0; /* the guest kernel installs its own IDT */
	sregs->idt.limit = 0;

	flat_segment(&sregs->cs, g->code_sel, 1);
	flat_segment(&sregs->ds, g->data_sel, 0);
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

/* Paging on with 64-bit entries and long mode, the FPU and SSE usable. */
static void control_registers(struct kvm_sregs *sregs, uint64_t cr3, int xsave)
{
	sregs->cr3 = cr3;
	sregs->cr4 = CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT;
	if (xsave)
		sregs->cr4 |= CR4_OSXSAVE;
	sregs->cr0 = CR0_PE | CR0_MP | CR0_ET | CR0_NE | CR0_WP | CR0_PG;
	sregs->efer = EFER_SCE | EFER_LME | EFER_LMA;
}

void mv_longmode_sregs(struct kvm_sregs *sregs, uint8_t *mem, const struct mv_flat_gdt *gdt,
		       uint64_t cr3, int xsave)
{
	ring0_tables(sregs, mem, gdt);
	control_registers(sregs, cr3, xsave);
}

int mv_longmode_setup(struct mv_vm *vm, uint64_t cr3, const struct mv_flat_gdt *gdt,
		      const struct minivm_kernel_header *h)
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
		control_registers(&sregs, cr3, vm->has_xsave);
	} else {
		mv_longmode_sregs(&sregs, vm->mem, gdt, cr3, vm->has_xsave);
	}

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
