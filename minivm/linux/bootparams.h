/*
 * bootparams.h - build the "zero page" (struct boot_params) that a Linux
 * kernel reads at its 64-bit entry point (RSI holds its address).
 *
 * boot_params is one 4 KiB page. Its layout is fixed by the x86 boot
 * protocol (arch/x86/include/uapi/asm/bootparam.h and zero-page.rst in the
 * kernel tree); minivm fills only what a 64-bit boot without firmware needs:
 *
 *   0x0c0  ext_ramdisk_image, 0x0c4 ext_ramdisk_size, 0x0c8 ext_cmd_line_ptr
 *          (the high 32 bits of the three addresses; ours stay below 4 GiB)
 *   0x1e8  e820_entries: how many entries the memory map has
 *   0x1f1  the setup header, copied from the bzImage, then edited by us
 *   0x2d0  e820_table: up to 128 entries of {u64 addr, u64 size, u32 type}
 */
#ifndef MINIVM_LINUX_BOOTPARAMS_H
#define MINIVM_LINUX_BOOTPARAMS_H

#include <stddef.h>
#include <stdint.h>

#include "bzimage.h"

#define BP_SIZE			 4096
#define BP_OFF_EXT_RAMDISK_IMAGE 0x0c0
#define BP_OFF_EXT_RAMDISK_SIZE	 0x0c4
#define BP_OFF_EXT_CMD_LINE_PTR	 0x0c8
#define BP_OFF_E820_ENTRIES	 0x1e8
#define BP_OFF_SENTINEL		 0x1ef
#define BP_OFF_E820_TABLE	 0x2d0
#define BP_E820_MAX		 128
#define BP_E820_ENTRY_SIZE	 20

#define E820_TYPE_RAM	   1
#define E820_TYPE_RESERVED 2

/* type_of_loader 0xff: "undefined" loader, the value for loaders that have
 * no ID assigned (kvmtool and Firecracker use it too). */
#define BP_LOADER_UNDEFINED 0xff

/* Used for a vmlinux, which carries no setup header: the limits every
 * x86-64 kernel accepts (COMMAND_LINE_SIZE is 2048 on x86, NUL included). */
#define BP_VMLINUX_CMDLINE_SIZE	   2047
#define BP_VMLINUX_INITRD_ADDR_MAX 0x7fffffffU

/* What the caller has decided; bootparams_build() checks it all fits. */
struct linux_boot_spec {
	uint64_t mem_size;    /* bytes of guest RAM, from guest physical 0 */
	uint64_t kernel_addr; /* lowest guest-physical byte of the kernel */
	uint64_t kernel_end;  /* one past the memory the kernel claims (init_size) */
	uint64_t initrd_size; /* 0: no initrd */
	const char *cmdline;  /* the kernel command line, without the NUL */
};

/* What bootparams_build() decided: the caller copies the command line and
 * the initrd to these guest-physical addresses. */
struct linux_boot_plan {
	uint64_t cmdline_addr;
	size_t cmdline_len;   /* without the NUL */
	uint64_t initrd_addr; /* 0 when there is no initrd */
};

/* Where to load a bzImage's protected-mode code: its pref_address. Returns
 * 0, or -1 with *why when the kernel (init_size) does not fit in mem_size. */
int bootparams_kernel_addr(const struct bzimage *bz, uint64_t mem_size, uint64_t *addr,
			   const char **why);

/*
 * Fill zp[0, BP_SIZE) with the boot_params for this boot. bz is the parsed
 * bzImage, or NULL for a vmlinux (a minimal setup header is made up then).
 * Returns 0 and fills *plan, or -1 with *why (one line): command line too
 * long, initrd too large for the memory, memory too small or too large.
 */
int bootparams_build(uint8_t *zp, const struct bzimage *bz, const struct linux_boot_spec *spec,
		     struct linux_boot_plan *plan, const char **why);

/* Read back entry i of the e820 map in zp (for tests and diagnostics). */
void bootparams_e820_get(const uint8_t *zp, int i, uint64_t *addr, uint64_t *size, uint32_t *type);

#endif
