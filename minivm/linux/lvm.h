/*
 * lvm.h - what the files that boot and run a Linux guest share (internal;
 * users include linuxboot.h): the VM of the minivm library plus the Linux
 * machine's own state, its UART and the phase stamps.
 */
#ifndef MINIVM_LINUX_LVM_H
#define MINIVM_LINUX_LVM_H

#include <stdint.h>

#include "linuxboot.h"
#include "uart8250.h"
#include "vm.h"

enum lvm_phase {
	LVM_START,
	LVM_KVM_OPENED,
	LVM_VM_CREATED,
	LVM_MEMORY_MAPPED,
	LVM_VCPU_READY,
	LVM_GUEST_ENTERED,
	LVM_FIRST_OUTPUT,
	LVM_INIT_STARTED,
	LVM_READY,
	LVM_PROGRAM_EXIT,
	LVM_VM_DESTROYED,
	LVM_PHASE_COUNT
};

struct lvm {
	struct mv_vm vm;	   /* KVM fds, guest memory, diagnostics */
	struct minivm_config mcfg; /* what the library's functions read via vm.cfg */
	const struct linuxvm_config *cfg;
	struct uart8250 uart; /* COM1 */
	int irq_level;	      /* the UART's IRQ line as last told to KVM */
	int status;	      /* the workload's exit status ... */
	int status_set;	      /* ... once /init has reported it */
	int program_exited;   /* 1: the run ended with that status (the guest
			       * rebooted after /init reported it) */
	uint64_t ns[LVM_PHASE_COUNT];
};

/* Stamp a phase (only its first time counts). */
void lvm_stamp(struct lvm *L, enum lvm_phase p);

/* linuxexits.c: run the vCPU until the guest reboots, crashes or is
 * stopped. Returns the workload's status or a minivm status. */
int lvm_run_loop(struct lvm *L);

#endif
