/*
 * cpuid.c - what CPUID tells the guest. A new vCPU answers CPUID with an
 * empty table; KVM_GET_SUPPORTED_CPUID gives the host features KVM can
 * offer, and KVM_SET_CPUID2 makes them the vCPU's. A program's libc reads
 * CPUID at start-up (to pick memcpy variants, for instance), and KVM checks
 * CR4 bits against it: CR4.OSXSAVE is refused unless CPUID offers XSAVE, so
 * this must come before longmode.c sets CR4.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vm.h"

#define CPUID1_ECX_XSAVE (1u << 26)

/* Room for the table on the stack: KVM on x86 reports about 60 entries
 * today; malloc would cost a brk() or two on the start-up path. */
#define MAX_ENTRIES 256
struct cpuid_table {
	struct kvm_cpuid2 head;
	struct kvm_cpuid_entry2 entries[MAX_ENTRIES];
};

int mv_cpuid_setup(struct mv_vm *vm)
{
	struct cpuid_table t;
	struct kvm_cpuid2 *c = &t.head;

	c->nent = MAX_ENTRIES;
	if (ioctl(vm->kvm_fd, KVM_GET_SUPPORTED_CPUID, c) < 0) {
		mv_diag(vm, "KVM_GET_SUPPORTED_CPUID: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	for (unsigned int i = 0; i < c->nent; i++) {
		if (c->entries[i].function == 1) {
			vm->has_xsave = (c->entries[i].ecx & CPUID1_ECX_XSAVE) != 0;
			vm->hwcap = c->entries[i].edx; /* Linux's AT_HWCAP on x86 */
		}
	}
	if (ioctl(vm->vcpu_fd, KVM_SET_CPUID2, c) < 0) {
		mv_diag(vm, "KVM_SET_CPUID2: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}
