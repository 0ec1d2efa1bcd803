/*
 * test_bzimage.c - the bzImage setup-header parser, on a fake image, on
 * broken images, and on Debian's kernel when `make kernel` fetched it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "kernel_file.h"

static void parses_fake_image(void **state)
{
	uint8_t *b = fake_bzimage(0x020f);
	struct bzimage bz;
	const char *why = NULL;

	assert_int_equal(bzimage_parse(b, FAKE_LEN, &bz, &why), 0);
	assert_int_equal(bz.version, 0x020f);
	assert_int_equal(bz.setup_sects, 4);
	assert_int_equal(bz.setup_size, FAKE_SETUP_SIZE);
	assert_int_equal(bz.hdr_end, 0x26c);
	assert_ptr_equal(bz.kernel, b + FAKE_SETUP_SIZE);
	assert_int_equal(bz.kernel_size, FAKE_KERNEL_SIZE);
	assert_int_equal(bz.loadflags, BZ_LOADED_HIGH);
	assert_int_equal(bz.relocatable, 1);
	assert_int_equal(bz.xloadflags & BZ_XLF_KERNEL_64, BZ_XLF_KERNEL_64);
	assert_int_equal(bz.cmdline_size, 2047);
	assert_int_equal(bz.init_size, 0x400000);
	assert_int_equal(bz.pref_address, 0x1000000);
	assert_int_equal(bz.initrd_addr_max, 0x7fffffff);
	assert_int_equal(bz.payload_offset, 0x300);
	assert_string_equal(bzimage_payload_format(&bz), "xz");
	free(b);
}

static void setup_sects_zero_means_four(void **state)
{
	uint8_t *b = fake_bzimage(0x020f);
	struct bzimage bz;
	const char *why;

	b[BZ_OFF_SETUP_SECTS] = 0;
	assert_int_equal(bzimage_parse(b, FAKE_LEN, &bz, &why), 0);
	assert_int_equal(bz.setup_size, 5 * 512);
	free(b);
}

/* Parse buf and expect a failure whose reason contains words. */
static void expect_error(const uint8_t *buf, size_t len, const char *words)
{
	struct bzimage bz;
	const char *why = NULL;

	assert_int_equal(bzimage_parse(buf, len, &bz, &why), -1);
	assert_non_null(why);
	if (!strstr(why, words))
		fail_msg("reason \"%s\" lacks \"%s\"", why, words);
}

static void rejects_non_kernels(void **state)
{
	uint8_t zeros[4096] = {0};
	uint8_t *b = fake_bzimage(0x020f);

	expect_error(zeros, sizeof(zeros), "not a Linux kernel image");
	expect_error((const uint8_t *)"\177ELF", 4, "not a Linux kernel image");
	b[BZ_OFF_HEADER] = 'X'; /* the boot flag is right, "HdrS" is not */
	expect_error(b, FAKE_LEN, "HdrS");
	free(b);
}

static void rejects_old_protocols(void **state)
{
	uint8_t *b = fake_bzimage(0x0209);

	expect_error(b, FAKE_LEN, "older than 2.10");
	free(b);
	b = fake_bzimage(0x0200);
	expect_error(b, FAKE_LEN, "older than 2.10");
	free(b);
}

static void rejects_32bit_and_zimage(void **state)
{
	uint8_t *b = fake_bzimage(0x020c);

	bz_put16(b + BZ_OFF_XLOADFLAGS, 0);
	expect_error(b, FAKE_LEN, "64-bit");
	free(b);
	b = fake_bzimage(0x020f);
	b[BZ_OFF_LOADFLAGS] = 0;
	expect_error(b, FAKE_LEN, "zImage");
	free(b);
}

static void rejects_truncated(void **state)
{
	uint8_t *b = fake_bzimage(0x020f);

	expect_error(b, 0x100, "too short");
	expect_error(b, FAKE_SETUP_SIZE, "truncated");
	/* cut inside the payload */
	expect_error(b, FAKE_SETUP_SIZE + 0x1000, "truncated");
	free(b);
}

static void rejects_corrupt_header(void **state)
{
	uint8_t *b = fake_bzimage(0x020f);

	b[BZ_OFF_JUMP] = 0x90;
	expect_error(b, FAKE_LEN, "corrupt");
	free(b);
	b = fake_bzimage(0x020f);
	bz_put32(b + BZ_OFF_INIT_SIZE, 0x100);
	expect_error(b, FAKE_LEN, "init_size");
	free(b);
}

/* pref_address comes from the file: a value near 2^64 made the loader's
 * "pref_address + init_size <= memory" check wrap and pass (and the kernel
 * was then copied below guest memory). The header is refused instead. */
static void rejects_pref_address_past_physical_space(void **state)
{
	static const uint64_t bad[] = {0xffffffffff000000ULL, 0xffffffffffffffffULL, BZ_PHYS_LIMIT,
				       BZ_PHYS_LIMIT - 0x1000};
	uint8_t *b = fake_bzimage(0x020f);
	struct bzimage bz;
	const char *why = NULL;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		bz_put64(b + BZ_OFF_PREF_ADDRESS, bad[i]);
		expect_error(b, FAKE_LEN, "pref_address");
	}
	/* The highest that fits is still a header (whether it fits the
	 * guest's memory is the loader's question). */
	bz_put64(b + BZ_OFF_PREF_ADDRESS, BZ_PHYS_LIMIT - 0x400000);
	if (bzimage_parse(b, FAKE_LEN, &bz, &why))
		fail_msg("%s", why);
	free(b);
}

/* Debian's kernel: what the header says must agree with the file. */
static void parses_debian_kernel(void **state)
{
	size_t len = 0;
	uint8_t *b = read_kernel_file("vmlinuz", &len);
	struct bzimage bz;
	const char *why = NULL;

	if (!b)
		skip(); /* `make kernel` has not run */
	if (bzimage_parse(b, len, &bz, &why))
		fail_msg("Debian's vmlinuz rejected: %s", why);
	assert_true(bz.version >= 0x020c);
	assert_true(bz.xloadflags & BZ_XLF_KERNEL_64);
	assert_int_equal(bz.relocatable, 1);
	assert_int_equal(bz.setup_size, ((size_t)bz.setup_sects + 1) * 512);
	assert_int_equal(bz.kernel_size + bz.setup_size, len);
	assert_true(bz.init_size > bz.kernel_size);
	assert_true(bz.pref_address >= 0x100000);
	assert_int_equal(bz.pref_address % bz.kernel_alignment, 0);
	assert_true(bz.cmdline_size >= 255);
	assert_true(bz.payload_offset + bz.payload_length <= bz.kernel_size);
	assert_string_not_equal(bzimage_payload_format(&bz), "unknown");

	/* The same file, broken in three ways. */
	expect_error(b, 0x300, "truncated");
	expect_error(b, bz.setup_size + bz.payload_offset + 100, "truncated");
	bz_put16(b + BZ_OFF_VERSION, 0x0208);
	expect_error(b, len, "older than 2.10");
	b[BZ_OFF_BOOT_FLAG] = 0;
	expect_error(b, len, "not a Linux kernel image");
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parses_fake_image),
	    cmocka_unit_test(setup_sects_zero_means_four),
	    cmocka_unit_test(rejects_non_kernels),
	    cmocka_unit_test(rejects_old_protocols),
	    cmocka_unit_test(rejects_32bit_and_zimage),
	    cmocka_unit_test(rejects_truncated),
	    cmocka_unit_test(rejects_corrupt_header),
	    cmocka_unit_test(rejects_pref_address_past_physical_space),
	    cmocka_unit_test(parses_debian_kernel),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
