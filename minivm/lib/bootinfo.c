/*
 * bootinfo.c - struct minivm_bootinfo (abi.h): everything the guest kernel
 * must know at its first instruction, written at MINIVM_BOOTINFO_ADDR.
 *
 * The clock: the guest has no timer device; it reads the TSC. For its
 * CLOCK_MONOTONIC to run in the host's time base the VMM hands over one
 * pair of readings taken back to back, the guest's TSC (MSR 0x10, through
 * KVM_GET_MSRS, so any TSC offset KVM applies is included) and the host's
 * clocks, plus the TSC rate KVM gives the guest (KVM_GET_TSC_KHZ).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>

#include "phase_stamp.h"
#include "vm.h"

#define MSR_IA32_TSC  0x10
#define UNAME_RELEASE "0.1-minivm"

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int mv_bootinfo_clock(struct mv_vm *vm, struct minivm_bootinfo *bi)
{
	struct {
		struct kvm_msrs hdr;
		struct kvm_msr_entry entry;
	} msrs;

	/* KVM_GET_TSC_KHZ returns the rate itself (or -1). Asked of the VM:
	 * its default rate is the one every new vCPU starts with, and a VM
	 * ioctl skips the vCPU load every vCPU ioctl pays (PVM reloads the
	 * vCPU's state: 6 us against 0.4, 2-core AMD EPYC PVM VM,
	 * 2026-12-02). KVM answers it on the VM fd since Linux 6.0; an
	 * older one only on the vCPU's. */
	int khz = ioctl(vm->vm_fd, KVM_GET_TSC_KHZ, 0);
	if (khz <= 0)
		khz = ioctl(vm->vcpu_fd, KVM_GET_TSC_KHZ, 0);
	if (khz <= 0) {
		mv_diag(vm, "KVM_GET_TSC_KHZ: %s", khz < 0 ? strerror(errno) : "zero");
		return MINIVM_EXIT_ERROR;
	}
	memset(&msrs, 0, sizeof(msrs));
	msrs.hdr.nmsrs = 1;
	msrs.entry.index = MSR_IA32_TSC;
	/* The host clocks are read right after the MSR; the gap between the
	 * two (one ioctl return, a vDSO call) is the clock's offset error,
	 * about a microsecond. */
	int n = ioctl(vm->vcpu_fd, KVM_GET_MSRS, &msrs);
	uint64_t mono = clock_ns(CLOCK_MONOTONIC);
	uint64_t real = clock_ns(CLOCK_REALTIME);
	if (n != 1) {
		mv_diag(vm, "KVM_GET_MSRS (TSC): %s", n < 0 ? strerror(errno) : "not read");
		return MINIVM_EXIT_ERROR;
	}
	bi->tsc_khz = (uint64_t)khz;
	bi->tsc = msrs.entry.data;
	bi->mono_ns = mono;
	bi->real_ns = real;
	/* Our own copy: the guest can write its boot information. */
	vm->clock = (struct mv_tsc_clock){.tsc = bi->tsc, .khz = bi->tsc_khz, .mono_ns = mono};
	return 0;
}

/* Each stamp must fall between "vCPU ready" and the end of the run: a
 * program at ring 3 may write this page too, and a stamp it made up is
 * dropped rather than reported. */
void mv_bootinfo_phases(struct mv_vm *vm)
{
	static const enum mv_phase ids[MINIVM_PHASE_STAMPS] = {
	    [MINIVM_PHASE_GUEST_ENTERED] = MV_PHASE_GUEST_ENTERED,
	    [MINIVM_PHASE_FIRST_SYSCALL] = MV_PHASE_FIRST_SYSCALL,
	};
	static const char *const names[MINIVM_PHASE_STAMPS] = {
	    [MINIVM_PHASE_GUEST_ENTERED] = "guest_entered",
	    [MINIVM_PHASE_FIRST_SYSCALL] = "first_syscall",
	};
	struct minivm_bootinfo bi;
	uint64_t *ns = vm->phases.ns;
	uint64_t from = ns[MV_PHASE_VCPU_READY];
	uint64_t to = ns[MV_PHASE_PROGRAM_EXIT] ? ns[MV_PHASE_PROGRAM_EXIT] : (uint64_t)now_ns();

	if (!vm->mem || !from || !mv_gpa_ok(vm->mem_size, MINIVM_BOOTINFO_ADDR, sizeof(bi)))
		return;
	memcpy(&bi, vm->mem + MINIVM_BOOTINFO_ADDR, sizeof(bi));
	for (int id = 1; id < MINIVM_PHASE_STAMPS; id++) {
		uint64_t t = mv_phase_from_tsc(&vm->clock, bi.phase_tsc[id], from, to);
		if (!t || ns[ids[id]])
			continue; /* none, or the guest stamped it with a hypercall */
		ns[ids[id]] = t;
		if (vm->trace)
			mv_trace_step(
			    vm, "guest phase",
			    "%s at %.3f ms: the guest's TSC stamp in its boot information",
			    names[id], (double)(t - ns[MV_PHASE_START]) / 1e6);
	}
}

int mv_bootinfo_write(struct mv_vm *vm, const struct mv_elf *prog, uint64_t sp, uint64_t guard)
{
	struct minivm_bootinfo bi;
	uint64_t page = MINIVM_PAGE_SIZE;

	memset(&bi, 0, sizeof(bi));
	bi.magic = MINIVM_BOOTINFO_MAGIC;
	bi.mem_size = vm->mem_size;
	bi.prog_entry = prog->entry;
	bi.prog_sp = sp;
	bi.brk_start = (prog->end + page - 1) & ~(page - 1);
	/* Between the program's end and the guard page: the brk heap grows
	 * up from brk_start and may take the lower quarter of the gap; the
	 * mmap area takes the rest, from the guard page down. musl and glibc
	 * use brk for small blocks and mmap for large ones, so mmap gets more. */
	bi.mmap_top = guard;
	bi.mmap_bottom = bi.brk_start + (((guard - bi.brk_start) / 4) & ~(page - 1));
	if (vm->template_boot)
		bi.flags = MINIVM_BOOT_SNAPSHOT;
	snprintf(bi.uname_release, sizeof(bi.uname_release), "%s", UNAME_RELEASE);

	int rc = mv_bootinfo_clock(vm, &bi);
	if (rc)
		return rc;
	memcpy(vm->mem + MINIVM_BOOTINFO_ADDR, &bi, sizeof(bi));
	if (vm->trace)
		mv_trace_step(vm, "KVM_GET_MSRS",
			      "TSC (after KVM_GET_TSC_KHZ): boot info with the clock");
	return 0;
}
