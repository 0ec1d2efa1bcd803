/*
 * gdt.c - the kernel's own GDT and TSS: ring-3 segments for the program,
 * an exception stack, and the I/O permission bitmap that lets ring 3 make
 * hypercalls.
 *
 * Why ring 3: under PVM, code at CPL 0 is emulated one instruction at a
 * time while CPL 3 runs natively (docs/kvm-flavours.md). So the program,
 * and our system call handler with it, run at ring 3. That needs:
 *   - user code and data segments (DPL 3), for IRETQ to enter ring 3 and
 *     for SYSRET where the CPU does switch rings (hardware VMX/SVM);
 *   - a TSS: its IST entry gives the exception handlers a known-good stack
 *     (a stack overflow into the guard page would otherwise turn into a
 *     triple fault with no report), and its I/O permission bitmap allows
 *     OUT to the hypercall ports at CPL 3, where IOPL 0 would forbid it.
 * The code and data selectors keep the VMM's values (abi.h), so the segment
 * registers need no reload.
 */
#include "kernel.h"
#include "tables.h"

/* Exception stack: the bottom 16 KiB of the kernel stack area. System calls
 * use the top of that area and never come near. */
#define EXCEPTION_STACK_TOP (MINIVM_KSTACK_BOTTOM + 16 * 1024)

/* All static: filling it at run time would cost emulated instructions. */
struct tss tss = {
    .ist = {EXCEPTION_STACK_TOP},
    .iomap_base = offsetof(struct tss, iomap),
    .iomap = {[0 ... IOMAP_HC_BYTE - 1] = 0xff, [IOMAP_HC_BYTE + 1] = 0xff},
};

/*
 * Descriptors: access byte 0x9A = present, ring 0, code, readable; 0x92 =
 * present, ring 0, data, writable; 0xFA and 0xF2 the same at ring 3. Flags
 * 0xA = 4 KiB granularity + long mode (code), 0xC = 4 KiB + 32-bit (data,
 * ignored in long mode). The TSS takes two slots in long mode.
 */
/* clang-format off */
uint64_t gdt[GDT_ENTRIES] = {
	0,
	0x00af9a000000ffffULL, /* 0x08 kernel code (MINIVM_SEL_CODE) */
	0x00cf92000000ffffULL, /* 0x10 kernel data (MINIVM_SEL_DATA) */
	0x00cff2000000ffffULL, /* 0x18 user data  (SEL_USER_DATA, used with RPL 3) */
	0x00affa000000ffffULL, /* 0x20 user code  (SEL_USER_CODE, used with RPL 3) */
	0,                     /* 0x28 TSS, low half: filled in by gdt_init() */
	0,                     /* 0x30 TSS, high half: bits 63:32 of its base */
};
/* clang-format on */

struct table_pointer {
	uint16_t limit;
	uint64_t base;
} __attribute__((packed));

/* The TSS descriptor: a system descriptor of type 9 (available 64-bit
 * TSS), present (0x80), its base split over three fields. */
void gdt_fill_tss(void)
{
	uint64_t base = (uint64_t)&tss;
	uint64_t limit = sizeof(tss) - 1;

	gdt[5] = (limit & 0xffff) | ((base & 0xffffff) << 16) | (0x89ULL << 40) |
		 ((limit >> 16 & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
	gdt[6] = base >> 32;
}

/* Runs at ring 0 (emulated): keep it short. */
void gdt_init(void)
{
	struct table_pointer gdtr = {sizeof(gdt) - 1, (uint64_t)gdt};

	gdt_fill_tss();
	__asm__ volatile("lgdt %0" : : "m"(gdtr));
	__asm__ volatile("ltr %w0" : : "r"(SEL_TSS));
}
