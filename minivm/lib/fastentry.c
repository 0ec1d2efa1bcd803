/*
 * fastentry.c - the optional ring-3 fast entry (abi.h, struct
 * minivm_kernel_header).
 *
 * On PVM hosts every instruction a guest runs at ring 0 is emulated by KVM
 * (docs/kvm-flavours.md), so the guest kernel runs the program, and its own
 * system-call handler, at ring 3. Its remaining ring-0 work is the CPU
 * set-up: load GDT, TSS and IDT, write the SYSCALL MSRs, IRETQ to ring 3,
 * about 0.25 ms emulated. The VMM can load the same state with two ioctls
 * instead. A kernel that wants this starts its image with a header saying
 * where its tables are; the VMM checks the header against guest memory,
 * then starts the vCPU at ring 3 at the header's entry point. A kernel
 * without the header (or the stand-in test guest) is entered at ring 0 at
 * its ELF entry point.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "vm.h"

#define MSR_STAR    0xc0000081 /* SYSCALL/SYSRET selectors */
#define MSR_LSTAR   0xc0000082 /* SYSCALL entry point in 64-bit mode */
#define MSR_FMASK   0xc0000084 /* RFLAGS bits SYSCALL clears */
#define XCR0_X87    (1ULL << 0)
#define XCR0_SSE    (1ULL << 1)
#define XCR0_AVX    (1ULL << 2)
#define XCR0_AVX512 (7ULL << 5) /* opmask, ZMM_Hi256, Hi16_ZMM: all or none */

#define TSS64_AVAILABLE 9 /* descriptor types of a 64-bit TSS */
#define TSS64_BUSY	11

/* A descriptor table [base, base + limit] inside guest memory. */
static int table_ok(uint64_t mem_size, uint64_t base, uint64_t limit)
{
	return limit <= 0xffff && mv_gpa_ok(mem_size, base, limit + 1);
}

/* A selector of a GDT entry (not the LDT) inside the GDT's limit. */
static int selector_ok(uint64_t sel, uint64_t gdt_limit)
{
	return sel <= 0xffff && !(sel & 4) && (sel & ~7ULL) + 7 <= gdt_limit;
}

static int entry_ok(const struct mv_elf *kernel, uint64_t va)
{
	for (int i = 0; i < kernel->nseg; i++) {
		const struct mv_segment *s = &kernel->seg[i];
		if ((s->flags & 1 /* PF_X */) && va >= s->gpa && va - s->gpa < s->memsz)
			return 1;
	}
	return 0;
}

int mv_kernel_header(const uint8_t *mem, uint64_t mem_size, const struct mv_elf *kernel,
		     struct minivm_kernel_header *h, const char **why)
{
	if (!mv_gpa_ok(mem_size, MINIVM_KERNEL_ADDR, sizeof(*h)))
		return 0;
	memcpy(h, mem + MINIVM_KERNEL_ADDR, sizeof(*h));
	if (h->magic != MINIVM_KHDR_MAGIC)
		return 0;
	*why = "guest kernel header: ";
	if (!entry_ok(kernel, h->user_entry))
		*why = "guest kernel header: user_entry outside the kernel's code";
	else if (!table_ok(mem_size, h->gdt_base, h->gdt_limit) ||
		 !table_ok(mem_size, h->idt_base, h->idt_limit) ||
		 !table_ok(mem_size, h->tss_base, h->tss_limit))
		*why = "guest kernel header: GDT, IDT or TSS outside guest memory";
	else if (!selector_ok(h->tss_selector, h->gdt_limit) ||
		 !selector_ok(h->user_cs, h->gdt_limit) || !selector_ok(h->user_ss, h->gdt_limit) ||
		 (h->user_cs & 3) != 3 || (h->user_ss & 3) != 3)
		*why = "guest kernel header: bad selectors";
	else
		return 1;
	return -1;
}

