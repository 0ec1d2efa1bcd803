/*
 * kvm.c - the KVM handles of one VM: /dev/kvm (the system), the VM, and its
 * single vCPU with the shared kvm_run page through which KVM reports why
 * the vCPU left the guest.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vm.h"

/* --kvm PATH first, then $MINIVM_KVM (tests use it to simulate a missing
 * /dev/kvm), then the usual device. */
const char *mv_kvm_path(const struct minivm_config *cfg)
{
	const char *env = getenv("MINIVM_KVM");

	if (cfg && cfg->kvm_path)
		return cfg->kvm_path;
	if (env && *env)
		return env;
	return "/dev/kvm";
}

int mv_kvm_open(struct mv_vm *vm, const char *path)
{
	/* O_CLOEXEC: a program the caller runs later must not inherit KVM. */
	vm->kvm_fd = open(path, O_RDWR | O_CLOEXEC);
	if (vm->kvm_fd < 0) {
		mv_diag(vm, "cannot open %s: %s", path, strerror(errno));
		return MINIVM_EXIT_NOKVM;
	}
	if (vm->trace)
		mv_trace_step(vm, "open", "%s: the KVM system fd", path);
	/* The API version has been 12 since Linux 2.6.22 and is promised
	 * never to change; anything else is not the KVM this code knows. */
	int version = ioctl(vm->kvm_fd, KVM_GET_API_VERSION, 0);
	if (version != KVM_API_VERSION) {
		mv_diag(vm, "%s: KVM_GET_API_VERSION gave %d (%s), want %d", path, version,
			version < 0 ? strerror(errno) : "wrong version", KVM_API_VERSION);
		return MINIVM_EXIT_NOKVM;
	}
	if (vm->trace)
		mv_trace_step(vm, "KVM_GET_API_VERSION", "%d: the KVM API this code is written for",
			      version);
	return 0;
}

int mv_kvm_create_vm(struct mv_vm *vm)
{
	/* Machine type 0: the default x86 VM. */
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	if (vm->vm_fd < 0) {
		mv_diag(vm, "KVM_CREATE_VM: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (vm->trace)
		mv_trace_step(vm, "KVM_CREATE_VM", "an empty VM: no memory, no vCPU yet");
	return 0;
}

/* An in-kernel local APIC for the vCPU, though minivm's guest takes no
 * interrupts: KVM_CAP_SPLIT_IRQCHIP puts the LAPIC in KVM and leaves the
 * PIC and IO-APIC out (nothing else to create). The reason is what KVM
 * does without one: a vCPU with no in-kernel LAPIC increments the static
 * key kvm_has_noapic_vcpu at KVM_CREATE_VCPU and decrements it when the VM
 * is destroyed, and a static key that goes 0 -> 1 or 1 -> 0 rewrites
 * kernel code (text_poke, with IPIs to every CPU). On a host with no
 * other such vCPU that is every lone start, twice (perf: __text_poke from
 * kvm_create_lapic and kvm_arch_vcpu_destroy). A LAPIC moves the count to
 * apic_sw_disabled, whose decrement KVM defers by a second, so back-to-
 * back starts rewrite nothing. Measured on a 2-core AMD EPYC PVM VM
 * (2026-12-02, load 0.2): KVM_CREATE_VCPU 254 -> 68 us, the VM fd's
 * close 563 -> 388 us (p50 of 100 interleaved starts).
 * What it costs: about 12 KiB of kernel memory per VM (the LAPIC's
 * register page and state), and HLT: with the LAPIC in KVM, a HLT no
 * longer exits to the VMM (KVM waits in the kernel for an interrupt), so
 * a guest that halts with interrupts off would hang instead of being
 * reported. minivm's own kernel halts only after its EXIT or PANIC
 * hypercall, which the VMM never resumes; another kernel (--kernel) gets
 * no LAPIC, and its HLT is an exit. Must come before KVM_CREATE_VCPU.
 * A KVM without the capability (before Linux 4.6) refuses it: the VM
 * then runs as before, without. */
void mv_kvm_split_irqchip(struct mv_vm *vm)
{
	/* args[0]: IO-APIC routes to reserve for a userspace IO-APIC; none. */
	struct kvm_enable_cap cap = {.cap = KVM_CAP_SPLIT_IRQCHIP, .args = {0}};

	vm->lapic = ioctl(vm->vm_fd, KVM_ENABLE_CAP, &cap) == 0;
	if (!vm->trace)
		return;
	if (vm->lapic)
		mv_trace_step(vm, "KVM_ENABLE_CAP",
			      "split irqchip: the vCPU's LAPIC in KVM, no PIC or IO-APIC");
	else
		mv_trace_step(vm, "KVM_ENABLE_CAP", "split irqchip refused (%s): no LAPIC in KVM",
			      strerror(errno));
}

int mv_kvm_create_vcpu(struct mv_vm *vm)
{
	vm->vcpu_fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, 0);
	if (vm->vcpu_fd < 0) {
		mv_diag(vm, "KVM_CREATE_VCPU: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (vm->trace)
		mv_trace_step(vm, "KVM_CREATE_VCPU",
			      "vCPU 0, in its reset state (16-bit real mode)");
	/* struct kvm_run is shared with the kernel through an mmap of the
	 * vCPU fd; its size (more than one page: it holds the PIO data page
	 * too) is a property of the system, asked on /dev/kvm. */
	int size = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < (int)sizeof(struct kvm_run)) {
		mv_diag(vm, "KVM_GET_VCPU_MMAP_SIZE: %s", size < 0 ? strerror(errno) : "too small");
		return MINIVM_EXIT_ERROR;
	}
	void *run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, vm->vcpu_fd, 0);
	if (run == MAP_FAILED) {
		mv_diag(vm, "mmap of kvm_run: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	vm->run = run;
	vm->run_size = (size_t)size;
	if (vm->trace)
		mv_trace_step(vm, "mmap kvm_run",
			      "%d bytes shared with KVM: exit reasons, I/O data", size);
	return 0;
}

/* Closing the last fd of a VM is what destroys it in the kernel: the vCPU
 * first (its mmap holds a reference too), then the VM. */
void mv_kvm_close(struct mv_vm *vm)
{
	if (vm->run) {
		munmap(vm->run, vm->run_size);
		vm->run = NULL;
	}
	if (vm->vcpu_fd >= 0)
		close(vm->vcpu_fd);
	if (vm->vm_fd >= 0)
		close(vm->vm_fd);
	if (vm->kvm_fd >= 0)
		close(vm->kvm_fd);
	vm->vcpu_fd = vm->vm_fd = vm->kvm_fd = -1;
}
