/*
 * vm.c - one run of a program in a fresh microVM, from start to teardown
 * (minivm_run), in the order the phase stamps record:
 *   check the program and kernel files          (nothing of KVM yet: a bad
 *                                                file fails fast)
 *   open /dev/kvm                     kvm_opened
 *   create the VM                     vm_created
 *   map guest memory                  memory_mapped
 *   vCPU, CPUID, page tables, long mode, load kernel and program, stack,
 *   boot information, registers       vcpu_ready
 *   run until the program exits       guest_entered, first_syscall (the
 *                                     guest stamps these), program_exit
 *   close everything                  vm_destroyed
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vm.h"

/* 16 MiB: room for a program with ~11 MiB of heap and mmap. The size
 * costs the host even where the guest never touches it: KVM's shadow MMU
 * (PVM, or any host without EPT/NPT) keeps a reverse map of 8 bytes and a
 * write-track count of 2 bytes per 4 KiB guest page, allocated whole when
 * the memory slot is made: 40 KiB for 16 MiB, 80 KiB for 32. */
#define DEFAULT_MEM_MIB 16
#define MIN_MEM_MIB	8
#define MAX_MEM_MIB	(16 * 1024)
#define MAX_FILE_SIZE	(1ULL << 30)

struct mapped_file {
	const void *data;
	size_t size;
	int mapped; /* 1: munmap when done */
};

/* Map a whole file read-only; the ELF checks then read it like memory. */
static int map_file(struct mv_vm *vm, const char *path, struct mapped_file *f)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		mv_diag(vm, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size == 0 ||
	    (unsigned long long)st.st_size > MAX_FILE_SIZE) {
		mv_diag(vm, "%s: not a regular file of a sensible size", path);
		close(fd);
		return -1;
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		mv_diag(vm, "mmap of %s: %s", path, strerror(errno));
		return -1;
	}
	f->data = p;
	f->size = (size_t)st.st_size;
	f->mapped = 1;
	return 0;
}

static void unmap_file(struct mapped_file *f)
{
	if (f->mapped)
		munmap((void *)f->data, f->size);
	f->mapped = 0;
}

static int kernel_image(struct mv_vm *vm, struct mapped_file *f)
{
	if (vm->cfg->kernel_path)
		return map_file(vm, vm->cfg->kernel_path, f);
	f->data = minivm_guest_kernel;
	f->size = (size_t)minivm_guest_kernel_size;
	f->mapped = 0;
	if (f->size == 0) {
		mv_diag(vm, "this minivm was built without a guest kernel "
			    "(minivm/guest/ missing); use --kernel PATH");
		return -1;
	}
	return 0;
}

