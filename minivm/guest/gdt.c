/*
 * gdt.c - the kernel's own GDT, with a TSS so that exceptions run on a
 * stack of their own.
 *
 * The VMM's GDT (abi.h) has only a code and a data segment, and that is all
 * a 64-bit kernel needs, except for one thing: when the program overflows
 * its stack into the guard page, the CPU cannot push the page-fault frame
 * on that stack, and the machine triple-faults with no report. An IST
 * (interrupt stack table) entry in the TSS gives the exception handlers a
 * known-good stack. So we install a copy of the VMM's GDT plus a TSS. The
 * code and data selectors keep their values (0x08, 0x10), so the segment
 * registers need no reload.
 */
#include "kernel.h"

#define SEL_TSS 0x18

/* The 64-bit TSS (Intel SDM vol. 3, figure 8-11). Only ist[0] is used. */
struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __attribute__((packed));

/* Exception stack: the bottom 16 KiB of the kernel stack area. System calls
 * use the top of that area and never come near. */
#define EXCEPTION_STACK_TOP (MINIVM_KSTACK_BOTTOM + 16 * 1024)

static struct tss tss;

/*
 * Descriptors: flat 64-bit code (access 0x9A: present, ring 0, code,
 * readable; flags 0xA: 4 KiB granularity, long mode), flat data (0x92,
 * writable; flags 0xC), then the TSS, which takes two slots in long mode.
 */
static uint64_t gdt[5] = {
    0, 0x00af9a000000ffffULL, 0x00cf92000000ffffULL, 0, /* TSS, low half: filled in by gdt_init() */
    0,							/* TSS, high half: bits 63:32 of its base */
};

struct table_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

void gdt_init(void)
{
	uint64_t base = (uint64_t)&tss;
	uint64_t limit = sizeof(tss) - 1;
	struct table_pointer gdtr = {sizeof(gdt) - 1, (uint64_t)gdt};

	tss.ist[0] = EXCEPTION_STACK_TOP;
	tss.iomap_base = sizeof(tss); /* no I/O permission bitmap */

	/* System descriptor, type 9 (available 64-bit TSS), present (0x80). */
	gdt[3] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
		 ((limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
	gdt[4] = base >> 32;

	__asm__ volatile("lgdt %0" : : "m"(gdtr));
	__asm__ volatile("ltr %w0" : : "r"(SEL_TSS));
}
