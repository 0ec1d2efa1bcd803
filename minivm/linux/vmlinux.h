/*
 * vmlinux.h - load an uncompressed Linux kernel (the vmlinux ELF file).
 *
 * vmlinux is what the kernel build links before it compresses it into a
 * bzImage. Booting it directly, as Firecracker does, skips the bzImage's
 * decompressor: the loader copies each PT_LOAD segment to its physical
 * address (p_paddr, 16 MiB and up for x86-64) and jumps to the ELF entry,
 * startup_64, with RSI pointing at boot_params.
 */
#ifndef MINIVM_LINUX_VMLINUX_H
#define MINIVM_LINUX_VMLINUX_H

#include <stddef.h>
#include <stdint.h>

struct vmlinux {
	uint64_t entry;	  /* guest-physical address of the 64-bit entry */
	uint64_t phys_lo; /* lowest byte any PT_LOAD segment occupies */
	uint64_t phys_hi; /* one past the highest */
	int segments;	  /* PT_LOAD segments */
};

/* 1 if buf starts with the ELF magic, else 0. */
int vmlinux_is_elf(const uint8_t *buf, size_t len);

/* 1 if buf is an ELF file with a note named "Linux" (the kernel's build
 * puts several in vmlinux), else 0: how minivm tells a Linux vmlinux from
 * its own guest kernel, which is an ELF file too. */
int vmlinux_has_linux_note(const uint8_t *buf, size_t len);

/* Check that buf holds a 64-bit x86 kernel ELF and find where it goes.
 * Returns 0, or -1 with *why (one line). */
int vmlinux_probe(const uint8_t *buf, size_t len, struct vmlinux *vm, const char **why);

/* Probe, then copy the segments into guest memory mem[0, mem_size) and
 * zero their bss parts. Returns 0, or -1 with *why: bad ELF, or a segment
 * outside guest memory. */
int vmlinux_load(const uint8_t *buf, size_t len, uint8_t *mem, uint64_t mem_size,
		 struct vmlinux *vm, const char **why);

#endif
