/*
 * layout.h - where minivm puts things in a Linux guest's physical memory.
 *
 * A Linux guest needs a different layout from minivm's own guest
 * (../include/abi.h): the kernel expects a PC-like memory map, with the
 * first MiB reserved for firmware leftovers and itself at 16 MiB.
 *
 *   0x000500  GDT: null, null, code 0x10, data 0x18
 *   0x007000  struct boot_params, the "zero page" (4 KiB); RSI points here
 *   0x008ff0  initial stack pointer (the kernel switches to its own stack
 *             in its first instructions; this one only has to be valid)
 *   0x009000  page tables up to 0x00ffff (the library's identity map,
 *             ../lib/pagetable.c: PML4, PDPT, two PTs, a page directory
 *             per GiB): guest memory identity mapped, as the 64-bit boot
 *             protocol requires (boot_params, command line, kernel and
 *             initrd must be reachable at their physical address)
 *   0x020000  kernel command line (NUL-terminated)
 *   0x09fc00  start of the "EBDA" hole, reserved in the e820 map
 *   0x100000  RAM again, up to the end of guest memory
 *   0x1000000 the kernel (bzImage: its pref_address; vmlinux: its
 *             PT_LOAD physical addresses, 16 MiB for Debian's kernel)
 *   high      initrd: as high as possible below initrd_addr_max and the
 *             end of memory, page aligned
 *
 * Guest memory ends at 3 GiB at most (LINUX_MEM_MAX): PC machines keep the
 * last GiB below 4 GiB for devices and firmware, and KVM needs the TSS and identity-map
 * pages (LINUX_TSS_ADDR, LINUX_IDMAP_ADDR) at addresses no RAM uses.
 */
#ifndef MINIVM_LINUX_LAYOUT_H
#define MINIVM_LINUX_LAYOUT_H

#define LINUX_GDT_ADDR	     0x500ULL
#define LINUX_ZERO_PAGE_ADDR 0x7000ULL
#define LINUX_STACK_TOP	     0x8ff0ULL
#define LINUX_PT_ADDR	     0x9000ULL
#define LINUX_PT_END	     0x10000ULL /* 7 pages: 4 + one PD per GiB of LINUX_MEM_MAX */
#define LINUX_CMDLINE_ADDR   0x20000ULL
#define LINUX_CMDLINE_MAX    0x10000ULL /* the page range we keep for it */
#define LINUX_EBDA_ADDR	     0x9fc00ULL
#define LINUX_HIGH_MEM	     0x100000ULL
#define LINUX_KERNEL_ADDR    0x1000000ULL /* used when pref_address is unusable */

/* GDT selectors: the ones the 32-bit boot protocol names __BOOT_CS and
 * __BOOT_DS, kept for the 64-bit entry so that a reader of the kernel's
 * boot code finds the same numbers. */
#define LINUX_SEL_CODE 0x10
#define LINUX_SEL_DATA 0x18

/* KVM_SET_TSS_ADDR needs three pages and KVM_SET_IDENTITY_MAP_ADDR one page
 * of guest-physical address space that is not RAM (on Intel, KVM uses them
 * to run real-mode code and unpaged protected mode). These are the values
 * QEMU and kvmtool use, just below the BIOS ROM at the top of 4 GiB. */
#define LINUX_IDMAP_ADDR 0xfffbc000ULL
#define LINUX_TSS_ADDR	 0xfffbd000ULL

#define LINUX_MEM_MAX (3072ULL << 20) /* below the PCI hole and LINUX_TSS_ADDR */

#endif
