/* Unit tests of minivm/lib/longmode.c: the ring-0 long-mode state for
 * minivm's own guest (abi.h) and for a Linux kernel, whose 64-bit boot
 * protocol wants its code and data segments at selectors 0x10 and 0x18. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "vm.h"

static uint64_t descriptor(const uint8_t *mem, uint64_t gdt, uint16_t sel)
{
	uint64_t d;

	memcpy(&d, mem + gdt + sel, sizeof(d));
	return d;
}

static void check(const struct mv_flat_gdt *g, uint16_t limit)
{
	static uint8_t mem[0x4000];
	struct kvm_sregs s;

	memset(mem, 0xaa, sizeof(mem));
	memset(&s, 0, sizeof(s));
	mv_longmode_sregs(&s, mem, g, 0x9000, 1);
	assert_int_equal(s.gdt.base, g->addr);
	assert_int_equal(s.gdt.limit, limit);
	assert_int_equal(descriptor(mem, g->addr, 0), 0); /* the null descriptor */
	assert_int_equal(descriptor(mem, g->addr, g->code_sel) >> 53 & 1, 1);	    /* L */
	assert_int_equal(descriptor(mem, g->addr, g->code_sel) >> 40 & 0xff, 0x9b); /* code */
	assert_int_equal(descriptor(mem, g->addr, g->data_sel) >> 40 & 0xff, 0x93); /* data */
	assert_int_equal(mem[g->addr + limit + 1], 0xaa); /* nothing past the limit */
	assert_int_equal(s.cs.selector, g->code_sel);
	assert_int_equal(s.cs.l, 1);
	assert_int_equal(s.cs.db, 0);
	assert_int_equal(s.cs.dpl, 0);
	assert_int_equal(s.ds.selector, g->data_sel);
	assert_int_equal(s.ss.selector, g->data_sel);
	assert_int_equal(s.es.selector, g->data_sel);
	assert_int_equal(s.tr.type, 11);		  /* busy 64-bit TSS: VMX checks it */
	assert_int_equal(s.cr0 & 0x80000001, 0x80000001); /* PG, PE */
	assert_int_equal(s.cr4 & 0x20, 0x20);		  /* PAE */
	assert_int_equal(s.cr4 & (1 << 18), 1 << 18);	  /* OSXSAVE: xsave offered */
	assert_int_equal(s.efer & 0x500, 0x500);	  /* LME, LMA */
	assert_int_equal(s.cr3, 0x9000);
}

static void test_minivm_guest(void **state)
{
	check(&mv_guest_gdt, 3 * 8 - 1);
}

static void test_linux_selectors(void **state)
{
	const struct mv_flat_gdt linux_gdt = {.addr = 0x500, .code_sel = 0x10, .data_sel = 0x18};

	check(&linux_gdt, 4 * 8 - 1);
}

static void test_no_xsave(void **state)
{
	static uint8_t mem[0x2000];
	struct kvm_sregs s;

	memset(&s, 0, sizeof(s));
	mv_longmode_sregs(&s, mem, &mv_guest_gdt, 0x4000, 0);
	assert_int_equal(s.cr4 & (1 << 18), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_minivm_guest),
	    cmocka_unit_test(test_linux_selectors),
	    cmocka_unit_test(test_no_xsave),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
