/* Unit tests of minivm/lib/pagetable.c: build the identity map into a
 * memory image, then walk it as the CPU would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include "vm.h"

static uint8_t *guest(uint64_t size)
{
	/* Fresh anonymous memory is zero, as guest memory is; only the table
	 * pages get touched. */
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	assert_true(p != MAP_FAILED);
	return p;
}

static uint64_t guard_for(uint64_t size)
{
	return size - MINIVM_STACK_SIZE - MINIVM_PAGE_SIZE;
}

static void assert_identity(const uint8_t *mem, uint64_t size, uint64_t cr3, uint64_t va)
{
	uint64_t pa = ~0ULL;

	if (mv_pagetable_walk(mem, size, cr3, va, &pa) != 0)
		fail_msg("0x%llx is not mapped", (unsigned long long)va);
	assert_int_equal(pa, va);
}

static void assert_absent(const uint8_t *mem, uint64_t size, uint64_t cr3, uint64_t va)
{
	uint64_t pa;

	if (mv_pagetable_walk(mem, size, cr3, va, &pa) == 0)
		fail_msg("0x%llx is mapped", (unsigned long long)va);
}

static void check_map(uint64_t size)
{
	uint8_t *mem = guest(size);
	uint64_t guard = guard_for(size);
	uint64_t cr3 = 0;
	const char *why = NULL;

	assert_int_equal(mv_pagetable_build(mem, size, guard, &cr3, &why), 0);
	assert_true(cr3 >= MINIVM_PT_ADDR && cr3 < MINIVM_PT_END);
	/* Every entry the VMM writes allows ring 3 (the U/S bit): on PVM the
	 * program runs there. Check each table page in the area. */
	for (uint64_t t = MINIVM_PT_ADDR; t < MINIVM_PT_END; t += 8) {
		uint64_t e;
		memcpy(&e, mem + t, 8);
		if (e & 1)
			assert_true(e & 4);
	}

	/* Page 0 is absent, all of it; the next page is there. */
	assert_absent(mem, size, cr3, 0);
	assert_absent(mem, size, cr3, 0xfff);
	assert_identity(mem, size, cr3, 0x1000);
	/* The VMM's low area, the kernel, the program: region 0 and 1. */
	assert_identity(mem, size, cr3, MINIVM_BOOTINFO_ADDR + 8);
	assert_identity(mem, size, cr3, MINIVM_KERNEL_ADDR);
	assert_identity(mem, size, cr3, 0x1fffff);
	assert_identity(mem, size, cr3, MINIVM_PROGRAM_ADDR + 0x123);
	/* A 2 MiB page in the middle. */
	assert_identity(mem, size, cr3, size / 2 + 0x1234);
	/* The guard page is absent; its neighbours are there. */
	assert_absent(mem, size, cr3, guard);
	assert_absent(mem, size, cr3, guard + 0xfff);
	assert_identity(mem, size, cr3, guard - 1);
	assert_identity(mem, size, cr3, guard + MINIVM_PAGE_SIZE);
	/* The top of the stack is there; beyond memory is not. */
	assert_identity(mem, size, cr3, size - 8);
	assert_absent(mem, size, cr3, size);
	assert_absent(mem, size, cr3, size + (4ULL << 20));
	assert_absent(mem, size, cr3, 1ULL << 47);
	munmap(mem, size);
}

static void test_32mib(void **state)
{
	check_map(32ULL << 20);
}

static void test_smallest(void **state)
{
	check_map(8ULL << 20);
}

/* Over 2 GiB: three page directories. */
static void test_more_than_2gib(void **state)
{
	check_map((2048ULL + 2) << 20);
}

static void test_refused(void **state)
{
	uint64_t size = 32ULL << 20;
	uint8_t *mem = guest(size);
	uint64_t cr3;
	const char *why = NULL;

	assert_int_equal(mv_pagetable_build(mem, size - (1 << 20), guard_for(size), &cr3, &why),
			 -1);
	assert_non_null(why);
	assert_int_equal(mv_pagetable_build(mem, size, 0x1000, &cr3, &why), -1);
	assert_int_equal(mv_pagetable_build(mem, size, size, &cr3, &why), -1);
	assert_int_equal(mv_pagetable_build(mem, size, guard_for(size) + 1, &cr3, &why), -1);
	/* More memory than the table area can map. */
	assert_int_equal(mv_pagetable_build(mem, 64ULL << 30, guard_for(64ULL << 30), &cr3, &why),
			 -1);
	munmap(mem, size);
}

/* The Linux boot's map (../minivm/linux/layout.h: tables in
 * [0x9000, 0x10000)): no guard page, up to 3 GiB, nothing written outside
 * its table area but the tables. */
static void test_linux_area(void **state)
{
	const uint64_t size = 3072ULL << 20, pt = 0x9000, pt_end = 0x10000;
	uint8_t *mem = guest(size);
	uint64_t cr3 = 0;
	const char *why = NULL;

	assert_int_equal(mv_pagetable_build_at(mem, size, pt, pt_end, 0, &cr3, &why), 0);
	assert_int_equal(cr3, pt);
	assert_absent(mem, size, cr3, 0);
	assert_identity(mem, size, cr3, 0x7000);		  /* boot_params */
	assert_identity(mem, size, cr3, 0x20000);		  /* command line */
	assert_identity(mem, size, cr3, 0x1000000);		  /* the kernel */
	assert_identity(mem, size, cr3, size - MINIVM_PAGE_SIZE); /* no guard page */
	assert_absent(mem, size, cr3, size);
	for (uint64_t a = 0; a < 2ULL << 20; a += 8)
		if (a < pt || a >= pt_end)
			assert_int_equal(mem[a], 0);
	/* One GiB more needs a page directory more than the area holds. */
	assert_int_equal(mv_pagetable_build_at(mem, size + (1ULL << 30), pt, pt_end, 0, &cr3, &why),
			 -1);
	munmap(mem, size);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_32mib),	   cmocka_unit_test(test_smallest),
	    cmocka_unit_test(test_more_than_2gib), cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_linux_area),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
