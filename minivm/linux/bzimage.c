/*
 * bzimage.c - check and read the setup header of a Linux x86 bzImage.
 *
 * The header is a fixed-layout record at offset 0x1f1 of the file; every
 * multi-byte field in it is little-endian. We read it with explicit byte
 * loads (bz_get*) rather than by casting the buffer to a packed struct:
 * that keeps the code free of alignment and padding questions and shows
 * each field's offset next to its name (see bzimage.h).
 */
#include <string.h>

#include "bzimage.h"

uint16_t bz_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

uint32_t bz_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t bz_get64(const uint8_t *p)
{
	return (uint64_t)bz_get32(p) | (uint64_t)bz_get32(p + 4) << 32;
}

void bz_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

void bz_put32(uint8_t *p, uint32_t v)
{
	bz_put16(p, (uint16_t)v);
	bz_put16(p + 2, (uint16_t)(v >> 16));
}

void bz_put64(uint8_t *p, uint64_t v)
{
	bz_put32(p, (uint32_t)v);
	bz_put32(p + 4, (uint32_t)(v >> 32));
}

/* The signatures every bzImage carries: checked first, so that any other
 * file is rejected as "not a kernel" before we read fields from it. */
static int check_magic(const uint8_t *buf, size_t len, const char **why)
{
	if (len < BZ_OFF_VERSION + 2) {
		*why = "not a Linux kernel image (file too short for a setup header)";
		return -1;
	}
	if (bz_get16(buf + BZ_OFF_BOOT_FLAG) != BZ_BOOT_FLAG) {
		*why = "not a Linux kernel image (no 0xAA55 boot flag at offset 0x1fe)";
		return -1;
	}
	if (bz_get32(buf + BZ_OFF_HEADER) != BZ_HDRS_MAGIC) {
		*why = "not a Linux kernel image (no \"HdrS\" at offset 0x202)";
		return -1;
	}
	return 0;
}

/* The protocol version decides which fields exist: 2.10 brought init_size
 * and pref_address, and the 64-bit entry point; 2.12 brought xloadflags. */
static int check_version(const uint8_t *buf, struct bzimage *bz, const char **why)
{
	bz->version = bz_get16(buf + BZ_OFF_VERSION);
	if (bz->version < BZ_MIN_VERSION) {
		*why = "Linux boot protocol older than 2.10: no 64-bit entry point";
		return -1;
	}
	return 0;
}

/* Where the header and the real-mode part end. The byte at 0x201 is the
 * displacement of the short jump at 0x200, which jumps just past the
 * header: so 0x202 + that byte is the header's end, whatever its version. */
static int read_extent(const uint8_t *buf, size_t len, struct bzimage *bz, const char **why)
{
	bz->hdr_end = BZ_OFF_JUMP + 2 + buf[BZ_OFF_JUMP + 1];
	if (buf[BZ_OFF_JUMP] != 0xeb || bz->hdr_end < BZ_OFF_INIT_SIZE + 4) {
		*why = "corrupt Linux setup header (bad jump at offset 0x200)";
		return -1;
	}
	bz->setup_sects = buf[BZ_OFF_SETUP_SECTS];
	/* Historical rule of the boot protocol: 0 means 4 sectors. */
	bz->setup_size = ((size_t)(bz->setup_sects ? bz->setup_sects : 4) + 1) * 512;
	if (len < bz->hdr_end || len <= bz->setup_size) {
		*why = "truncated Linux kernel image (ends inside the setup code)";
		return -1;
	}
	bz->image = buf;
	bz->image_size = len;
	bz->kernel = buf + bz->setup_size;
	bz->kernel_size = len - bz->setup_size;
	return 0;
}

