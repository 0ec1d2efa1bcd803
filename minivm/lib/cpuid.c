/*
 * cpuid.c - what CPUID tells the guest. A new vCPU answers CPUID with an
 * empty table; KVM_GET_SUPPORTED_CPUID gives the host features KVM can
 * offer, and KVM_SET_CPUID2 makes them the vCPU's. A program's libc reads
 * CPUID at start-up (to pick memcpy variants, for instance), and KVM checks
 * CR4 bits against it: CR4.OSXSAVE is refused unless CPUID offers XSAVE, so
 * this must come before longmode.c sets CR4.
 *
 * KVM_GET_SUPPORTED_CPUID is the slowest step the VMM itself adds to a VM
 * start: KVM runs CPUID for every leaf, and on a host that is itself a VM
 * each CPUID is an exit (about 0.1 ms in all on a 2-core AMD EPYC PVM VM,
 * 2026-11-27; 0.38 ms for 59 leaves at 6.5 us on a 2-core Intel Xeon
 * one, 2026-12-02, the same with a buffer of 59 or 256 entries). Its
 * answer is a property of the host, so minivm_prepare() may fetch it once
 * in a parent process: every child forked afterwards (minivm_spawn, the
 * harness) starts with the table in memory. (A second thread fetching it
 * while the VM is built did not pay on the Intel host: minivm/README.md.)
 *
 * KVM_SET_CPUID2 cost 0.1 ms there whatever the table held, as long as it
 * had leaf 1 (13 us without it), so the whole table is set: a shorter
 * one would save nothing and hide features KVM offers.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vm.h"

#define CPUID1_ECX_XSAVE (1u << 26)
#define CPUID1_ECX_AVX	 (1u << 28)
/* XCR0 bits 1 and 2 (Intel SDM vol. 1, 13.3): SSE and AVX (YMM) state. */
#define XCR0_SSE_AVX 0x6u

/* KVM on x86 reports about 60 entries today. A static table: no malloc on
 * the start-up path, and it survives fork() for minivm_prepare(). */
#define MAX_ENTRIES 256
static struct {
	struct kvm_cpuid2 head;
	struct kvm_cpuid_entry2 entries[MAX_ENTRIES];
} table;
static int table_valid;

static int fetch_table(int kvm_fd)
{
	table.head.nent = MAX_ENTRIES;
	if (ioctl(kvm_fd, KVM_GET_SUPPORTED_CPUID, &table.head) < 0)
		return -1;
	table_valid = 1;
	return 0;
}

int minivm_prepare(const char *kvm_path)
{
	struct minivm_config cfg;

	minivm_config_init(&cfg);
	cfg.kvm_path = kvm_path;
	int fd = open(mv_kvm_path(&cfg), O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fetch_table(fd);
	close(fd);
	return rc;
}

/* Can a program in the guest use AVX? Only if the vCPU's CPUID offers AVX
 * and XSAVE (the guest kernel, or the VMM for the fast entry, enables YMM
 * state in XCR0 only through XSAVE) and leaf 0xD says XCR0 may hold the SSE
 * and AVX state. A host CPU with AVX is not enough: KVM may withhold it
 * (an Intel PVM host offers guests no XSAVE: leaf 1 ECX 0x81202000). */
int mv_cpuid_avx_offered(uint32_t leaf1_ecx, uint32_t leafd_eax)
{
	return (leaf1_ecx & CPUID1_ECX_XSAVE) && (leaf1_ecx & CPUID1_ECX_AVX) &&
	       (leafd_eax & XCR0_SSE_AVX) == XCR0_SSE_AVX;
}

int mv_cpuid_offer(int kvm_fd, struct mv_cpuid_offer *out)
{
	memset(out, 0, sizeof(*out));
	if (!table_valid && fetch_table(kvm_fd) < 0)
		return -1;
	for (unsigned int i = 0; i < table.head.nent; i++) {
		const struct kvm_cpuid_entry2 *e = &table.entries[i];

		if (e->function == 1)
			out->leaf1_ecx = e->ecx;
		if (e->function == 0xd && e->index == 0)
			out->leafd_eax = e->eax;
	}
	out->avx = mv_cpuid_avx_offered(out->leaf1_ecx, out->leafd_eax);
	return 0;
}

int mv_cpuid_setup(struct mv_vm *vm)
{
	struct kvm_cpuid2 *c = &table.head;

	if (!table_valid && fetch_table(vm->kvm_fd) < 0) {
		mv_diag(vm, "KVM_GET_SUPPORTED_CPUID: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	for (unsigned int i = 0; i < c->nent; i++) {
		if (c->entries[i].function == 1) {
			vm->has_xsave = (c->entries[i].ecx & CPUID1_ECX_XSAVE) != 0;
			vm->hwcap = c->entries[i].edx; /* Linux's AT_HWCAP on x86 */
		}
		if (c->entries[i].function == 0xd && c->entries[i].index == 0)
			vm->xcr0_supported = c->entries[i].eax;
	}
	if (ioctl(vm->vcpu_fd, KVM_SET_CPUID2, c) < 0) {
		mv_diag(vm, "KVM_SET_CPUID2: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (vm->trace)
		mv_trace_step(vm, "KVM_SET_CPUID2", "%u CPUID leaves: what KVM supports, as is",
			      c->nent);
	return 0;
}
