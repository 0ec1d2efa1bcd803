/*
 * test_bootparams.c - the boot_params builder: header copy, loader fields,
 * e820 layout, command line and initrd placement, and its refusals.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "bootparams.h"
#include "kernel_file.h"
#include "layout.h"

#define MiB (1ULL << 20)

static uint8_t zp[BP_SIZE];

static void check_e820(const uint8_t *page, uint64_t mem_size)
{
	uint64_t addr, size, end = 0, ram = 0;
	uint32_t type;
	int n = page[BP_OFF_E820_ENTRIES];

	assert_int_equal(n, 3);
	for (int i = 0; i < n; i++) {
		bootparams_e820_get(page, i, &addr, &size, &type);
		assert_true(addr >= end); /* sorted, no overlap */
		assert_true(size > 0);
		end = addr + size;
		if (type == E820_TYPE_RAM)
			ram += size;
	}
	/* RAM from 0 to 640 KiB less the EBDA, then from 1 MiB to the end */
	bootparams_e820_get(page, 0, &addr, &size, &type);
	assert_int_equal(addr, 0);
	assert_int_equal(type, E820_TYPE_RAM);
	bootparams_e820_get(page, 1, &addr, &size, &type);
	assert_int_equal(addr, LINUX_EBDA_ADDR);
	assert_int_equal(type, E820_TYPE_RESERVED);
	bootparams_e820_get(page, 2, &addr, &size, &type);
	assert_int_equal(addr, LINUX_HIGH_MEM);
	assert_int_equal(addr + size, mem_size);
	assert_int_equal(ram, mem_size - (LINUX_HIGH_MEM - LINUX_EBDA_ADDR));
}

static void check_loader_fields(const struct bzimage *bz, const struct linux_boot_spec *spec,
				const struct linux_boot_plan *plan)
{
	assert_int_equal(zp[BZ_OFF_TYPE_OF_LOADER], BP_LOADER_UNDEFINED);
	assert_int_equal(bz_get16(zp + BZ_OFF_BOOT_FLAG), BZ_BOOT_FLAG);
	assert_int_equal(bz_get32(zp + BZ_OFF_HEADER), BZ_HDRS_MAGIC);
	assert_int_equal(bz_get32(zp + BZ_OFF_CMD_LINE_PTR), LINUX_CMDLINE_ADDR);
	assert_int_equal(plan->cmdline_addr, LINUX_CMDLINE_ADDR);
	assert_int_equal(plan->cmdline_len, strlen(spec->cmdline));
	assert_int_equal(bz_get32(zp + BP_OFF_EXT_CMD_LINE_PTR), 0);
	assert_int_equal(bz_get32(zp + BZ_OFF_RAMDISK_IMAGE), plan->initrd_addr);
	assert_int_equal(bz_get32(zp + BZ_OFF_RAMDISK_SIZE), spec->initrd_size);
	assert_int_equal(zp[BP_OFF_SENTINEL], 0);
	/* Everything outside the header, the e820 map and its count is 0. */
	for (size_t i = 0; i < BZ_HDR_OFFSET; i++)
		if (i != BP_OFF_E820_ENTRIES && zp[i])
			fail_msg("boot_params byte 0x%zx is 0x%x, not 0", i, zp[i]);
	if (bz) /* the header is the kernel's, but for the loader fields */
		assert_memory_equal(zp + BZ_OFF_VERSION, bz->image + BZ_OFF_VERSION,
				    BZ_OFF_TYPE_OF_LOADER - BZ_OFF_VERSION);
}

/* The initrd sits page aligned at the top of memory, above the kernel. */
static void check_initrd(const struct linux_boot_spec *spec, const struct linux_boot_plan *plan,
			 uint64_t top)
{
	assert_int_equal(plan->initrd_addr % 4096, 0);
	assert_true(plan->initrd_addr >= spec->kernel_end);
	assert_true(plan->initrd_addr + spec->initrd_size <= top);
	assert_true(plan->initrd_addr + spec->initrd_size > top - 4096);
}

