/*
 * kvm-floor - the least a KVM virtual machine start can cost on this host:
 * create a VM with one vCPU and one page of memory, run one instruction
 * to the first exit, and exit. No long mode, no page tables: the vCPU
 * starts in 16-bit real mode, as after a reset. Benchmark helper:
 *   build/abtime build/kvm-floor 'build/kvm-floor --lapic'
 * Usage: kvm-floor [--lapic] [--kvm PATH]   (default $MINIVM_KVM, else /dev/kvm)
 *
 * The instruction is HLT: a vCPU without an in-kernel local APIC leaves
 * KVM_RUN at HLT. With --lapic the vCPU gets one (KVM_CAP_SPLIT_IRQCHIP,
 * as minivm gives its own guest: lib/kvm.c) and KVM would wait in the
 * kernel at HLT for an interrupt, so the instruction is an OUT, which
 * always exits. Without a LAPIC, KVM_CREATE_VCPU and the VM's
 * destruction each flip a static key (kernel code rewritten) when no
 * other such vCPU exists on the host: --lapic shows what that costs.
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
	int lapic = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--lapic") == 0) {
			lapic = 1;
		} else if (strcmp(argv[i], "--kvm") == 0 && i + 1 < argc) {
			path = argv[++i];
		} else {
			fprintf(
			    stderr,
			    "usage: kvm-floor [--lapic] [--kvm PATH]\n"
			    "Start a VM, run one instruction to its first exit, exit.\n"
			    "  --lapic  give the vCPU an in-kernel local APIC (split irqchip)\n");
			return strcmp(argv[i], "--help") == 0 ? 0 : 2;
		}
	}

	int kvm = open(path, O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		return fail(path);
	int vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		return fail("KVM_CREATE_VM");

	/* Before the vCPU: KVM creates its LAPIC with it. */
	struct kvm_enable_cap split = {.cap = KVM_CAP_SPLIT_IRQCHIP};
	if (lapic && ioctl(vm, KVM_ENABLE_CAP, &split) < 0)
		return fail("KVM_ENABLE_CAP KVM_CAP_SPLIT_IRQCHIP");

	/* One page of guest memory holding one instruction: HLT (0xf4), or
	 * with a LAPIC OUT %al, $0x10 (0xe6 0x10). */
	unsigned char *mem = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED)
		return fail("mmap");
	if (lapic) {
		mem[0] = 0xe6;
		mem[1] = 0x10;
	} else {
		mem[0] = 0xf4;
	}
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
	unsigned int want = lapic ? KVM_EXIT_IO : KVM_EXIT_HLT;
	if (run->exit_reason != want) {
		fprintf(stderr, "kvm-floor: first exit was reason %u, not %u\n", run->exit_reason,
			want);
		return 1;
	}
	/* Exiting closes the fds, which destroys the VM. */
	return 0;
}