static void read_fields(const uint8_t *buf, struct bzimage *bz)
{
	bz->loadflags = buf[BZ_OFF_LOADFLAGS];
	bz->code32_start = bz_get32(buf + BZ_OFF_CODE32_START);
	bz->initrd_addr_max = bz_get32(buf + BZ_OFF_INITRD_ADDR_MAX);
	bz->kernel_alignment = bz_get32(buf + BZ_OFF_KERNEL_ALIGN);
	bz->relocatable = buf[BZ_OFF_RELOCATABLE];
	bz->xloadflags = bz->version >= 0x020c ? bz_get16(buf + BZ_OFF_XLOADFLAGS) : 0;
	bz->cmdline_size = bz_get32(buf + BZ_OFF_CMDLINE_SIZE);
	bz->payload_offset = bz_get32(buf + BZ_OFF_PAYLOAD_OFFSET);
	bz->payload_length = bz_get32(buf + BZ_OFF_PAYLOAD_LENGTH);
	bz->pref_address = bz_get64(buf + BZ_OFF_PREF_ADDRESS);
	bz->init_size = bz_get32(buf + BZ_OFF_INIT_SIZE);
}

/* What minivm needs to start this kernel in 64-bit mode. */
static int check_fields(const struct bzimage *bz, const char **why)
{
	if (!(bz->loadflags & BZ_LOADED_HIGH)) {
		*why = "not a bzImage (a zImage loaded low, below 1 MiB)";
		return -1;
	}
	if (bz->version >= 0x020c && !(bz->xloadflags & BZ_XLF_KERNEL_64)) {
		*why = "not a 64-bit kernel (XLF_KERNEL_64 clear in xloadflags)";
		return -1;
	}
	if (bz->init_size < bz->kernel_size || bz->kernel_size <= BZ_ENTRY64_OFFSET) {
		*why = "corrupt Linux setup header (init_size smaller than the kernel)";
		return -1;
	}
	if (bz->relocatable &&
	    (bz->kernel_alignment == 0 || (bz->kernel_alignment & (bz->kernel_alignment - 1)))) {
		*why = "corrupt Linux setup header (kernel_alignment not a power of two)";
		return -1;
	}
	/* pref_address is a physical address, and x86-64 has at most 52 bits
	 * of them: a kernel that claims memory past that (the sum would even
	 * wrap past 2^64 for pref_address near the top) has a corrupt header.
	 * init_size < 2^32, so the subtraction cannot wrap. */
	if (bz->pref_address > BZ_PHYS_LIMIT - bz->init_size) {
		*why = "corrupt Linux setup header (pref_address + init_size past the 52-bit "
		       "physical address space)";
		return -1;
	}
	if ((uint64_t)bz->payload_offset + bz->payload_length > bz->kernel_size) {
		*why = "truncated Linux kernel image (payload runs past the end of the file)";
		return -1;
	}
	return 0;
}

int bzimage_parse(const uint8_t *buf, size_t len, struct bzimage *bz, const char **why)
{
	memset(bz, 0, sizeof(*bz));
	if (check_magic(buf, len, why) || check_version(buf, bz, why) ||
	    read_extent(buf, len, bz, why))
		return -1;
	read_fields(buf, bz);
	return check_fields(bz, why);
}

/* Kbuild compresses vmlinux with one of these; each format opens with its
 * own magic bytes. */
const char *bzimage_payload_format(const struct bzimage *bz)
{
	static const struct {
		const char *name;
		size_t len;
		const char *magic;
	} formats[] = {
	    {"gzip", 2, "\x1f\x8b"},
	    {"xz", 6,
	     "\xfd"
	     "7zXZ\0"},
	    {"zstd", 4, "\x28\xb5\x2f\xfd"},
	    {"lz4", 4, "\x02\x21\x4c\x18"}, /* the lz4 "legacy" frame */
	    {"bzip2", 3, "BZh"},
	    {"lzo", 4, "\x89LZO"},
	    {"lzma", 3, "\x5d\x00\x00"},
	};
	const uint8_t *p = bz->kernel + bz->payload_offset;

	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (bz->payload_length >= formats[i].len &&
		    memcmp(p, formats[i].magic, formats[i].len) == 0)
			return formats[i].name;
	return "unknown";
}
