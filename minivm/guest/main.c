/*
 * main.c - the guest kernel's set-up, from the VMM's hand-over to the
 * program's first instruction.
 */
#include "kernel.h"

const struct minivm_bootinfo *boot;

void kmain(const struct minivm_bootinfo *bi) __attribute__((noreturn));

void kmain(const struct minivm_bootinfo *bi)
{
	boot = bi;
	phase(MINIVM_PHASE_GUEST_ENTERED);
	if (bi->magic != MINIVM_BOOTINFO_MAGIC)
		panic("bad bootinfo magic: VMM and guest kernel disagree");

	gdt_init();	/* a TSS, for the exception stack */
	idt_init();	/* any CPU exception is reported, with registers */
	syscall_init(); /* SYSCALL lands in syscall_entry */
	fpu_init();	/* AVX state on, where the VMM enabled XSAVE */
	memory_init();	/* brk and mmap areas from bootinfo */

	enter_program(bi->prog_entry, bi->prog_sp);
}
