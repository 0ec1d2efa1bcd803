/*
 * snapshot.h - what a template holds (snapshot.c makes it, capture.c
 * fills in the vCPU state, restore.c starts VMs from it). Not installed: minivm.h has the public
 * calls.
 *
 * A running VM lives in two places. Guest memory is ordinary host memory
 * the VMM mapped: the guest kernel's code, data and stack, its page
 * tables, GDT, IDT and TSS, the program, the boot information. All of
 * that is in the memfd. The vCPU's state lives inside KVM, in the kernel,
 * and only ioctls read or write it: the general registers (KVM_GET_REGS),
 * the segment, table and control registers with their hidden parts and
 * EFER (KVM_GET_SREGS), the model-specific registers (KVM_GET_MSRS), the
 * FPU/SSE/AVX registers (KVM_GET_XSAVE), XCR0 (KVM_GET_XCRS) and the
 * CPUID table the guest sees (KVM_GET_CPUID2: the guest kernel and libc
 * may have read it already, and KVM checks CR4 bits against it). That is
 * the rest of the template.
 */
#ifndef MINIVM_SNAPSHOT_H
#define MINIVM_SNAPSHOT_H

#include <stdint.h>
#include <linux/kvm.h>

#include "vm.h"

#define MV_SNAP_MSRS	5   /* the MSRs a template carries (capture.c) */
#define MV_SNAP_CPUID	256 /* CPUID entries: KVM reports about 60-80 today */
#define MV_SNAP_EXTENTS 16  /* runs of written pages mapped from the memfd */

struct mv_extent {
	uint64_t offset, len; /* in the memfd = guest physical address, length */
};

struct minivm_template {
	int memfd; /* guest memory as the template left it; sealed */
	uint64_t mem_size;
	int nextents;
	struct mv_extent extent[MV_SNAP_EXTENTS];

	/* The vCPU, read back at the snapshot point. */
	struct {
		struct kvm_cpuid2 hdr;
		struct kvm_cpuid_entry2 entry[MV_SNAP_CPUID];
	} cpuid; /* what the guest's CPUID instruction answered */
	struct kvm_regs regs;
	struct kvm_sregs sregs;
	struct {
		struct kvm_msrs hdr;
		struct kvm_msr_entry entry[MV_SNAP_MSRS];
	} msrs;
	int lapic;     /* the template's vCPU had an in-kernel LAPIC: so has a new one (kvm.c) */
	int has_xsave; /* the vCPU offers XSAVE: XCR0 is copied too */
	struct kvm_xcrs xcrs;
	int use_xsave_ioctl; /* KVM_CAP_XSAVE: KVM_GET_XSAVE, else KVM_GET_FPU */
	struct kvm_xsave xsave;
	struct kvm_fpu fpu;

	/* What a new VM needs to lay out its own program stack (stack.c). */
	char program[4096];
	uint64_t prog_sp; /* the template's RSP for the program: its stack starts here */
	uint64_t guard;	  /* the stack guard page */
	uint64_t phdr, phent, phnum, entry;
	uint32_t hwcap;
};

#endif
