/*
 * bootparams.c - build struct boot_params for a 64-bit Linux boot.
 *
 * A firmware-less boot gives the kernel everything through this one page:
 * its memory map (the e820 table a PC BIOS would report), where the command
 * line and the initrd are, and the setup header that describes the kernel
 * itself. The rules for each field are those of the x86 boot protocol.
 */
#include <string.h>

#include "bootparams.h"
#include "layout.h"

#define PAGE_MASK 0xfffULL

int bootparams_kernel_addr(const struct bzimage *bz, uint64_t mem_size, uint64_t *addr,
			   const char **why)
{
	/* The kernel asks for pref_address, 16 MiB for Debian's: a
	 * relocatable kernel may go elsewhere, but there is no reason to. */
	uint64_t at = bz->pref_address >= LINUX_HIGH_MEM ? bz->pref_address : LINUX_KERNEL_ADDR;

	/* Written so that nothing wraps: pref_address comes from the file. A
	 * sum "at + init_size" wraps past 2^64 for pref_address near the top,
	 * and the loader would then copy the kernel below guest memory. */
	if (at > mem_size || bz->init_size > mem_size - at) {
		*why = "guest memory too small for the kernel (it needs pref_address + init_size)";
		return -1;
	}
	*addr = at;
	return 0;
}

static void e820_add(uint8_t *zp, uint64_t addr, uint64_t size, uint32_t type)
{
	int n = zp[BP_OFF_E820_ENTRIES];
	uint8_t *e = zp + BP_OFF_E820_TABLE + n * BP_E820_ENTRY_SIZE;

	bz_put64(e, addr);
	bz_put64(e + 8, size);
	bz_put32(e + 16, type);
	zp[BP_OFF_E820_ENTRIES] = (uint8_t)(n + 1);
}

void bootparams_e820_get(const uint8_t *zp, int i, uint64_t *addr, uint64_t *size, uint32_t *type)
{
	const uint8_t *e = zp + BP_OFF_E820_TABLE + i * BP_E820_ENTRY_SIZE;

	*addr = bz_get64(e);
	*size = bz_get64(e + 8);
	*type = bz_get32(e + 16);
}

/* The PC memory map without a BIOS: conventional memory up to the EBDA,
 * the legacy hole (EBDA, VGA, option and BIOS ROMs: nothing there in a
 * microVM, but the kernel expects RAM to stop at 640 KiB), then RAM from
 * 1 MiB to the end. The hole's first KiB is reported reserved so that the
 * kernel does not hand it out (it is where an MP table would go). */
static void build_e820(uint8_t *zp, uint64_t mem_size)
{
	e820_add(zp, 0, LINUX_EBDA_ADDR, E820_TYPE_RAM);
	e820_add(zp, LINUX_EBDA_ADDR, 0xa0000 - LINUX_EBDA_ADDR, E820_TYPE_RESERVED);
	e820_add(zp, LINUX_HIGH_MEM, mem_size - LINUX_HIGH_MEM, E820_TYPE_RAM);
}

/* For a vmlinux there is no setup header to copy: make up the fields the
 * kernel reads on its 64-bit path (signatures, version, limits). */
static void fake_header(uint8_t *zp)
{
	bz_put16(zp + BZ_OFF_BOOT_FLAG, BZ_BOOT_FLAG);
	bz_put32(zp + BZ_OFF_HEADER, BZ_HDRS_MAGIC);
	bz_put16(zp + BZ_OFF_VERSION, BZ_MIN_VERSION);
	zp[BZ_OFF_LOADFLAGS] = BZ_LOADED_HIGH;
	bz_put32(zp + BZ_OFF_INITRD_ADDR_MAX, BP_VMLINUX_INITRD_ADDR_MAX);
	bz_put32(zp + BZ_OFF_CMDLINE_SIZE, BP_VMLINUX_CMDLINE_SIZE);
}

/* As high as the kernel allows (initrd_addr_max is the highest address of
 * the initrd's last byte) and memory allows, page aligned, and above the
 * kernel's init_size (the kernel would overwrite it while decompressing). */
static int place_initrd(const struct linux_boot_spec *spec, uint32_t addr_max,
			struct linux_boot_plan *plan, const char **why)
{
	uint64_t top = spec->mem_size;

	plan->initrd_addr = 0;
	if (spec->initrd_size == 0)
		return 0;
	if ((uint64_t)addr_max + 1 < top)
		top = (uint64_t)addr_max + 1;
	if (spec->initrd_size > top ||
	    ((top - spec->initrd_size) & ~PAGE_MASK) < spec->kernel_end) {
		*why = "initrd too large for the guest memory (it must fit above the kernel)";
		return -1;
	}
	plan->initrd_addr = (top - spec->initrd_size) & ~PAGE_MASK;
	return 0;
}

static int check_spec(const struct linux_boot_spec *spec, uint32_t cmdline_size,
		      struct linux_boot_plan *plan, const char **why)
{
	if (spec->mem_size > LINUX_MEM_MAX) {
		*why = "guest memory too large for a Linux guest (3 GiB at most)";
		return -1;
	}
	if (spec->kernel_addr < LINUX_HIGH_MEM || spec->kernel_end < spec->kernel_addr ||
	    spec->kernel_end > spec->mem_size) {
		*why = "guest memory too small for the kernel";
		return -1;
	}
	plan->cmdline_addr = LINUX_CMDLINE_ADDR;
	plan->cmdline_len = strlen(spec->cmdline);
	if (plan->cmdline_len > cmdline_size || plan->cmdline_len >= LINUX_CMDLINE_MAX) {
		*why = "kernel command line longer than the kernel accepts (cmdline_size)";
		return -1;
	}
	return 0;
}

int bootparams_build(uint8_t *zp, const struct bzimage *bz, const struct linux_boot_spec *spec,
		     struct linux_boot_plan *plan, const char **why)
{
	memset(zp, 0, BP_SIZE);
	memset(plan, 0, sizeof(*plan));
	if (bz)
		memcpy(zp + BZ_HDR_OFFSET, bz->image + BZ_HDR_OFFSET, bz->hdr_end - BZ_HDR_OFFSET);
	else
		fake_header(zp);

	if (check_spec(spec, bz_get32(zp + BZ_OFF_CMDLINE_SIZE), plan, why) ||
	    place_initrd(spec, bz_get32(zp + BZ_OFF_INITRD_ADDR_MAX), plan, why))
		return -1;

	zp[BZ_OFF_TYPE_OF_LOADER] = BP_LOADER_UNDEFINED;
	bz_put32(zp + BZ_OFF_CMD_LINE_PTR, (uint32_t)plan->cmdline_addr);
	bz_put32(zp + BZ_OFF_RAMDISK_IMAGE, (uint32_t)plan->initrd_addr);
	bz_put32(zp + BZ_OFF_RAMDISK_SIZE, (uint32_t)spec->initrd_size);
	/* The code32_start and kernel load address of the header describe the
	 * 32-bit entry; on the 64-bit path the kernel finds itself from RIP. */
	build_e820(zp, spec->mem_size);
	return 0;
}
