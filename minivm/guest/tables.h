/*
 * tables.h - the CPU's descriptor tables as the kernel lays them out: the
 * GDT and TSS (gdt.c) and the IDT (idt.c). header.c describes them to a VMM
 * that loads them itself (abi.h, struct minivm_kernel_header).
 */
#ifndef GUEST_TABLES_H
#define GUEST_TABLES_H

#include <stdint.h>
#include "../include/abi.h"

#define GDT_ENTRIES 7
#define IDT_VECTORS 32

/* A 64-bit gate descriptor (Intel SDM vol. 3, figure 6-8). */
struct gate {
	uint16_t offset_low;
	uint16_t selector;
	uint8_t ist;
	uint8_t type;
	uint16_t offset_mid;
	uint32_t offset_high;
	uint32_t reserved;
} __attribute__((packed));

/* The 64-bit TSS (Intel SDM vol. 3, figure 8-11), followed by the I/O
 * permission bitmap: one bit per port, 0 = allowed. Ports 0x500-0x507 (the
 * hypercalls) are byte 0xa0 of the bitmap; the CPU (and KVM's emulator)
 * reads two bytes per check, and a final 0xff byte ends the map. */
#define IOMAP_HC_BYTE (MINIVM_HC_BASE / 8)

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
	uint8_t iomap[IOMAP_HC_BYTE + 2];
} __attribute__((packed));

extern uint64_t gdt[GDT_ENTRIES];
extern struct gate idt[IDT_VECTORS];
extern struct tss tss;

#endif
