/*
 * linuxboot.h - boot a Linux kernel in a minivm microVM (the linuxvm
 * backend). The `minivm run --kernel IMAGE ...` command and the harness
 * use it; the VM is built with the minivm library's KVM, memory and CPUID
 * functions (../lib/vm.h), the Linux-specific parts are in this folder.
 */
#ifndef MINIVM_LINUX_LINUXBOOT_H
#define MINIVM_LINUX_LINUXBOOT_H

#include <stddef.h>

#define LINUXVM_DEFAULT_MEM_MIB 128

struct linuxvm_config {
	const char *kvm_path; /* NULL: $MINIVM_KVM, else /dev/kvm */
	const char *kernel;   /* bzImage or vmlinux */
	const char *initrd;   /* cpio initramfs, or NULL */
	const char *cmdline;  /* replaces the default command line; NULL: default */
	const char *append;   /* words added to the (default) command line, or NULL */
	int console;	      /* 1: console=ttyS0, the kernel's messages on stdout */
	int argc;	      /* words for /init after "--": PROGRAM [ARGS] */
	char *const *argv;
	size_t mem_mib;	  /* 0: LINUXVM_DEFAULT_MEM_MIB */
	double timeout_s; /* 0: none */
	int phases_fd;	  /* -1: none; "name ns" lines as minivm_run's */
	int stdout_fd;	  /* the serial port's output goes here */
	int stderr_fd;	  /* diagnostics */
	int quiet;	  /* 1: no diagnostics */
	int force;	  /* 1: boot even on a host that cannot run it (PVM) */
	int trace;	  /* 1: --trace: each step, the first exit of each kind, the
			   * table of exits, on stderr_fd */
};

/* Phase names written to phases_fd: minivm's start, kvm_opened,
 * vm_created, memory_mapped, vcpu_ready, guest_entered (the kernel's
 * first instruction is next), then first_output (first byte out of the
 * UART), init_started (/init's boot port write), ready (a line starting
 * with READY passed the UART), program_exit (/init reported the status),
 * vm_destroyed. */

void linuxvm_config_init(struct linuxvm_config *cfg);

/* Boot, run until /init reports and reboots (or the timeout), tear down.
 * Returns the workload's exit status, or a minivm status: 120 no KVM,
 * 121 guest crashed or rebooted without a status, 122 host cannot run a
 * stock kernel (see force), 124 timeout, 125 error, 126 not a kernel. */
int linuxvm_run(const struct linuxvm_config *cfg);

#endif
