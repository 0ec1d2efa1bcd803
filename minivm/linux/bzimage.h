/*
 * bzimage.h - read the setup header of a Linux x86 kernel image (bzImage).
 *
 * A bzImage is two programs glued together (Documentation/arch/x86/boot.rst
 * in the kernel tree describes the "Linux/x86 boot protocol"):
 *
 *   file offset 0                   real-mode setup code: (setup_sects + 1)
 *                                   sectors of 512 bytes; the setup header
 *                                   sits inside it at offset 0x1f1
 *   (setup_sects + 1) * 512         the protected-mode kernel: a small
 *                                   decompressor with the compressed real
 *                                   kernel (the "payload") inside it
 *
 * A boot loader that starts the kernel in 64-bit mode (as minivm does) skips
 * the real-mode part entirely: it copies the setup header into boot_params,
 * loads the protected-mode part and jumps to its 64-bit entry (load address
 * + 0x200). That needs protocol 2.10 or later (64-bit entry documented since
 * 2.10, xloadflags since 2.12; we require XLF_KERNEL_64 where present).
 */
#ifndef MINIVM_LINUX_BZIMAGE_H
#define MINIVM_LINUX_BZIMAGE_H

#include <stddef.h>
#include <stdint.h>

/* Offsets inside the image (and inside struct boot_params: the header is
 * copied to the same offsets there). */
#define BZ_HDR_OFFSET	       0x1f1 /* first byte of the setup header */
#define BZ_OFF_SETUP_SECTS     0x1f1 /* u8 */
#define BZ_OFF_BOOT_FLAG       0x1fe /* u16: 0xAA55, the old boot sector signature */
#define BZ_OFF_JUMP	       0x200 /* u16: a short jmp over the header */
#define BZ_OFF_HEADER	       0x202 /* u32: "HdrS" */
#define BZ_OFF_VERSION	       0x206 /* u16: protocol version, 0x020f = 2.15 */
#define BZ_OFF_TYPE_OF_LOADER  0x210 /* u8 */
#define BZ_OFF_LOADFLAGS       0x211 /* u8 */
#define BZ_OFF_CODE32_START    0x214 /* u32 */
#define BZ_OFF_RAMDISK_IMAGE   0x218 /* u32 */
#define BZ_OFF_RAMDISK_SIZE    0x21c /* u32 */
#define BZ_OFF_HEAP_END_PTR    0x224 /* u16 */
#define BZ_OFF_CMD_LINE_PTR    0x228 /* u32 */
#define BZ_OFF_INITRD_ADDR_MAX 0x22c /* u32 */
#define BZ_OFF_KERNEL_ALIGN    0x230 /* u32 */
#define BZ_OFF_RELOCATABLE     0x234 /* u8 */
#define BZ_OFF_XLOADFLAGS      0x236 /* u16 */
#define BZ_OFF_CMDLINE_SIZE    0x238 /* u32 */
#define BZ_OFF_PAYLOAD_OFFSET  0x248 /* u32 */
#define BZ_OFF_PAYLOAD_LENGTH  0x24c /* u32 */
#define BZ_OFF_PREF_ADDRESS    0x258 /* u64 */
#define BZ_OFF_INIT_SIZE       0x260 /* u32 */

#define BZ_BOOT_FLAG   0xAA55
#define BZ_HDRS_MAGIC  0x53726448 /* "HdrS" read as a little-endian u32 */
#define BZ_MIN_VERSION 0x020a	  /* 2.10 */

/* loadflags bits */
#define BZ_LOADED_HIGH	 0x01 /* protected-mode code may live at 1 MiB and up */
#define BZ_KEEP_SEGMENTS 0x40
#define BZ_CAN_USE_HEAP	 0x80 /* heap_end_ptr is valid */
/* xloadflags bits (protocol 2.12+) */
#define BZ_XLF_KERNEL_64	      0x01 /* has the 64-bit entry at +0x200 */
#define BZ_XLF_CAN_BE_LOADED_ABOVE_4G 0x02

/* One past the highest physical address an x86-64 CPU can have (MAXPHYADDR
 * is 52 at most): no kernel can ask to be loaded beyond it. */
#define BZ_PHYS_LIMIT (1ULL << 52)

/* Where the 64-bit entry point lies in the protected-mode code. */
#define BZ_ENTRY64_OFFSET 0x200

struct bzimage {
	uint16_t version;    /* boot protocol, e.g. 0x020f */
	uint8_t setup_sects; /* as read (0 means 4) */
	uint8_t loadflags;
	uint8_t relocatable; /* relocatable_kernel */
	uint16_t xloadflags; /* 0 before protocol 2.12 */
	uint32_t code32_start;
	uint32_t initrd_addr_max; /* highest address the initrd's last byte may have */
	uint32_t kernel_alignment;
	uint32_t cmdline_size;	 /* longest command line, NUL excluded */
	uint32_t init_size;	 /* memory the kernel needs from its load address */
	uint64_t pref_address;	 /* where the kernel wants to be loaded */
	uint32_t payload_offset; /* from the start of the protected-mode code */
	uint32_t payload_length;

	size_t hdr_end;	      /* offset one past the setup header (0x202 + jump) */
	size_t setup_size;    /* bytes of real-mode code: (setup_sects + 1) * 512 */
	const uint8_t *image; /* the whole file, as given to bzimage_parse */
	size_t image_size;
	const uint8_t *kernel; /* the protected-mode code (image + setup_size) */
	size_t kernel_size;
};

/*
 * Check and read the setup header of the image in buf[0, len). Returns 0 and
 * fills *bz (which then points into buf), or -1 with *why set to a one-line
 * reason (a static string): not a kernel, protocol too old, not 64-bit,
 * truncated, or fields that contradict each other or the hardware (every
 * sum of header fields is checked so that it cannot wrap).
 */
int bzimage_parse(const uint8_t *buf, size_t len, struct bzimage *bz, const char **why);

/* Name of the compression of the payload, from its magic bytes: "gzip",
 * "xz", "zstd", "lz4", "lzma", "bzip2", "lzo", or "unknown". */
const char *bzimage_payload_format(const struct bzimage *bz);

/* Little-endian readers, also used by the boot_params builder. */
uint16_t bz_get16(const uint8_t *p);
uint32_t bz_get32(const uint8_t *p);
uint64_t bz_get64(const uint8_t *p);
void bz_put16(uint8_t *p, uint16_t v);
void bz_put32(uint8_t *p, uint32_t v);
void bz_put64(uint8_t *p, uint64_t v);

#endif
