/*
 * vm.h - what the files of the minivm library share: one VM, the state of
 * its run, and the functions each file (one concept each) offers the others.
 * Not installed: users of the library include minivm.h only.
 */
#ifndef MINIVM_VM_H
#define MINIVM_VM_H

#include <stddef.h>
#include <stdint.h>
#include <linux/kvm.h>

#include "abi.h"
#include "minivm.h"
#include "trace.h"

/* ---- phases.c: start-up stamps, written as "name ns" lines at the end ----
 * One list for both guests: a run writes the stamps it reached, in this
 * order. minivm's own guest reaches first_syscall; a Linux guest
 * first_output, init_started and ready instead. */
enum mv_phase {
	MV_PHASE_START,
	MV_PHASE_KVM_OPENED,
	MV_PHASE_VM_CREATED,
	MV_PHASE_MEMORY_MAPPED,
	MV_PHASE_VCPU_READY,
	MV_PHASE_RESUMED, /* a gated VM (gate.c): the go byte read */
	MV_PHASE_GUEST_ENTERED,
	MV_PHASE_FIRST_SYSCALL, /* own guest: the program's first system call */
	MV_PHASE_FIRST_OUTPUT,	/* Linux: the first byte out of the UART */
	MV_PHASE_INIT_STARTED,	/* Linux: /init's boot port (initports.h) */
	MV_PHASE_READY,		/* Linux: a line starting "READY" on the console */
	MV_PHASE_PROGRAM_EXIT,
	MV_PHASE_VM_DESTROYED,
	MV_PHASE_COUNT
};

struct mv_phases {
	uint64_t ns[MV_PHASE_COUNT]; /* 0: not reached */
};

void mv_phase_stamp(struct mv_phases *p, enum mv_phase id);
/* Format the stamps reached as "name ns\n" lines; returns the length.
 * Once `resumed` is stamped, the stamps before it are left out (gate.c
 * says why). No stdio and no allocation: async-signal-safe, like the
 * stamp itself. */
size_t mv_phases_format(const struct mv_phases *p, char *buf, size_t size);
int mv_phases_write(const struct mv_phases *p, int fd);

/* The clock pair the VMM handed the guest (bootinfo.c): guest TSC `tsc`
 * read at host CLOCK_MONOTONIC `mono_ns`, the TSC running at `khz`. */
struct mv_tsc_clock {
	uint64_t tsc, khz, mono_ns;
};
/* A guest TSC reading as host CLOCK_MONOTONIC ns; 0 if the reading is 0 or
 * does not fall inside [from_ns, to_ns] (not reached, or not believable). */
uint64_t mv_phase_from_tsc(const struct mv_tsc_clock *c, uint64_t tsc, uint64_t from_ns,
			   uint64_t to_ns);

/* ---- the VM ---- */
struct mv_vm {
	const struct minivm_config *cfg;
	int kvm_fd;
	int vm_fd;
	int vcpu_fd;
	struct kvm_run *run;
	size_t run_size;
	uint8_t *mem; /* host address of guest physical 0 */
	uint64_t mem_size;
	int out_fd;  /* guest fd 1 */
	int err_fd;  /* guest fd 2 */
	int in_fd;   /* guest fd 0, -1: EOF */
	int diag_fd; /* our own one-line diagnostics, -1: none */
	struct mv_phases phases;
	int exit_status;	 /* the program's status once it has exited */
	int program_exited;	 /* 1 once it has: the run's status is exit_status */
	int crash_reason;	 /* KVM exit reason of a crash, -1 if none */
	int has_xsave;		 /* the vCPU offers XSAVE: CR4.OSXSAVE may be set */
	uint32_t hwcap;		 /* CPUID.1:EDX of the vCPU, for AT_HWCAP */
	uint64_t xcr0_supported; /* CPUID.(0xd,0):EAX: the XCR0 bits the vCPU may set */
	struct mv_trace *trace;	 /* --trace (trace.h); NULL: off */
	struct minivm_template *template_boot; /* booting a template (snapshot.c), else NULL */
	struct mv_tsc_clock clock;	       /* what the boot information's clock says */
	int lapic;			       /* the vCPU has an in-kernel LAPIC (kvm.c) */
};

