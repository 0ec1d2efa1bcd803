/*
 * abi.h - the contract between the minivm VMM (host side) and its guest
 * kernel (minivm/guest/). Both sides include this file; nothing else is
 * shared between them. Explained in docs/guest-vmm-contract.md.
 *
 * The machine the VMM builds:
 *   - one vCPU, already in 64-bit long mode at ring 0 when the guest kernel
 *     gets control (or at ring 3 with the kernel header's fast entry,
 *     below) (the VMM sets CR0/CR4/EFER, the GDT and page tables, as
 *     Solo5's hvt and Firecracker do), so the guest has no real-mode or
 *     protected-mode start-up code;
 *   - guest physical memory [0, mem_size), identity mapped: a guest virtual
 *     address equals its guest physical address. Page 0 is left unmapped so
 *     that a NULL dereference faults. The page below the program's stack is
 *     left unmapped: the stack guard page.
 *   - no devices, no interrupts, no timer. The guest talks to the VMM only
 *     through the hypercalls below.
 *
 * Guest physical memory layout (addresses are guest physical = virtual):
 *
 *   0x000000  unmapped (NULL page)
 *   0x001000  GDT                       (VMM)
 *   0x002000  struct minivm_bootinfo    (VMM fills, guest reads; writes only phase_tsc)
 *   0x003000  hypercall scratch page    (guest; one page: minivm's kernel keeps its
 *             writev/readv bounce buffer here; an argument block may lie
 *             anywhere in guest memory)
 *   0x004000  page tables               (VMM; up to MINIVM_PT_END)
 *   0x080000  guest kernel stack top    (grows down to 0x040000)
 *   0x100000  guest kernel image        (ELF, linked at this address)
 *   0x400000  program image             (static ELF at its own addresses;
 *             a static-PIE program is loaded at 0x400000)
 *   ...       brk heap: from the page after the program's last segment, up
 *   ...       mmap area: grows down from below the stack's guard page
 *   ...       guard page (unmapped)
 *   mem_size  top of the program stack (argv, envp, auxv as Linux lays
 *             them out, built by the VMM)
 */
#ifndef MINIVM_ABI_H
#define MINIVM_ABI_H

#include <stdint.h>

#define MINIVM_GDT_ADDR	     0x1000ULL
#define MINIVM_BOOTINFO_ADDR 0x2000ULL
#define MINIVM_HCARG_ADDR    0x3000ULL
#define MINIVM_PT_ADDR	     0x4000ULL
#define MINIVM_PT_END	     0x40000ULL
#define MINIVM_KSTACK_TOP    0x80000ULL
#define MINIVM_KSTACK_BOTTOM 0x40000ULL
#define MINIVM_KERNEL_ADDR   0x100000ULL
#define MINIVM_PROGRAM_ADDR  0x400000ULL
#define MINIVM_STACK_SIZE    (1024ULL * 1024) /* program stack below mem_size */
#define MINIVM_PAGE_SIZE     4096ULL

/* GDT selectors the VMM installs: a flat 64-bit code and data segment. */
#define MINIVM_SEL_CODE 0x08
#define MINIVM_SEL_DATA 0x10

/* The boot information the VMM writes at MINIVM_BOOTINFO_ADDR before the
 * first KVM_RUN. The guest kernel's entry point receives its address in RDI
 * (the System V first-argument register). */
#define MINIVM_BOOTINFO_MAGIC 0x6d696e69766d3031ULL /* "minivm01" */

/* Start-up phases the guest stamps. minivm's own guest kernel writes the
 * TSC at the first two into minivm_bootinfo.phase_tsc: no exit (an exit to
 * the VMM costs about 60 us on an Intel Xeon PVM host). A guest may also
 * stamp them with the MINIVM_HC_PHASE hypercall, and the VMM then takes
 * CLOCK_MONOTONIC at the exit. MINIVM_PHASE_SNAPSHOT is always the
 * hypercall: a template stops there. */
#define MINIVM_PHASE_GUEST_ENTERED 1 /* first instruction of the guest kernel */
#define MINIVM_PHASE_FIRST_SYSCALL 2 /* the program's first system call */
#define MINIVM_PHASE_SNAPSHOT	   3 /* the snapshot point, only with MINIVM_BOOT_SNAPSHOT */
#define MINIVM_PHASE_STAMPS	   3 /* entries of phase_tsc[]: ids 1 and 2 are used */

struct minivm_bootinfo {
	uint64_t magic;
	uint64_t mem_size;    /* bytes of guest memory */
	uint64_t prog_entry;  /* program's entry point (e_entry, relocated) */
	uint64_t prog_sp;     /* initial RSP: points at argc */
	uint64_t brk_start;   /* first byte after the program image, page aligned */
	uint64_t mmap_top;    /* mmap area grows down from here (the guard page is just above) */
	uint64_t mmap_bottom; /* lowest address the mmap area may reach */
	/* Clock: guest CLOCK_MONOTONIC = mono_ns + (rdtsc() - tsc) * 10^6 / tsc_khz.
	 * The VMM reads the guest TSC (MSR 0x10) and the host clocks back to back,
	 * so the guest's clock runs in the host's CLOCK_MONOTONIC time base. */
	uint64_t tsc_khz;
	uint64_t tsc;
	uint64_t mono_ns;	/* host CLOCK_MONOTONIC at tsc */
	uint64_t real_ns;	/* host CLOCK_REALTIME at tsc */
	char uname_release[64]; /* what uname() reports as release */
	uint64_t flags;		/* MINIVM_BOOT_* below; 0 for an ordinary run */
	/* The one field the guest writes: its TSC at phase MINIVM_PHASE_GUEST_ENTERED
	 * and MINIVM_PHASE_FIRST_SYSCALL (the index is the id; 0: not reached).
	 * The VMM reads them after the run and converts them with the clock
	 * above (its own copy of it), so stamping costs the guest no exit. */
	uint64_t phase_tsc[MINIVM_PHASE_STAMPS];
};

