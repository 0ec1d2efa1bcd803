/*
 * kernel_file.h - shared by the linux unit tests: find and read Debian's
 * kernel when `make kernel` has fetched it, and build small fake images.
 */
#ifndef TEST_LINUX_KERNEL_FILE_H
#define TEST_LINUX_KERNEL_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bzimage.h"

/* Read the whole file at path into a malloc'd buffer; NULL if absent. */
static inline uint8_t *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

/* $LINUX_TEST_DIR (default build/kernel) holds vmlinuz and vmlinux. */
static inline uint8_t *read_kernel_file(const char *name, size_t *len)
{
	const char *dir = getenv("LINUX_TEST_DIR");
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : "build/kernel", name);
	return read_file(path, len);
}

/* A fake bzImage: 4 setup sectors + 1 boot sector, then 64 KiB of
 * "protected-mode code" with an xz-looking payload inside. */
#define FAKE_SETUP_SIZE	 (5 * 512)
#define FAKE_KERNEL_SIZE 0x10000
#define FAKE_LEN	 (FAKE_SETUP_SIZE + FAKE_KERNEL_SIZE)

static inline uint8_t *fake_bzimage(uint16_t version)
{
	uint8_t *b = calloc(1, FAKE_LEN);

	b[BZ_OFF_SETUP_SECTS] = 4;
	bz_put16(b + BZ_OFF_BOOT_FLAG, BZ_BOOT_FLAG);
	b[BZ_OFF_JUMP] = 0xeb;
	b[BZ_OFF_JUMP + 1] = 0x6a; /* header ends at 0x26c, as in 2.15 */
	bz_put32(b + BZ_OFF_HEADER, BZ_HDRS_MAGIC);
	bz_put16(b + BZ_OFF_VERSION, version);
	b[BZ_OFF_LOADFLAGS] = BZ_LOADED_HIGH;
	bz_put32(b + BZ_OFF_CODE32_START, 0x100000);
	bz_put32(b + BZ_OFF_INITRD_ADDR_MAX, 0x7fffffff);
	bz_put32(b + BZ_OFF_KERNEL_ALIGN, 0x200000);
	b[BZ_OFF_RELOCATABLE] = 1;
	bz_put16(b + BZ_OFF_XLOADFLAGS, BZ_XLF_KERNEL_64 | BZ_XLF_CAN_BE_LOADED_ABOVE_4G);
	bz_put32(b + BZ_OFF_CMDLINE_SIZE, 2047);
	bz_put32(b + BZ_OFF_PAYLOAD_OFFSET, 0x300);
	bz_put32(b + BZ_OFF_PAYLOAD_LENGTH, 0x8000);
	bz_put64(b + BZ_OFF_PREF_ADDRESS, 0x1000000);
	bz_put32(b + BZ_OFF_INIT_SIZE, 0x400000);
	memcpy(b + FAKE_SETUP_SIZE + 0x300,
	       "\xfd"
	       "7zXZ\0",
	       6);
	return b;
}

#endif
