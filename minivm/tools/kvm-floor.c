/*
 * kvm-floor - the least a KVM virtual machine start can cost on this host:
 * create a VM with one vCPU and one page of memory, run one instruction
 * (HLT) to the first exit, and exit. No long mode, no page tables: the
 * vCPU starts in 16-bit real mode, as after a reset. Benchmark helper:
 *   hyperfine -N build/kvm-floor
 * Usage: kvm-floor [--kvm PATH]   (default $MINIVM_KVM, else /dev/kvm)
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define GUEST_ADDR 0x1000 /* where the one page sits in guest physical memory */

static int fail(const char *what)
{
	fprintf(stderr, "kvm-floor: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	const char *path = getenv("MINIVM_KVM") ? getenv("MINIVM_KVM") : "/dev/kvm";

	if (argc == 3 && strcmp(argv[1], "--kvm") == 0) {
		path = argv[2];
	} else if (argc != 1) {
		fprintf(stderr, "usage: kvm-floor [--kvm PATH]\n"
				"Start a VM, run one HLT instruction to its first exit, exit.\n");
		return argc == 2 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}

	int kvm = open(path, O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		return fail(path);
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		return fail("KVM_CREATE_VM");

	/* One page of guest memory holding one instruction: HLT (0xf4). */
	unsigned char *mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED)
		return fail("mmap");
	mem[0] = 0xf4;
	struct kvm_userspace_memory_region region = {
	    .slot = 0,
	    .guest_phys_addr = GUEST_ADDR,
	    .memory_size = 4096,
	    .userspace_addr = (unsigned long)mem,
	};
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region) < 0)
		return fail("KVM_SET_USER_MEMORY_REGION");

	int vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		return fail("KVM_CREATE_VCPU");
	int run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (run_size < 0)
		return fail("KVM_GET_VCPU_MMAP_SIZE");
	struct kvm_run *run =
	    mmap(NULL, (size_t)run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		return fail("mmap kvm_run");

	/* Real mode: the CPU fetches from CS.base + IP. Point both at the page. */
	struct kvm_sregs sregs;
	if (ioctl(vcpu, KVM_GET_SREGS, &sregs) < 0)
		return fail("KVM_GET_SREGS");
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(vcpu, KVM_SET_SREGS, &sregs) < 0)
		return fail("KVM_SET_SREGS");
	struct kvm_regs regs = {.rip = GUEST_ADDR, .rflags = 0x2};
	if (ioctl(vcpu, KVM_SET_REGS, &regs) < 0)
		return fail("KVM_SET_REGS");

	if (ioctl(vcpu, KVM_RUN, 0) < 0)
		return fail("KVM_RUN");
	if (run->exit_reason != KVM_EXIT_HLT) {
		fprintf(stderr, "kvm-floor: first exit was reason %u, not HLT\n", run->exit_reason);
		return 1;
	}
	/* Exiting closes the fds, which destroys the VM. */
	return 0;
}