static void builds_for_fake_bzimage(void **state)
{
	uint8_t *b = fake_bzimage(0x020f);
	struct bzimage bz;
	struct linux_boot_spec spec = {.mem_size = 256 * MiB,
				       .initrd_size = 3 * MiB + 123,
				       .cmdline = "console=ttyS0 reboot=t panic=-1"};
	struct linux_boot_plan plan;
	const char *why = NULL;

	assert_int_equal(bzimage_parse(b, FAKE_LEN, &bz, &why), 0);
	assert_int_equal(bootparams_kernel_addr(&bz, spec.mem_size, &spec.kernel_addr, &why), 0);
	assert_int_equal(spec.kernel_addr, 0x1000000);
	spec.kernel_end = spec.kernel_addr + bz.init_size;
	if (bootparams_build(zp, &bz, &spec, &plan, &why))
		fail_msg("%s", why);
	check_loader_fields(&bz, &spec, &plan);
	check_initrd(&spec, &plan, spec.mem_size);
	check_e820(zp, spec.mem_size);
	free(b);
}

/* initrd_addr_max caps the initrd below the end of memory. */
static void initrd_below_initrd_addr_max(void **state)
{
	uint8_t *b = fake_bzimage(0x020f);
	struct bzimage bz;
	struct linux_boot_spec spec = {.mem_size = 2048 * MiB, .initrd_size = MiB, .cmdline = ""};
	struct linux_boot_plan plan;
	const char *why = NULL;

	bz_put32(b + BZ_OFF_INITRD_ADDR_MAX, 0x37ffffff); /* the pre-2.03 default */
	assert_int_equal(bzimage_parse(b, FAKE_LEN, &bz, &why), 0);
	spec.kernel_addr = 0x1000000;
	spec.kernel_end = spec.kernel_addr + bz.init_size;
	assert_int_equal(bootparams_build(zp, &bz, &spec, &plan, &why), 0);
	check_initrd(&spec, &plan, 0x38000000);
	free(b);
}

static void no_initrd(void **state)
{
	struct linux_boot_spec spec = {.mem_size = 128 * MiB,
				       .kernel_addr = 0x1000000,
				       .kernel_end = 0x3e00000,
				       .cmdline = "quiet"};
	struct linux_boot_plan plan;
	const char *why = NULL;

	assert_int_equal(bootparams_build(zp, NULL, &spec, &plan, &why), 0);
	assert_int_equal(plan.initrd_addr, 0);
	assert_int_equal(bz_get32(zp + BZ_OFF_RAMDISK_IMAGE), 0);
	assert_int_equal(bz_get32(zp + BZ_OFF_RAMDISK_SIZE), 0);
}

/* A vmlinux has no header: the builder makes one up. */
static void builds_for_vmlinux(void **state)
{
	struct linux_boot_spec spec = {.mem_size = 128 * MiB,
				       .kernel_addr = 0x1000000,
				       .kernel_end = 0x3e00000,
				       .initrd_size = 5000,
				       .cmdline = "earlyprintk=serial console=ttyS0"};
	struct linux_boot_plan plan;
	const char *why = NULL;

	assert_int_equal(bootparams_build(zp, NULL, &spec, &plan, &why), 0);
	check_loader_fields(NULL, &spec, &plan);
	assert_int_equal(bz_get16(zp + BZ_OFF_VERSION), BZ_MIN_VERSION);
	assert_int_equal(bz_get32(zp + BZ_OFF_CMDLINE_SIZE), BP_VMLINUX_CMDLINE_SIZE);
	check_initrd(&spec, &plan, spec.mem_size);
	check_e820(zp, spec.mem_size);
}

static void expect_refusal(const struct bzimage *bz, const struct linux_boot_spec *spec,
			   const char *words)
{
	struct linux_boot_plan plan;
	const char *why = NULL;

	assert_int_equal(bootparams_build(zp, bz, spec, &plan, &why), -1);
	assert_non_null(why);
	if (!strstr(why, words))
		fail_msg("reason \"%s\" lacks \"%s\"", why, words);
}