/* ---- diag.c: one diagnostic line "minivm: ...\n" on vm->diag_fd (printf format) ---- */
void mv_diag(const struct mv_vm *vm, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- gate.c: a VM built ahead, paused before its first KVM_RUN ---- */
/* No gate (cfg->gate_fd < 0): 0 at once. Else say "paused" on
 * cfg->gate_ready_fd and wait for the go byte on cfg->gate_fd: 0 and
 * `resumed` stamped; MINIVM_EXIT_GATE_CLOSED on EOF; MINIVM_EXIT_SIGNAL
 * or _TIMEOUT when stopped while waiting; MINIVM_EXIT_ERROR when a call
 * fails (after a diagnostic). */
int mv_gate_pass(struct mv_vm *vm);

/* ---- boot.c: the steps of every boot, in order ---- */
struct mv_boot_steps {
	int (*devices)(struct mv_vm *vm, void *ctx); /* after KVM_CREATE_VM; NULL: none */
	int (*memory)(struct mv_vm *vm, void *ctx);  /* NULL: mv_memory_create(vm->mem_size) */
	int (*vcpu)(struct mv_vm *vm, void *ctx);    /* the vCPU, ready to enter */
	int (*run)(struct mv_vm *vm, void *ctx);     /* NULL: mv_run_loop (minivm's guest) */
	void *ctx;
};
/* Open KVM, build the VM with these steps, run it: the run's status, or
 * the first step's error. Teardown is the caller's. */
int mv_boot_and_run(struct mv_vm *vm, const struct mv_boot_steps *s);

/* ---- runstate.c ---- */
/* The VM of one run of cfg before anything is opened: fds -1, the guest's
 * I/O and our diagnostics as cfg says, cfg->stats reset, "start" stamped. */
void mv_vm_init(struct mv_vm *vm, const struct minivm_config *cfg);
/* The end of every run, whatever step it stopped at: cfg->stats filled,
 * KVM fds closed, guest memory unmapped, "vm_destroyed" stamped (if KVM
 * was opened), the trace closed, the phases written. */
void mv_vm_finish(struct mv_vm *vm);

/* ---- kvm.c ---- */
const char *mv_kvm_path(const struct minivm_config *cfg);
int mv_kvm_open(struct mv_vm *vm, const char *path); /* 0 or an enum minivm_status */
int mv_kvm_create_vm(struct mv_vm *vm);
void mv_kvm_split_irqchip(struct mv_vm *vm); /* before the vCPU; sets vm->lapic */
int mv_kvm_create_vcpu(struct mv_vm *vm);
void mv_kvm_close(struct mv_vm *vm);

/* ---- memory.c ---- */
int mv_memory_create(struct mv_vm *vm, uint64_t size);
/* Hand vm->mem (vm->mem_size bytes) to KVM as memory slot 0 at guest
 * physical 0: the cold start's memory (mv_memory_create), a template's
 * memfd (capture.c), a snapshot's copy-on-write view of it (restore.c).
 * 0, or MINIVM_EXIT_ERROR after a diagnostic. */
int mv_memory_slot(struct mv_vm *vm);
void mv_memory_destroy(struct mv_vm *vm);
/* Guest memory the host has backed (touched) so far, in KiB. */
size_t mv_memory_touched_kib(const struct mv_vm *vm);

/* ---- gpa.c ---- */
/* Is [gpa, gpa + len) inside guest memory? Safe against overflow. */
int mv_gpa_ok(uint64_t mem_size, uint64_t gpa, uint64_t len);
/* Host pointer to guest range [gpa, gpa + len), or NULL if any of it is outside. */
void *mv_gpa_ptr(uint8_t *mem, uint64_t mem_size, uint64_t gpa, uint64_t len);

/* ---- cpuid.c ---- */
int mv_cpuid_setup(struct mv_vm *vm);
/* What KVM_GET_SUPPORTED_CPUID offers a guest (minivm info, the tests
 * compare the guest with this, never with the host's /proc/cpuinfo). */
struct mv_cpuid_offer {
	uint32_t leaf1_ecx; /* CPUID.1:ECX (XSAVE bit 26, AVX bit 28) */
	uint32_t leafd_eax; /* CPUID.(0xd,0):EAX: the XCR0 bits a guest may set */
	int avx;	    /* a guest program can use AVX */
};
int mv_cpuid_offer(int kvm_fd, struct mv_cpuid_offer *out);
int mv_cpuid_avx_offered(uint32_t leaf1_ecx, uint32_t leafd_eax);

/* ---- pagetable.c: pure functions on a guest memory image ---- */
/* Build the identity map of [0, mem_size) in [MINIVM_PT_ADDR, MINIVM_PT_END):
 * page 0 and the page at guard_gpa not present. Returns 0 and the CR3 value,
 * or -1 with *why set. */
int mv_pagetable_build(uint8_t *mem, uint64_t mem_size, uint64_t guard_gpa, uint64_t *cr3,
		       const char **why);
/* The same map with its tables in [pt_addr, pt_end) of mem; guard_gpa 0:
 * no guard page (only page 0 absent). The Linux boot's tables (../linux/). */
int mv_pagetable_build_at(uint8_t *mem, uint64_t mem_size, uint64_t pt_addr, uint64_t pt_end,
			  uint64_t guard_gpa, uint64_t *cr3, const char **why);
/* Translate va as the CPU would with these tables: 0 and *pa, or -1 if not present. */
int mv_pagetable_walk(const uint8_t *mem, uint64_t mem_size, uint64_t cr3, uint64_t va,
		      uint64_t *pa);

/* ---- longmode.c: the vCPU in 64-bit mode, at ring 0 (h NULL) with a
 * flat GDT of ours or, for the fast entry, at ring 3 with the kernel's own
 * tables (h; gdt unused) ---- */
struct mv_flat_gdt {
	uint64_t addr;	   /* guest-physical address of the GDT */
	uint16_t code_sel; /* selector of the 64-bit code segment (CS) */
	uint16_t data_sel; /* selector of the data segment (DS, ES, FS, GS, SS) */
};
extern const struct mv_flat_gdt mv_guest_gdt; /* minivm's own guest (abi.h) */
int mv_longmode_setup(struct mv_vm *vm, uint64_t cr3, const struct mv_flat_gdt *gdt,
		      const struct minivm_kernel_header *h);
/* The ring-0 state alone, without KVM: write the GDT into mem, set the
 * segment, table and control registers in *sregs (the unit tests call it). */
void mv_longmode_sregs(struct kvm_sregs *sregs, uint8_t *mem, const struct mv_flat_gdt *gdt,
		       uint64_t cr3, int xsave);
/* The segment and table registers of the fast entry, for this KVM flavour
 * (mv_flavour()); everything else in *sregs is left as it was. */
void mv_ring3_sregs(struct kvm_sregs *sregs, const struct minivm_kernel_header *h,
		    const char *flavour);
int mv_regs_setup(struct mv_vm *vm, uint64_t rip, int ring3);

/* ---- elf.c: pure functions on an ELF image in host memory ---- */
enum mv_elf_kind {
	MV_ELF_KERNEL,	/* ET_EXEC inside [MINIVM_KERNEL_ADDR, MINIVM_PROGRAM_ADDR) */
	MV_ELF_PROGRAM, /* static ET_EXEC or ET_DYN (loaded at MINIVM_PROGRAM_ADDR) */
};
#define MV_ELF_MAX_SEGMENTS 16
struct mv_segment {
	uint64_t gpa;	 /* where it goes, relocated */
	uint64_t offset; /* in the file */
	uint64_t filesz;
	uint64_t memsz;
	uint32_t flags; /* PF_R/W/X */
};
struct mv_elf {
	uint64_t bias;	/* added to every p_vaddr: 0 for ET_EXEC */
	uint64_t entry; /* relocated */
	uint64_t phdr;	/* guest address of the program headers, 0 if not loaded */
	uint64_t phent, phnum;
	uint64_t end; /* first byte after the highest segment */
	int nseg;
	struct mv_segment seg[MV_ELF_MAX_SEGMENTS];
};
/* Check an ELF file against the memory window its kind may use; the
 * program's window is [MINIVM_PROGRAM_ADDR, limit). 0, or -1 with *why. */
int mv_elf_parse(const void *file, size_t size, enum mv_elf_kind kind, uint64_t limit,
		 struct mv_elf *out, const char **why);
/* Copy the parsed segments into guest memory (the rest is already zero). */
int mv_elf_load(uint8_t *mem, uint64_t mem_size, const void *file, size_t size,
		const struct mv_elf *elf);
/* Write the zeros of the segments' .bss parts (memsz past filesz): they
 * read zero anyway; written, the host has them before the guest's first
 * touch. Only for an image known to be small (the guest kernel). */
void mv_elf_touch_bss(uint8_t *mem, uint64_t mem_size, const struct mv_elf *elf);

/* ---- stack.c ---- */
struct mv_stack_args {
	int argc;
	char *const *argv;
	char *const *envp; /* NULL: empty */
	const char *execfn;
	uint64_t phdr, phent, phnum, entry;
	uint64_t hwcap;
	uint8_t random[16];
};
/* Lay out argc/argv/envp/auxv at the top of guest memory, as Linux does,
 * staying above stack_low. 0 and *sp, or -1 with *why. */
int mv_stack_build(uint8_t *mem, uint64_t mem_size, uint64_t stack_low,
		   const struct mv_stack_args *a, uint64_t *sp, const char **why);
/* The stack of this VM's run (a cold start, vm.c, and a start from a
 * snapshot, restore.c): the program's part of *A (execfn and the auxv
 * fields) set by the caller, argc, argv and envp from vm->cfg, 16 fresh
 * AT_RANDOM bytes; built above GUARD's page. 0 and *sp, or
 * MINIVM_EXIT_ERROR after a diagnostic. */
int mv_stack_for_run(struct mv_vm *vm, struct mv_stack_args *a, uint64_t guard, uint64_t *sp);

/* ---- fastentry.c: the optional ring-3 entry of abi.h ---- */
/* 1: a valid header, copied to *h; 0: none (enter at ring 0); -1: a header
 * with values outside guest memory or the kernel, *why says which. */
int mv_kernel_header(const uint8_t *mem, uint64_t mem_size, const struct mv_elf *kernel,
		     struct minivm_kernel_header *h, const char **why);
int mv_fastentry_msrs(struct mv_vm *vm, const struct minivm_kernel_header *h);
void mv_fastentry_xcr0(struct mv_vm *vm);
/* The TSS descriptor type TR gets at the fast entry on this flavour. */
uint8_t mv_fastentry_tr_type(const char *flavour);

/* ---- bootinfo.c ---- */
int mv_bootinfo_write(struct mv_vm *vm, const struct mv_elf *prog, uint64_t sp, uint64_t guard);
/* The clock fields of *bi (tsc_khz, tsc, mono_ns, real_ns), read now from
 * this vCPU and the host: also what a VM started from a snapshot renews. */
int mv_bootinfo_clock(struct mv_vm *vm, struct minivm_bootinfo *bi);
/* After a run of minivm's own guest: the phases it stamped in its boot
 * information (abi.h) into vm->phases, unless they are there already. */
void mv_bootinfo_phases(struct mv_vm *vm);

/* ---- hypercall.c ---- */
enum mv_hc_result {
	MV_HC_CONTINUE, /* resume the guest */
	MV_HC_EXIT,	/* the program exited: vm->exit_status */
	MV_HC_CRASH,	/* bad hypercall or guest panic: message written */
	MV_HC_SNAPSHOT, /* a template reached the snapshot point (capture.c) */
};
enum mv_hc_result mv_hypercall(struct mv_vm *vm, uint16_t port, uint64_t arg_gpa);

/* ---- signals.c: --timeout and SIGTERM/SIGINT ---- */
enum mv_stop {
	MV_STOP_NONE,
	MV_STOP_TIMEOUT,
	MV_STOP_SIGNAL,
};
/* Install the handlers (and arm the timeout) before the VM is built, so
 * that a stop request during set-up is honoured too. */
int mv_signals_start(struct mv_vm *vm, double timeout_s);
void mv_signals_attach(struct kvm_run *run);
void mv_signals_stop(void);
enum mv_stop mv_stop_requested(void);
/* Wait until fd (-1: none) is ready for `events` (poll(2) bits) or ns
 * nanoseconds have passed (MV_WAIT_FOREVER: no limit), unless a stop
 * signal came or comes first, even one that came just before the call.
 * 0: ready or time up; -EINTR: stop requested; -errno: the wait failed. */
#define MV_WAIT_FOREVER UINT64_MAX
int mv_wait_unless_stopped(int fd, short events, uint64_t ns);

/* ---- exits.c: the vCPU run loop ---- */
/* What a guest does with its exits. on_exit is called after each KVM_RUN
 * that returned: MV_RUN_AGAIN to enter the guest again, or the status the
 * run ends with. on_stop is called when --timeout or a signal asks the run
 * to stop, and returns the status. */
#define MV_RUN_AGAIN (-1)
struct mv_exit_handler {
	int (*on_exit)(struct mv_vm *vm, void *ctx);
	int (*on_stop)(struct mv_vm *vm, void *ctx);
	void *ctx;
};
int mv_run_vcpu(struct mv_vm *vm, const struct mv_exit_handler *h);
/* minivm's own guest: hypercalls go on, any other exit is a crash. */
int mv_run_loop(struct mv_vm *vm); /* program status, enum minivm_status or: */
#define MV_RUN_AT_SNAPSHOT 1000	   /* a template stopped at its snapshot point */
/* The vCPU's registers as one line of "name=0x..." words, for a crash or
 * timeout report. 0, or -1 with the failed ioctl and errno in buf. */
#define MV_REGS_TEXT_MAX 768
int mv_regs_describe(const struct mv_vm *vm, char *buf, size_t size);

/* ---- vm.c ---- */
/* minivm_run(), or with template_boot the boot of a snapshot template:
 * guest memory from mv_template_memory(), and at the snapshot point
 * mv_template_capture() instead of running the program. */
int mv_run(const struct minivm_config *cfg, struct minivm_template *template_boot);

/* ---- capture.c: a template's memory and its capture ---- */
int mv_template_memory(struct mv_vm *vm);
int mv_template_capture(struct mv_vm *vm, const struct mv_elf *prog);

/* ---- hostinfo.c ---- */
const char *mv_flavour(char *reason, size_t reason_size);

/* ---- guest_image.S: the guest kernel built into the library ---- */
extern const unsigned char minivm_guest_kernel[];
extern const uint64_t minivm_guest_kernel_size;

#endif
