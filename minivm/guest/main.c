/*
 * main.c - the guest kernel's set-up, from the VMM's hand-over to the
 * program's first instruction.
 *
 * Two halves: kmain() runs at ring 0, where the VMM starts us, and does
 * only what needs ring 0 (loading GDT, TSS and IDT, writing MSRs): under
 * PVM each ring-0 instruction is emulated (docs/kvm-flavours.md). It then drops
 * to ring 3, where kmain_user() finishes natively and starts the program.
 * A VMM that reads our header (header.c) may do kmain()'s part itself and
 * enter kmain_user() directly.
 */
#include "kernel.h"
#include "cpu.h"

#define PTE_USER (1ULL << 2)

const struct minivm_bootinfo *boot;

void kmain(const struct minivm_bootinfo *bi) __attribute__((noreturn));
void kmain_user(const struct minivm_bootinfo *bi) __attribute__((noreturn));

static void check_bootinfo(const struct minivm_bootinfo *bi)
{
	if (bi->magic != MINIVM_BOOTINFO_MAGIC)
		panic("bad bootinfo magic: VMM and guest kernel disagree");
}

/* Ring 0. */
// cppcheck-suppress unusedFunction ; called from boot.S
void kmain(const struct minivm_bootinfo *bi)
{
	const uint64_t *pml4;

	boot = bi;
	phase(MINIVM_PHASE_GUEST_ENTERED);
	check_bootinfo(bi);
	/* Ring 3 may touch a page only if every level of its page-table
	 * entries has the user bit; the VMM sets it everywhere (abi.h). */
	__asm__ volatile("mov %%cr3, %0" : "=r"(pml4));
	if (!(pml4[0] & PTE_USER))
		panic("page tables lack the user bit: ring 3 cannot run");

	gdt_init();	/* ring-3 segments, TSS: exception stack, I/O bitmap */
	idt_load();	/* the table itself is filled at ring 3 */
	syscall_init(); /* SYSCALL lands in syscall_entry */
	fpu_init();	/* AVX state on, where the VMM enabled XSAVE */

	enter_ring3(bi);
}

/* Ring 3, on the kernel stack, from kmain() or straight from the VMM. */
// cppcheck-suppress unusedFunction ; called from boot.S
void kmain_user(const struct minivm_bootinfo *bi)
{
	if (!boot) { /* the VMM did kmain()'s work */
		boot = bi;
		phase(MINIVM_PHASE_GUEST_ENTERED);
		check_bootinfo(bi);
		gdt_fill_tss(); /* the GDT's copy of what the VMM put in TR */
	}
	idt_fill();    /* any CPU exception is reported, with registers */
	memory_init(); /* brk and mmap areas from bootinfo */

	/* A template for snapshots stops here, all set-up done: a VM started
	 * from it resumes after this call, with its own stack (prog_sp). */
	if (boot->flags & MINIVM_BOOT_SNAPSHOT)
		phase(MINIVM_PHASE_SNAPSHOT);
	enter_program(boot->prog_entry, boot->prog_sp);
}
