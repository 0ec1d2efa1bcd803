/*
 * lvm.h - what the files that boot and run a Linux guest share (internal;
 * users include linuxboot.h): the VM of the minivm library plus the Linux
 * machine's own state and its UART. Phase stamps are the library's
 * (vm.phases, ../lib/phases.c).
 */
#ifndef MINIVM_LINUX_LVM_H
#define MINIVM_LINUX_LVM_H

#include <stdint.h>

#include "linuxboot.h"
#include "uart8250.h"
#include "vm.h"

struct lvm {
	struct mv_vm vm;	   /* KVM fds, guest memory, diagnostics, phases */
	struct minivm_config mcfg; /* what the library's functions read via vm.cfg */
	const struct linuxvm_config *cfg;
	struct uart8250 uart; /* COM1 */
	int irq_level;	      /* the UART's IRQ line as last told to KVM */
	int status;	      /* the workload's exit status ... */
	int status_set;	      /* ... once /init has reported it; vm.program_exited
			       * is 1 when the run ended with that status (the
			       * guest rebooted after /init reported it) */
};

/* linuxexits.c: run the vCPU (the library's run loop, with the Linux
 * guest's exits) until the guest reboots, crashes or is stopped. Returns
 * the workload's status or a minivm status. */
int lvm_run_loop(struct lvm *L);

#endif
