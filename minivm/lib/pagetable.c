/*
 * pagetable.c - the guest's identity map (virtual address = physical
 * address), built by the VMM so that the guest starts in long mode with
 * paging on.
 *
 * x86-64 4-level paging: CR3 -> PML4 (512 GiB per entry) -> PDPT (1 GiB per
 * entry) -> PD (2 MiB per entry) -> PT (4 KiB per entry). A PD entry with
 * the PS bit maps a whole 2 MiB page, so most of memory needs no PT at all:
 * few table pages to write, and few for the CPU (or PVM's shadow paging) to
 * walk. Two 2 MiB regions get a PT of 4 KiB pages instead, because one page
 * in each must be absent:
 *   - region 0: page 0, so that a NULL dereference faults;
 *   - the region holding the stack guard page, so that a stack overflow
 *     faults instead of running into the mmap area.
 *
 * The Linux boot (../linux/) uses the same map, with its tables elsewhere
 * and no guard page.
 *
 * Table pages, all inside [MINIVM_PT_ADDR, MINIVM_PT_END) for minivm's guest:
 *   +0x0000 PML4, +0x1000 PDPT, +0x2000 PT of region 0,
 *   +0x3000 PT of the guard page's region, +0x4000.. one PD per GiB.
 * These functions only read and write the memory image they are given, so
 * the unit tests run them on a plain buffer.
 */
#include <string.h>

#include "vm.h"

#define PTE_P  (1ULL << 0) /* present */
#define PTE_RW (1ULL << 1) /* writable */
/* User: ring 3 may use the page. Set everywhere, because the guest runs
 * its program (and its system-call handler) at ring 3, where PVM hosts run
 * guest code natively (docs/kvm-flavours.md). The guest is one program in
 * one address space; there is nothing to protect from it. */
#define PTE_US (1ULL << 2)
/* Accessed and Dirty set up front: the CPU would otherwise write them on
 * first use, and under shadow paging (PVM) each such write is a trap. */
#define PTE_A	  (1ULL << 5)
#define PTE_D	  (1ULL << 6)
#define PTE_PS	  (1ULL << 7) /* in a PD entry: a 2 MiB page */
#define PTE_ADDR  0x000ffffffffff000ULL
#define PTE_TABLE (PTE_P | PTE_RW | PTE_US | PTE_A)
#define PTE_PAGE  (PTE_P | PTE_RW | PTE_US | PTE_A | PTE_D)
#define SIZE_2M	  (2ULL << 20)
#define SIZE_1G	  (1ULL << 30)

#define PML4_OFF     0x0000
#define PDPT_OFF     0x1000
#define PT_LOW_OFF   0x2000
#define PT_GUARD_OFF 0x3000
#define PD_OFF	     0x4000

static uint64_t *table_at(uint8_t *mem, uint64_t gpa)
{
	return (uint64_t *)(void *)(mem + gpa);
}

/* Fill a PT for the 2 MiB region at base, leaving the page at hole absent. */
static void fill_pt(uint64_t *pt, uint64_t base, uint64_t hole)
{
	for (uint64_t i = 0; i < 512; i++) {
		uint64_t addr = base + i * MINIVM_PAGE_SIZE;
		pt[i] = addr == hole ? 0 : addr | PTE_PAGE;
	}
}

int mv_pagetable_build(uint8_t *mem, uint64_t mem_size, uint64_t guard_gpa, uint64_t *cr3,
		       const char **why)
{
	if (guard_gpa == 0) {
		*why = "stack guard page outside guest memory or in the first 2 MiB";
		return -1;
	}
	return mv_pagetable_build_at(mem, mem_size, MINIVM_PT_ADDR, MINIVM_PT_END, guard_gpa, cr3,
				     why);
}

int mv_pagetable_build_at(uint8_t *mem, uint64_t mem_size, uint64_t pt_addr, uint64_t pt_end,
			  uint64_t guard_gpa, uint64_t *cr3, const char **why)
{
	const uint64_t max_pd = (pt_end - pt_addr - PD_OFF) / MINIVM_PAGE_SIZE;
	uint64_t gib = (mem_size + SIZE_1G - 1) / SIZE_1G;

	if (mem_size == 0 || mem_size % SIZE_2M != 0) {
		*why = "guest memory size must be a multiple of 2 MiB";
		return -1;
	}
	if (pt_end < pt_addr + PD_OFF || gib > max_pd) {
		*why = "guest memory too large for the page-table area";
		return -1;
	}
	if (guard_gpa != 0 &&
	    (guard_gpa % MINIVM_PAGE_SIZE != 0 || guard_gpa < SIZE_2M || guard_gpa >= mem_size)) {
		*why = "stack guard page outside guest memory or in the first 2 MiB";
		return -1;
	}

	uint64_t pml4 = pt_addr + PML4_OFF;
	uint64_t pdpt = pt_addr + PDPT_OFF;
	uint64_t pt_low = pt_addr + PT_LOW_OFF;
	uint64_t pt_guard = pt_addr + PT_GUARD_OFF;
	uint64_t guard_region = guard_gpa & ~(SIZE_2M - 1);

	table_at(mem, pml4)[0] = pdpt | PTE_TABLE;
	for (uint64_t g = 0; g < gib; g++) {
		uint64_t pd = pt_addr + PD_OFF + g * MINIVM_PAGE_SIZE;
		table_at(mem, pdpt)[g] = pd | PTE_TABLE;
		for (uint64_t i = 0; i < 512; i++) {
			uint64_t region = g * SIZE_1G + i * SIZE_2M;
			uint64_t *entry = &table_at(mem, pd)[i];
			if (region >= mem_size)
				break; /* past the end: not present (already zero) */
			if (region == 0)
				*entry = pt_low | PTE_TABLE;
			else if (guard_gpa && region == guard_region)
				*entry = pt_guard | PTE_TABLE;
			else
				*entry = region | PTE_PAGE | PTE_PS;
		}
	}
	fill_pt(table_at(mem, pt_low), 0, 0);
	if (guard_gpa)
		fill_pt(table_at(mem, pt_guard), guard_region, guard_gpa);
	*cr3 = pml4;
	return 0;
}

/* Read one 8-byte table entry, refusing tables outside the image. */
static int read_entry(const uint8_t *mem, uint64_t mem_size, uint64_t table, uint64_t index,
		      uint64_t *entry)
{
	uint64_t gpa = (table & PTE_ADDR) + index * 8;

	if (!mv_gpa_ok(mem_size, gpa, 8))
		return -1;
	memcpy(entry, mem + gpa, 8);
	return 0;
}

int mv_pagetable_walk(const uint8_t *mem, uint64_t mem_size, uint64_t cr3, uint64_t va,
		      uint64_t *pa)
{
	uint64_t e;

	if (va >> 47)
		return -1; /* only the lower half is mapped */
	if (read_entry(mem, mem_size, cr3, (va >> 39) & 511, &e) || !(e & PTE_P))
		return -1;
	if (read_entry(mem, mem_size, e, (va >> 30) & 511, &e) || !(e & PTE_P))
		return -1;
	if (read_entry(mem, mem_size, e, (va >> 21) & 511, &e) || !(e & PTE_P))
		return -1;
	if (e & PTE_PS) {
		*pa = (e & PTE_ADDR & ~(SIZE_2M - 1)) | (va & (SIZE_2M - 1));
		return 0;
	}
	if (read_entry(mem, mem_size, e, (va >> 12) & 511, &e) || !(e & PTE_P))
		return -1;
	*pa = (e & PTE_ADDR) | (va & (MINIVM_PAGE_SIZE - 1));
	return 0;
}