/* Set in bootinfo.flags when the VMM boots a template for snapshots
 * (minivm/lib/snapshot.c): the kernel, its set-up done, stamps the
 * phase MINIVM_PHASE_SNAPSHOT just before it jumps to the program, and
 * after it reads prog_entry and prog_sp again (a VM started from the
 * snapshot gets its own stack and argv there). */
#define MINIVM_BOOT_SNAPSHOT 1ULL

/*
 * Hypercalls: the guest writes (OUT, 32 bits) the guest physical address of
 * an argument block to one of these I/O ports. The CPU leaves the guest (a
 * KVM_EXIT_IO exit), the VMM checks the block's address and every address
 * and length inside it against guest memory, does the work and writes the
 * result into the block, then resumes the guest after the OUT instruction.
 * One exit per hypercall: batch output where you can.
 */
#define MINIVM_HC_BASE	0x500
#define MINIVM_HC_WRITE 0x500 /* struct minivm_hc_rw: write to host fd 1 or 2 */
#define MINIVM_HC_READ	0x501 /* struct minivm_hc_rw: read host fd 0 */
#define MINIVM_HC_EXIT	0x502 /* struct minivm_hc_exit: program exited */
#define MINIVM_HC_PHASE 0x503 /* struct minivm_hc_phase: stamp a start-up phase */
#define MINIVM_HC_SLEEP 0x504 /* struct minivm_hc_sleep: sleep on the host */
#define MINIVM_HC_PANIC 0x505 /* struct minivm_hc_panic: fatal guest error */
#define MINIVM_HC_LAST	0x505

struct minivm_hc_rw {
	uint64_t fd;
	uint64_t buf; /* guest address */
	uint64_t len;
	int64_t ret; /* bytes done, or -errno */
};

struct minivm_hc_exit {
	int64_t status;
};

/* MINIVM_HC_PHASE: one of the MINIVM_PHASE_* ids above. */
struct minivm_hc_phase {
	uint64_t id;
};

struct minivm_hc_sleep {
	uint64_t ns;
	int64_t ret; /* 0, or -EINTR when the VMM is being stopped */
};

/* A fault the guest kernel cannot handle: CPU exception or kernel bug. */
struct minivm_hc_panic {
	uint64_t vector; /* exception vector, or ~0 for a kernel-detected error */
	uint64_t error;	 /* exception error code */
	uint64_t rip, rsp, rflags, cr2;
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	char msg[64];
};

/*
 * Optional fast entry, for PVM hosts (added by the guest kernel; a VMM may
 * ignore it). There, every instruction the guest runs at CPL 0 is emulated
 * (docs/kvm-flavours.md), so the guest kernel does as little as possible
 * at ring 0 and runs the program, and its own system call handler, at
 * ring 3. Its ring-0 set-up (load GDT, TSS and IDT, write STAR/LSTAR/FMASK,
 * IRETQ to ring 3) still costs about 0.25 ms there.
 * A VMM can do that set-up itself, for free: the kernel image begins, at
 * MINIVM_KERNEL_ADDR, with this header. If the magic matches, the VMM may
 * load (KVM_SET_SREGS) GDTR = gdt_base/gdt_limit, IDTR = idt_base/idt_limit,
 * TR = tss_selector with base tss_base, limit tss_limit, type 11 (busy
 * 64-bit TSS), CS = user_cs (flat 64-bit code, DPL 3), SS/DS/ES = user_ss
 * (flat data, DPL 3), and (KVM_SET_MSRS) STAR, LSTAR, FMASK with the values
 * given, then start the vCPU at user_entry with RSP = MINIVM_KSTACK_TOP,
 * RDI = MINIVM_BOOTINFO_ADDR, RFLAGS = 0x202. If it set CR4.OSXSAVE it also
 * sets XCR0 (KVM_SET_XCRS) to what the guest may use. Otherwise the VMM
 * enters the ELF entry point at ring 0 as described above, and the kernel
 * does all of this itself.
 */
#define MINIVM_KHDR_MAGIC 0x3130726468766d6dULL /* "mmvhdr01" */
struct minivm_kernel_header {
	uint64_t magic;
	uint64_t user_entry; /* ring-3 entry point */
	uint64_t gdt_base, gdt_limit;
	uint64_t idt_base, idt_limit;
	uint64_t tss_selector, tss_base, tss_limit;
	uint64_t user_cs, user_ss; /* selectors, RPL 3 included */
	uint64_t star, lstar, fmask;
};

#endif
