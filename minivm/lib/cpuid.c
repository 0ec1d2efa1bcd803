/*
 * cpuid.c - what CPUID tells the guest. A new vCPU answers CPUID with an
 * empty table; KVM_GET_SUPPORTED_CPUID gives the host features KVM can
 * offer, and KVM_SET_CPUID2 makes them the vCPU's. A program's libc reads
 * CPUID at start-up (to pick memcpy variants, for instance), and KVM checks
 * CR4 bits against it: CR4.OSXSAVE is refused unless CPUID offers XSAVE, so
 * this must come before longmode.c sets CR4.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vm.h"

#define CPUID1_ECX_XSAVE (1u << 26)

static struct kvm_cpuid2 *supported_cpuid(struct mv_vm *vm)
{
	/* The table size is not known in advance: start with room for 64
	 * entries and grow while KVM says E2BIG. */
	for (unsigned int n = 64; n <= 1024; n *= 2) {
		struct kvm_cpuid2 *c = calloc(1, sizeof(*c) + n * sizeof(c->entries[0]));
		if (!c) {
			mv_diag(vm, "calloc: %s", strerror(errno));
			return NULL;
		}
		c->nent = n;
		if (ioctl(vm->kvm_fd, KVM_GET_SUPPORTED_CPUID, c) == 0)
			return c;
		int err = errno;
		free(c);
		if (err != E2BIG) {
			mv_diag(vm, "KVM_GET_SUPPORTED_CPUID: %s", strerror(err));
			return NULL;
		}
	}
	mv_diag(vm, "KVM_GET_SUPPORTED_CPUID: table larger than 1024 entries");
	return NULL;
}

int mv_cpuid_setup(struct mv_vm *vm)
{
	struct kvm_cpuid2 *c = supported_cpuid(vm);

	if (!c)
		return MINIVM_EXIT_ERROR;
	for (unsigned int i = 0; i < c->nent; i++) {
		if (c->entries[i].function == 1) {
			vm->has_xsave = (c->entries[i].ecx & CPUID1_ECX_XSAVE) != 0;
			vm->hwcap = c->entries[i].edx; /* Linux's AT_HWCAP on x86 */
		}
	}
	int rc = ioctl(vm->vcpu_fd, KVM_SET_CPUID2, c);
	int err = errno;
	free(c);
	if (rc < 0) {
		mv_diag(vm, "KVM_SET_CPUID2: %s", strerror(err));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}
