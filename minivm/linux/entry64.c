/*
 * entry64.c - page tables, GDT and registers for entering Linux in 64-bit
 * mode, as a boot loader would leave them.
 */
#include <string.h>

#include "bzimage.h"
#include "entry64.h"
#include "layout.h"

/* Control register and EFER bits (Intel SDM vol. 3, 2.5 and 2.2.1). */
#define CR0_PE	 (1ULL << 0)  /* protected mode */
#define CR0_ET	 (1ULL << 4)  /* math coprocessor type: always 1 since the 486 */
#define CR0_PG	 (1ULL << 31) /* paging */
#define CR4_PAE	 (1ULL << 5)  /* 64-bit page table entries: required for long mode */
#define EFER_LME (1ULL << 8)  /* long mode enable */
#define EFER_LMA (1ULL << 10) /* long mode active (set by the CPU; KVM wants it given) */

/* Page-table entry bits */
#define PTE_P  (1ULL << 0) /* present */
#define PTE_RW (1ULL << 1) /* writable */
#define PTE_PS (1ULL << 7) /* in a page directory: a 2 MiB page, not a table */

/* GDT descriptors: base 0, limit 4 GiB (0xfffff in 4 KiB units).
 * Access byte 0x9b: present, ring 0, code, execute/read, accessed;
 * flags 0xa: 4 KiB granularity, 64-bit (L). Data: 0x93 read/write,
 * flags 0xc: 4 KiB granularity, 32-bit default size. */
#define GDT_CODE64 0x00af9b000000ffffULL
#define GDT_DATA   0x00cf93000000ffffULL
/* A 64-bit TSS descriptor takes two slots: access 0x89 (present,
 * available 64-bit TSS), limit 0x67 (the 104-byte TSS), base 0. The
 * second slot holds base bits 63:32, zero here. */
#define GDT_TSS64_LO 0x0000890000000067ULL

#define SEG_TYPE_CODE_XRA 0xb /* execute/read, accessed */
#define SEG_TYPE_DATA_RWA 0x3 /* read/write, accessed */
#define SEG_TYPE_TSS_BUSY 0xb /* 64-bit TSS, busy: what VMX expects in TR */

static void put_u64(uint8_t *mem, uint64_t addr, uint64_t v)
{
	bz_put64(mem + addr, v);
}

static void write_gdt(uint8_t *mem)
{
	memset(mem + LINUX_GDT_ADDR, 0, 6 * 8);
	put_u64(mem, LINUX_GDT_ADDR + LINUX_SEL_CODE, GDT_CODE64);
	put_u64(mem, LINUX_GDT_ADDR + LINUX_SEL_DATA, GDT_DATA);
	put_u64(mem, LINUX_GDT_ADDR + LINUX_SEL_TSS, GDT_TSS64_LO);
}

/* Identity map [0, 4 GiB) with 2 MiB pages: one PML4 entry, four PDPT
 * entries (1 GiB each), four page directories of 512 entries. Kept small on
 * purpose: the kernel replaces these tables within its first instructions. */
static void write_page_tables(uint8_t *mem)
{
	memset(mem + LINUX_PML4_ADDR, 0, 4096);
	memset(mem + LINUX_PDPT_ADDR, 0, 4096);
	put_u64(mem, LINUX_PML4_ADDR, LINUX_PDPT_ADDR | PTE_P | PTE_RW);
	for (uint64_t g = 0; g < LINUX_PD_COUNT; g++) {
		uint64_t pd = LINUX_PD_ADDR + g * 4096;

		put_u64(mem, LINUX_PDPT_ADDR + g * 8, pd | PTE_P | PTE_RW);
		for (uint64_t i = 0; i < 512; i++) {
			uint64_t phys = (g << 30) | (i << 21);

			put_u64(mem, pd + i * 8, phys | PTE_P | PTE_RW | PTE_PS);
		}
	}
}

void entry64_write_tables(uint8_t *mem)
{
	write_gdt(mem);
	write_page_tables(mem);
}

/* KVM takes segment registers as their hidden (cached) part, the way the
 * CPU holds them after a load: it does not read the GDT itself. */
static struct kvm_segment flat_segment(uint16_t selector, uint8_t type, int code)
{
	struct kvm_segment seg = {
	    .base = 0,
	    .limit = 0xffffffff,
	    .selector = selector,
	    .type = type,
	    .present = 1,
	    .dpl = 0,
	    .db = code ? 0 : 1, /* a 64-bit code segment has D clear */
	    .s = 1,		/* code or data, not a system segment */
	    .l = code ? 1 : 0,
	    .g = 1,
	};
	return seg;
}

void entry64_sregs(struct kvm_sregs *s)
{
	struct kvm_segment data = flat_segment(LINUX_SEL_DATA, SEG_TYPE_DATA_RWA, 0);

	s->cs = flat_segment(LINUX_SEL_CODE, SEG_TYPE_CODE_XRA, 1);
	s->ds = s->es = s->fs = s->gs = s->ss = data;
	s->tr = (struct kvm_segment){
	    .base = 0,
	    .limit = 0x67,
	    .selector = LINUX_SEL_TSS,
	    .type = SEG_TYPE_TSS_BUSY,
	    .present = 1,
	};
	s->gdt.base = LINUX_GDT_ADDR;
	s->gdt.limit = 6 * 8 - 1;
	/* No IDT: interrupts stay off until the kernel loads its own. */
	s->idt.base = 0;
	s->idt.limit = 0;
	s->cr0 = CR0_PE | CR0_ET | CR0_PG;
	s->cr3 = LINUX_PML4_ADDR;
	s->cr4 = CR4_PAE;
	s->efer = EFER_LME | EFER_LMA;
}

void entry64_regs(struct kvm_regs *r, uint64_t entry)
{
	memset(r, 0, sizeof(*r));
	r->rip = entry;
	r->rsi = LINUX_ZERO_PAGE_ADDR;
	r->rsp = LINUX_STACK_TOP;
	r->rflags = 0x2; /* bit 1 is reserved and always set; IF clear */
}
