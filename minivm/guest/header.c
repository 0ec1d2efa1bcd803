/*
 * header.c - the header at the very start of the kernel image
 * (MINIVM_KERNEL_ADDR), for a VMM that does our ring-0 set-up itself and
 * enters us at ring 3 (abi.h, struct minivm_kernel_header): on PVM hosts
 * that saves about 0.25 ms of emulated instructions per start
 * (docs/guest-vmm-contract.md, docs/kvm-flavours.md).
 *
 * It lists what kmain() would load: the GDT, the IDT (filled by
 * kmain_user() at ring 3 either way), the TSS, our ring-3 selectors and
 * the SYSCALL MSRs. All of it is known at link time, so the header is
 * constant data.
 */
#include "kernel.h"
#include "tables.h"

__attribute__((section(".header"), used)) const struct minivm_kernel_header kernel_header = {
    .magic = MINIVM_KHDR_MAGIC,
    .user_entry = (uint64_t)user_start,
    .gdt_base = (uint64_t)gdt,
    .gdt_limit = sizeof(gdt) - 1,
    .idt_base = (uint64_t)idt,
    .idt_limit = sizeof(idt) - 1,
    .tss_selector = SEL_TSS,
    .tss_base = (uint64_t)&tss,
    .tss_limit = sizeof(tss) - 1,
    .user_cs = SEL_USER_CODE | 3,
    .user_ss = SEL_USER_DATA | 3,
    .star = SYSCALL_STAR,
    .lstar = (uint64_t)syscall_entry,
    .fmask = SYSCALL_FMASK,
};
