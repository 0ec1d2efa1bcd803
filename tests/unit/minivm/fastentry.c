/* Unit tests of minivm/lib/fastentry.c: the kernel header of the optional
 * ring-3 entry is used only when every value in it points inside guest
 * memory and the kernel. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vm.h"

#define MEM_SIZE (8ULL << 20)

struct fixture {
	uint8_t *mem;
	struct mv_elf kernel;
	struct minivm_kernel_header h;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->mem = calloc(1, MEM_SIZE);
	assert_non_null(f->mem);
	/* A kernel of one code segment of 64 KiB at MINIVM_KERNEL_ADDR. */
	f->kernel.nseg = 1;
	f->kernel.seg[0].gpa = MINIVM_KERNEL_ADDR;
	f->kernel.seg[0].memsz = 0x10000;
	f->kernel.seg[0].flags = PF_R | PF_X;
	f->h = (struct minivm_kernel_header){
	    .magic = MINIVM_KHDR_MAGIC,
	    .user_entry = MINIVM_KERNEL_ADDR + 0x100,
	    .gdt_base = MINIVM_KERNEL_ADDR + 0x8000,
	    .gdt_limit = 8 * 8 - 1,
	    .idt_base = MINIVM_KERNEL_ADDR + 0x9000,
	    .idt_limit = 256 * 16 - 1,
	    .tss_selector = 0x28,
	    .tss_base = MINIVM_KERNEL_ADDR + 0xa000,
	    .tss_limit = 0x67 + 8192 / 8,
	    .user_cs = 0x1b,
	    .user_ss = 0x23,
	    .star = 0x0013000800000000ULL,
	    .lstar = MINIVM_KERNEL_ADDR + 0x200,
	    .fmask = 0x47700,
	};
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	free(f->mem);
	free(f);
	return 0;
}

/* Put the header in guest memory and check it. */
static int check(struct fixture *f, const char **why)
{
	struct minivm_kernel_header out;

	*why = NULL;
	memcpy(f->mem + MINIVM_KERNEL_ADDR, &f->h, sizeof(f->h));
	int rc = mv_kernel_header(f->mem, MEM_SIZE, &f->kernel, &out, why);
	if (rc == 1)
		assert_memory_equal(&out, &f->h, sizeof(out));
	return rc;
}

static void test_valid(void **state)
{
	const char *why;

	assert_int_equal(check(*state, &why), 1);
}

static void test_absent(void **state)
{
	struct fixture *f = *state;
	const char *why;

	f->h.magic = 0x464c457f; /* an ELF header where the kernel starts */
	assert_int_equal(check(f, &why), 0);
}

static void test_bad_entry(void **state)
{
	struct fixture *f = *state;
	const char *why;

	f->h.user_entry = MINIVM_KERNEL_ADDR + 0x10000; /* just past the code */
	assert_int_equal(check(f, &why), -1);
	assert_non_null(strstr(why, "user_entry"));
	f->h.user_entry = 0;
	assert_int_equal(check(f, &why), -1);
}

static void test_tables_outside(void **state)
{
	struct fixture *f = *state;
	const struct minivm_kernel_header good = f->h;
	const char *why;

	f->h.gdt_base = MEM_SIZE - 8; /* runs past the end */
	assert_int_equal(check(f, &why), -1);
	f->h = good;
	f->h.idt_base = UINT64_MAX - 0x100; /* base + limit wraps */
	assert_int_equal(check(f, &why), -1);
	f->h = good;
	f->h.tss_limit = 0x10000; /* more than a descriptor can hold */
	assert_int_equal(check(f, &why), -1);
	assert_non_null(strstr(why, "outside"));
}

static void test_bad_selectors(void **state)
{
	struct fixture *f = *state;
	const char *why;

	f->h.user_cs = 0x18; /* RPL 0: not a ring-3 selector */
	assert_int_equal(check(f, &why), -1);
	f->h.user_cs = 0x1b;
	f->h.tss_selector = 0x40; /* past the GDT's limit */
	assert_int_equal(check(f, &why), -1);
	f->h.tss_selector = 0x2c; /* an LDT selector */
	assert_int_equal(check(f, &why), -1);
	assert_non_null(strstr(why, "selectors"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_valid, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_absent, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_entry, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tables_outside, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_selectors, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