static int check_config(struct mv_vm *vm, size_t mib)
{
	const struct minivm_config *cfg = vm->cfg;

	if (!cfg->program || cfg->argc < 0 || (cfg->argc > 0 && !cfg->argv)) {
		mv_diag(vm, "no program to run");
		return MINIVM_EXIT_ERROR;
	}
	if (mib < MIN_MEM_MIB || mib > MAX_MEM_MIB) {
		mv_diag(vm, "guest memory must be from %d to %d MiB, not %zu", MIN_MEM_MIB,
			MAX_MEM_MIB, mib);
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

/* Everything between "memory mapped" and "vCPU ready". */
static int build_machine(struct mv_vm *vm, const struct mapped_file *kf,
			 const struct mv_elf *kernel, const struct mapped_file *pf,
			 const struct mv_elf *prog, uint64_t guard)
{
	const struct minivm_config *cfg = vm->cfg;
	struct minivm_kernel_header hdr;
	const char *why = NULL;
	uint64_t cr3, sp;
	int rc;

	if ((rc = mv_kvm_create_vcpu(vm)) || (rc = mv_cpuid_setup(vm)))
		return rc;
	if (mv_pagetable_build(vm->mem, vm->mem_size, guard, &cr3, &why) < 0) {
		mv_diag(vm, "page tables: %s", why);
		return MINIVM_EXIT_ERROR;
	}
	if (vm->trace)
		mv_trace_step(vm, "page tables",
			      "identity map of guest memory, 2 MiB pages, cr3 0x%llx",
			      (unsigned long long)cr3);
	if (mv_elf_load(vm->mem, vm->mem_size, kf->data, kf->size, kernel) < 0 ||
	    mv_elf_load(vm->mem, vm->mem_size, pf->data, pf->size, prog) < 0) {
		mv_diag(vm, "loading the kernel or program failed");
		return MINIVM_EXIT_ERROR;
	}
	/* The kernel's .bss, written now, is in the host's page tables when
	 * the guest first runs: KVM's shadow MMU (PVM) then maps it with the
	 * kernel's other pages on the first fault among them (it prefetches
	 * only pages the host already has), one shadow-paging fault fewer
	 * (first_syscall 110 -> 88 us, Intel Xeon PVM, 2026-12-02). A
	 * program's .bss may be any size: left to fault when used. */
	mv_elf_touch_bss(vm->mem, vm->mem_size, kernel);
	if (vm->trace)
		mv_trace_step(vm, "load ELF", "guest kernel at 0x%llx, program entry 0x%llx",
			      (unsigned long long)kernel->seg[0].gpa,
			      (unsigned long long)prog->entry);
	/* A kernel that offers the ring-3 fast entry gets it (fastentry.c). */
	int fast = mv_kernel_header(vm->mem, vm->mem_size, kernel, &hdr, &why);
	if (fast < 0) {
		mv_diag(vm, "%s", why);
		return MINIVM_EXIT_ERROR;
	}
	if ((rc = mv_longmode_setup(vm, cr3, &mv_guest_gdt, fast ? &hdr : NULL)))
		return rc;
	if (fast) {
		if ((rc = mv_fastentry_msrs(vm, &hdr)))
			return rc;
		mv_fastentry_xcr0(vm);
	}

	struct mv_stack_args sa = {
	    .execfn = cfg->program,
	    .phdr = prog->phdr,
	    .phent = prog->phent,
	    .phnum = prog->phnum,
	    .entry = prog->entry,
	    .hwcap = vm->hwcap,
	};
	if ((rc = mv_stack_for_run(vm, &sa, guard, &sp)))
		return rc;
	if ((rc = mv_bootinfo_write(vm, prog, sp, guard)))
		return rc;
	return mv_regs_setup(vm, fast ? hdr.user_entry : kernel->entry, fast);
}

/* What build_machine needs, for mv_boot_and_run's steps. */
struct boot_files {
	const struct mapped_file *kf, *pf;
	const struct mv_elf *kernel, *prog;
	uint64_t guard;
};

/* The built-in kernel's vCPU gets an in-kernel LAPIC: cheaper to create
 * and destroy, and safe because that kernel never halts (kvm.c). */
static int guest_devices(struct mv_vm *vm, void *ctx)
{
	if (!vm->cfg->kernel_path)
		mv_kvm_split_irqchip(vm);
	return 0;
}

/* A template's memory is its memfd (capture.c). */
static int guest_memory(struct mv_vm *vm, void *ctx)
{
	return vm->template_boot ? mv_template_memory(vm) : mv_memory_create(vm, vm->mem_size);
}

static int guest_vcpu(struct mv_vm *vm, void *ctx)
{
	const struct boot_files *f = ctx;

	return build_machine(vm, f->kf, f->kernel, f->pf, f->prog, f->guard);
}

/* Open KVM, build the VM, run it (boot.c). Teardown is the caller's. */
static int boot_and_run(struct mv_vm *vm, const struct mapped_file *kf, const struct mv_elf *kernel,
			const struct mapped_file *pf, const struct mv_elf *prog, uint64_t guard)
{
	struct boot_files f = {.kf = kf, .pf = pf, .kernel = kernel, .prog = prog, .guard = guard};
	const struct mv_boot_steps steps = {
	    .devices = guest_devices, .memory = guest_memory, .vcpu = guest_vcpu, .ctx = &f};
	int rc = mv_boot_and_run(vm, &steps);

	if (rc == MV_RUN_AT_SNAPSHOT)
		return mv_template_capture(vm, prog);
	return rc;
}

int minivm_run(const struct minivm_config *cfg)
{
	return mv_run(cfg, NULL);
}

int mv_run(const struct minivm_config *cfg, struct minivm_template *template_boot)
{
	struct mv_vm vm;
	struct mapped_file kf = {0}, pf = {0};
	struct mv_elf kernel, prog;
	struct mv_trace trace;
	const char *why = NULL;
	size_t mib = cfg->mem_mib ? cfg->mem_mib : DEFAULT_MEM_MIB;
	int rc;

	mv_vm_init(&vm, cfg);
	vm.template_boot = template_boot;
	mv_trace_begin(&vm, &trace);
	if ((rc = check_config(&vm, mib)))
		return rc;
	/* Rounded up to an even number of MiB: the page tables map memory
	 * in 2 MiB pages. */
	vm.mem_size = (uint64_t)((mib + 1) & ~(size_t)1) << 20;
	/* The program's stack is the top MINIVM_STACK_SIZE of memory; the
	 * page below it stays unmapped. */
	uint64_t guard = vm.mem_size - MINIVM_STACK_SIZE - MINIVM_PAGE_SIZE;

	if (kernel_image(&vm, &kf) < 0) {
		rc = MINIVM_EXIT_ERROR;
	} else if (mv_elf_parse(kf.data, kf.size, MV_ELF_KERNEL, 0, &kernel, &why) < 0) {
		mv_diag(&vm, "guest kernel: %s", why);
		rc = MINIVM_EXIT_ERROR;
	} else if (map_file(&vm, cfg->program, &pf) < 0) {
		rc = MINIVM_EXIT_NOEXEC;
	} else if (mv_elf_parse(pf.data, pf.size, MV_ELF_PROGRAM, guard, &prog, &why) < 0) {
		mv_diag(&vm, "%s: %s", cfg->program, why);
		rc = MINIVM_EXIT_NOEXEC;
	} else {
		if (vm.trace)
			mv_trace_step(&vm, "check files",
				      "guest kernel %s, program %s: both ELF, fit %zu MiB",
				      cfg->kernel_path ? cfg->kernel_path : "(built in)",
				      cfg->program, mib);
		rc = boot_and_run(&vm, &kf, &kernel, &pf, &prog, guard);
		mv_signals_stop(); /* whatever step boot_and_run stopped at */
		mv_bootinfo_phases(&vm);
	}

	mv_vm_finish(&vm);
	unmap_file(&pf);
	unmap_file(&kf);
	return rc;
}

pid_t minivm_spawn(const struct minivm_config *cfg)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(minivm_run(cfg));
	return pid;
}