/*
 * The type in TR's hidden descriptor. The kernel would load TR with LTR,
 * which marks the TSS descriptor busy in the GDT; what stays in TR itself
 * depends on who runs the guest, and each checks it somewhere:
 *   - VMX: VM entry requires a busy TSS, type 11 in 64-bit mode (Intel
 *     SDM vol. 3, 28.3.1.2); with 9, KVM_RUN ends in FAIL_ENTRY, hardware
 *     reason 0x80000021 (invalid guest state), measured under Bochs.
 *   - SVM: VMRUN checks no segment but CS (AMD APM vol. 2, 15.5.1). AMD
 *     CPUs do not expose the busy bit in the TR they save after LTR (KVM's
 *     svm_get_segment sets it when it reports TR). QEMU's SVM emulation
 *     keeps type 9 in TR after LTR and lets ring 3 use the TSS's I/O
 *     permission bitmap only with type 9 (check_io, seg_helper.c): given
 *     11, the kernel's first hypercall, an OUT at ring 3, raises #GP before
 *     the kernel has filled its IDT, and the VM ends in a triple fault.
 *     Type 9 is what the kernel's own LTR leaves there.
 *   - PVM: 11, the state every test here has run with.
 */
uint8_t mv_fastentry_tr_type(const char *flavour)
{
	return strcmp(flavour, "svm") == 0 ? TSS64_AVAILABLE : TSS64_BUSY;
}

/* SYSCALL lands where the kernel says; the kernel would write these at
 * ring 0 itself (three emulated WRMSRs). */
int mv_fastentry_msrs(struct mv_vm *vm, const struct minivm_kernel_header *h)
{
	struct {
		struct kvm_msrs head;
		struct kvm_msr_entry entries[3];
	} msrs;

	memset(&msrs, 0, sizeof(msrs));
	msrs.head.nmsrs = 3;
	msrs.entries[0].index = MSR_STAR;
	msrs.entries[0].data = h->star;
	msrs.entries[1].index = MSR_LSTAR;
	msrs.entries[1].data = h->lstar;
	msrs.entries[2].index = MSR_FMASK;
	msrs.entries[2].data = h->fmask;
	/* KVM_SET_MSRS returns how many it set: it stops at the first refusal. */
	int n = ioctl(vm->vcpu_fd, KVM_SET_MSRS, &msrs);
	if (n != 3) {
		mv_diag(vm, "KVM_SET_MSRS (STAR/LSTAR/FMASK): %s",
			n < 0 ? strerror(errno) : "value refused");
		return MINIVM_EXIT_ERROR;
	}
	if (vm->trace)
		mv_trace_step(vm, "KVM_SET_MSRS", "STAR, LSTAR, FMASK: where SYSCALL lands");
	return 0;
}

/* With CR4.OSXSAVE set, XCR0 decides which register sets (AVX, AVX-512)
 * the program may use; it resets to x87 only, and the kernel, entered at
 * ring 3, cannot run XSETBV. Best effort: without it the program still
 * runs, with SSE only. */
void mv_fastentry_xcr0(struct mv_vm *vm)
{
	struct kvm_xcrs xcrs;
	uint64_t want = XCR0_X87 | XCR0_SSE;

	if (!vm->has_xsave)
		return;
	if (vm->xcr0_supported & XCR0_AVX)
		want |= XCR0_AVX;
	if ((vm->xcr0_supported & XCR0_AVX512) == XCR0_AVX512 && (want & XCR0_AVX))
		want |= XCR0_AVX512;
	memset(&xcrs, 0, sizeof(xcrs));
	xcrs.nr_xcrs = 1;
	xcrs.xcrs[0].xcr = 0;
	xcrs.xcrs[0].value = want;
	if (ioctl(vm->vcpu_fd, KVM_SET_XCRS, &xcrs) < 0)
		mv_diag(vm, "KVM_SET_XCRS: %s (the program gets SSE only)", strerror(errno));
	else if (vm->trace)
		mv_trace_step(vm, "KVM_SET_XCRS", "XCR0 0x%llx: the register sets XSAVE covers",
			      (unsigned long long)want);
}
