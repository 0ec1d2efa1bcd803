/*
 * entry64.h - the CPU state Linux's 64-bit boot protocol asks for.
 *
 * From the x86 boot protocol ("64-bit boot protocol" in boot.rst): the CPU
 * in 64-bit mode with paging on; an identity mapping for the kernel, the
 * zero page and the command line; a GDT with flat 4 GiB code (__BOOT_CS)
 * and data (__BOOT_DS) segments, CS loaded with the code one and DS, ES, SS
 * with the data one; interrupts off; RSI holding the address of struct
 * boot_params. A bzImage is entered at its load address + 0x200, a vmlinux
 * at its ELF entry.
 *
 * The functions here only compute that state (page tables and GDT bytes in
 * guest memory, register values in KVM's structs); the VMM then hands the
 * registers to KVM with KVM_SET_SREGS and KVM_SET_REGS.
 */
#ifndef MINIVM_LINUX_ENTRY64_H
#define MINIVM_LINUX_ENTRY64_H

#include <stdint.h>
#include <linux/kvm.h>

/* Write the GDT and the identity-mapping page tables (layout.h) into guest
 * memory mem, which must be at least 1 MiB. */
void entry64_write_tables(uint8_t *mem);

/* Set the segment, control and descriptor-table registers in *s (read
 * first with KVM_GET_SREGS, so that fields we do not set keep KVM's
 * values). */
void entry64_sregs(struct kvm_sregs *s);

/* Set the general registers: RIP = entry, RSI = the zero page. */
void entry64_regs(struct kvm_regs *r, uint64_t entry);

#endif