static void refuses_what_does_not_fit(void **state)
{
	static char longline[3000];
	struct linux_boot_spec spec = {.mem_size = 128 * MiB,
				       .kernel_addr = 0x1000000,
				       .kernel_end = 0x3e00000,
				       .cmdline = "quiet"};
	uint8_t *b = fake_bzimage(0x020f);
	struct bzimage bz;
	struct linux_boot_plan plan;
	uint64_t addr;
	const char *why = NULL;

	spec.initrd_size = 128 * MiB - 0x3e00000 + 1;
	expect_refusal(NULL, &spec, "initrd too large");
	spec.initrd_size = 200 * MiB;
	expect_refusal(NULL, &spec, "initrd too large");
	spec.initrd_size = 0;

	memset(longline, 'x', sizeof(longline) - 1);
	spec.cmdline = longline;
	expect_refusal(NULL, &spec, "command line");
	assert_int_equal(bzimage_parse(b, FAKE_LEN, &bz, &why), 0);
	bz_put32(b + BZ_OFF_CMDLINE_SIZE, 10); /* a kernel that takes 10 bytes */
	spec.cmdline = "01234567890";
	expect_refusal(&bz, &spec, "command line");
	spec.cmdline = "0123456789";
	assert_int_equal(bootparams_build(zp, &bz, &spec, &plan, &why), 0);

	spec.cmdline = "";
	spec.mem_size = 4096 * MiB;
	expect_refusal(NULL, &spec, "too large");
	spec.mem_size = 32 * MiB;
	expect_refusal(NULL, &spec, "too small");
	assert_int_equal(bootparams_kernel_addr(&bz, 16 * MiB, &addr, &why), -1);
	assert_non_null(strstr(why, "too small"));
	free(b);
}

/* The load address check cannot wrap: a header with pref_address near 2^64
 * (bzimage_parse refuses it; this is the check behind that) must not pass
 * as "fits in 256 MiB". Nor may a kernel end past the memory's end. */
static void kernel_addr_check_cannot_wrap(void **state)
{
	uint8_t *b = fake_bzimage(0x020f);
	struct bzimage bz;
	uint64_t addr = 0;
	const char *why = NULL;

	assert_int_equal(bzimage_parse(b, FAKE_LEN, &bz, &why), 0);
	bz.pref_address = 0xffffffffff000000ULL; /* + 16 MiB of init_size wraps to 0 */
	bz.init_size = 0x1000000;
	assert_int_equal(bootparams_kernel_addr(&bz, 256 * MiB, &addr, &why), -1);
	assert_non_null(strstr(why, "too small"));
	bz.pref_address = 0xffffffffffffffffULL;
	bz.init_size = 0x400000;
	assert_int_equal(bootparams_kernel_addr(&bz, 256 * MiB, &addr, &why), -1);
	bz.pref_address = 256 * MiB - 0x400000; /* ends exactly at the end: fits */
	assert_int_equal(bootparams_kernel_addr(&bz, 256 * MiB, &addr, &why), 0);
	assert_int_equal(addr, 256 * MiB - 0x400000);
	bz.pref_address += 1;
	assert_int_equal(bootparams_kernel_addr(&bz, 256 * MiB, &addr, &why), -1);
	free(b);
}

static void builds_for_debian_kernel(void **state)
{
	size_t len = 0;
	uint8_t *b = read_kernel_file("vmlinuz", &len);
	struct bzimage bz;
	struct linux_boot_spec spec = {.mem_size = 512 * MiB,
				       .initrd_size = 2 * MiB,
				       .cmdline = "console=ttyS0 reboot=t panic=-1 quiet"};
	struct linux_boot_plan plan;
	const char *why = NULL;

	if (!b)
		skip();
	assert_int_equal(bzimage_parse(b, len, &bz, &why), 0);
	assert_int_equal(bootparams_kernel_addr(&bz, spec.mem_size, &spec.kernel_addr, &why), 0);
	assert_int_equal(spec.kernel_addr, bz.pref_address);
	spec.kernel_end = spec.kernel_addr + bz.init_size;
	if (bootparams_build(zp, &bz, &spec, &plan, &why))
		fail_msg("%s", why);
	check_loader_fields(&bz, &spec, &plan);
	check_initrd(&spec, &plan, spec.mem_size);
	check_e820(zp, spec.mem_size);
	/* the header's tail (payload, pref_address, init_size) came along */
	assert_memory_equal(zp + BZ_OFF_PAYLOAD_OFFSET, b + BZ_OFF_PAYLOAD_OFFSET,
			    bz.hdr_end - BZ_OFF_PAYLOAD_OFFSET);
	assert_int_equal(zp[bz.hdr_end], 0); /* and nothing past it */
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(builds_for_fake_bzimage),
	    cmocka_unit_test(initrd_below_initrd_addr_max),
	    cmocka_unit_test(no_initrd),
	    cmocka_unit_test(builds_for_vmlinux),
	    cmocka_unit_test(refuses_what_does_not_fit),
	    cmocka_unit_test(kernel_addr_check_cannot_wrap),
	    cmocka_unit_test(builds_for_debian_kernel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
