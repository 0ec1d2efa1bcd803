/*
 * linuxvm.c - one boot of a Linux kernel in a fresh microVM, from start to
 * teardown (linuxvm_run), in the order of its phase stamps:
 *   check the host, the kernel image and the initrd   (no KVM yet: a bad
 *                                                      file fails fast)
 *   open /dev/kvm                          kvm_opened
 *   create the VM, its irqchip and PIT     vm_created
 *   map guest memory                       memory_mapped
 *   vCPU, CPUID, load the kernel and initrd, boot_params, command line,
 *   page tables, long mode, registers      vcpu_ready
 *   run                                    guest_entered, first_output,
 *                                          init_started, ready, program_exit
 *   close everything                       vm_destroyed
 * KVM handles, guest memory, CPUID, the identity map, long mode, the run
 * loop, the phase stamps, the timeout and the teardown come from the minivm
 * library (../lib), as for minivm's own guest; what is Linux's is in this
 * folder: the boot protocol's registers and layout, the loaders, the PC's
 * in-kernel devices and the UART, the /init contract.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bootparams.h"
#include "cmdline.h"
#include "kimage.h"
#include "layout.h"
#include "lvm.h"
#include "write_all.h"

void linuxvm_config_init(struct linuxvm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->phases_fd = -1;
	cfg->stdout_fd = 1;
	cfg->stderr_fd = 2;
}

/* What the UART sends, line by line, to our stdout. A serial console ends
 * its lines with "\r\n"; the host's convention is "\n". */
static void uart_output(void *ctx, const char *buf, size_t len)
{
	struct lvm *L = ctx;
	int failed;

	if (len >= 2 && buf[len - 1] == '\n' && buf[len - 2] == '\r')
		failed = write_all(L->vm.out_fd, buf, len - 2) || write_all(L->vm.out_fd, "\n", 1);
	else
		failed = write_all(L->vm.out_fd, buf, len);
	if (failed)
		mv_diag(&L->vm, "writing the guest's output: %s", strerror(errno));
	if (len >= 5 && memcmp(buf, "READY", 5) == 0)
		mv_phase_stamp(&L->vm.phases, MV_PHASE_READY);
}

/* PVM runs guest kernels built for it (docs/kvm-flavours.md): a stock kernel
 * crawls through its boot in emulation and stops on an instruction KVM
 * cannot emulate. Say so before trying, unless told to try anyway. */
static int check_host(struct lvm *L)
{
	char reason[128] = "";
	const char *flavour = mv_flavour(reason, sizeof(reason));

	if (strcmp(flavour, "pvm") != 0 || L->cfg->force)
		return 0;
	mv_diag(&L->vm, "this host's KVM is PVM (/sys/module/kvm_pvm): a stock Linux kernel "
			"cannot boot here (it needs hardware virtualization, VMX or SVM); "
			"--force tries anyway");
	return MINIVM_EXIT_UNSUPPORTED;
}

/* The command line: the defaults (or --cmdline), console, extra words, and
 * the arguments for /init after "--". */
static int make_cmdline(struct lvm *L, char *buf, size_t size)
{
	const struct linuxvm_config *cfg = L->cfg;
	char extra[LINUX_CMDLINE_MAX];
	size_t len = 0;
	int rc = 0;

	extra[0] = '\0';
	if (cfg->append)
		len += (size_t)snprintf(extra, sizeof(extra), "%s", cfg->append);
	if (cfg->argc > 0 && len < sizeof(extra))
		len += (size_t)snprintf(extra + len, sizeof(extra) - len, "%s--", len ? " " : "");
	for (int i = 0; i < cfg->argc && len < sizeof(extra); i++)
		len += (size_t)snprintf(extra + len, sizeof(extra) - len, " %s", cfg->argv[i]);
	if (len >= sizeof(extra))
		rc = -1;
	else if (cfg->cmdline)
		rc = snprintf(buf, size, "%s%s%s%s", cfg->cmdline,
			      cfg->console ? " console=ttyS0" : "", *extra ? " " : "",
			      extra) >= (int)size;
	else
		rc = linux_cmdline_build(buf, size, cfg->console, extra);
	if (rc)
		mv_diag(&L->vm, "kernel command line too long");
	return rc ? MINIVM_EXIT_ERROR : 0;
}

/* The in-kernel devices of a PC: KVM emulates the PIC and IO-APIC
 * (KVM_CREATE_IRQCHIP) and the PIT timer (KVM_CREATE_PIT2), so their
 * frequent port accesses never leave the kernel. On Intel, KVM also needs
 * guest-physical room for a TSS and an identity-map page (layout.h); the
 * identity map must be placed before the vCPU is created. */
static int machine_setup(struct lvm *L)
{
	struct kvm_pit_config pit = {.flags = 0};
	uint64_t idmap = LINUX_IDMAP_ADDR;

	if (ioctl(L->vm.vm_fd, KVM_SET_TSS_ADDR, (unsigned long)LINUX_TSS_ADDR) < 0) {
		mv_diag(&L->vm, "KVM_SET_TSS_ADDR: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (ioctl(L->vm.vm_fd, KVM_SET_IDENTITY_MAP_ADDR, &idmap) < 0) {
		mv_diag(&L->vm, "KVM_SET_IDENTITY_MAP_ADDR: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (ioctl(L->vm.vm_fd, KVM_CREATE_IRQCHIP, 0) < 0) {
		mv_diag(&L->vm, "KVM_CREATE_IRQCHIP: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (ioctl(L->vm.vm_fd, KVM_CREATE_PIT2, &pit) < 0) {
		mv_diag(&L->vm, "KVM_CREATE_PIT2: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (L->vm.trace)
		mv_trace_step(&L->vm, "KVM_CREATE_IRQCHIP",
			      "and TSS, identity map, PIT2: a PC's "
			      "interrupt controllers and timer");
	return 0;
}

/* Copy the kernel to guest memory; say where it is and where to enter. */
static int load_kernel(struct lvm *L, const struct kimage *k, struct linux_boot_spec *spec,
		       uint64_t *entry)
{
	const char *why = NULL;

	if (kimage_load(k, L->vm.mem, L->vm.mem_size, &spec->kernel_addr, &spec->kernel_end, entry,
			&why)) {
		mv_diag(&L->vm, "%s: %s", L->cfg->kernel, why);
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

/* Read the initrd straight into guest memory at the planned address. */
static int load_initrd(struct lvm *L, int fd, uint64_t addr, uint64_t size)
{
	uint64_t done = 0;

	while (done < size) {
		ssize_t n = pread(fd, L->vm.mem + addr + done, size - done, (off_t)done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			mv_diag(&L->vm, "reading %s: %s", L->cfg->initrd,
				n < 0 ? strerror(errno) : "file shrank");
			return MINIVM_EXIT_ERROR;
		}
		done += (uint64_t)n;
	}
	return 0;
}

/* The CPU state Linux's 64-bit boot protocol asks for ("64-bit boot
 * protocol" in the kernel's Documentation/arch/x86/boot.rst): 64-bit mode
 * with paging on; an identity map of the kernel, the zero page and the
 * command line; a GDT with flat 4 GiB code (__BOOT_CS, selector 0x10) and
 * data (__BOOT_DS, 0x18) segments, CS loaded with the code one and DS, ES,
 * SS with the data one; interrupts off; RSI holding the address of struct
 * boot_params. The long mode itself is the library's (../lib/longmode.c,
 * ../lib/pagetable.c), as for minivm's own guest; only the selectors, the
 * addresses and RSI are Linux's. A bzImage is entered at its load
 * address + 0x200, a vmlinux at its ELF entry. */
static const struct mv_flat_gdt boot_gdt = {
    .addr = LINUX_GDT_ADDR, .code_sel = LINUX_SEL_CODE, .data_sel = LINUX_SEL_DATA};

static int set_registers(struct lvm *L, uint64_t entry)
{
	/* The identity map covers guest memory, rounded up to its 2 MiB pages:
	 * the kernel builds its own tables within its first instructions. */
	uint64_t map_size = (L->vm.mem_size + (2ULL << 20) - 1) & ~((2ULL << 20) - 1);
	const char *why = NULL;
	struct kvm_regs r;
	uint64_t cr3;
	int rc;

	if (mv_pagetable_build_at(L->vm.mem, map_size, LINUX_PT_ADDR, LINUX_PT_END, 0, &cr3, &why) <
	    0) {
		mv_diag(&L->vm, "page tables: %s", why);
		return MINIVM_EXIT_ERROR;
	}
	if (L->vm.trace)
		mv_trace_step(&L->vm, "page tables",
			      "identity map of guest memory, 2 MiB pages, cr3 0x%llx",
			      (unsigned long long)cr3);
	if ((rc = mv_longmode_setup(&L->vm, cr3, &boot_gdt, NULL)))
		return rc;
	memset(&r, 0, sizeof(r));
	r.rip = entry;
	r.rsi = LINUX_ZERO_PAGE_ADDR;
	r.rsp = LINUX_STACK_TOP;
	r.rflags = 0x2; /* bit 1 is reserved and always set; IF clear */
	if (ioctl(L->vm.vcpu_fd, KVM_SET_REGS, &r) < 0) {
		mv_diag(&L->vm, "KVM_SET_REGS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (L->vm.trace)
		mv_trace_step(&L->vm, "KVM_SET_REGS",
			      "the 64-bit boot entry 0x%llx, rsi = boot_params",
			      (unsigned long long)entry);
	return 0;
}

/* Everything between "memory mapped" and "vCPU ready". */
static int build_machine(struct lvm *L, const struct kimage *k, int initrd_fd, uint64_t initrd_size,
			 const char *cmdline)
{
	struct linux_boot_spec spec = {
	    .mem_size = L->vm.mem_size, .initrd_size = initrd_size, .cmdline = cmdline};
	struct linux_boot_plan plan;
	const char *why = NULL;
	uint64_t entry;
	int rc;

	if ((rc = mv_kvm_create_vcpu(&L->vm)) || (rc = mv_cpuid_setup(&L->vm)) ||
	    (rc = load_kernel(L, k, &spec, &entry)))
		return rc;
	if (bootparams_build(L->vm.mem + LINUX_ZERO_PAGE_ADDR,
			     k->kind == KIMAGE_BZIMAGE ? &k->bz : NULL, &spec, &plan, &why)) {
		mv_diag(&L->vm, "%s", why);
		return MINIVM_EXIT_ERROR;
	}
	memcpy(L->vm.mem + plan.cmdline_addr, cmdline, plan.cmdline_len + 1);
	if (L->vm.trace)
		mv_trace_step(&L->vm, "load kernel",
			      "and boot_params (zero page), command line: %s", cmdline);
	if (initrd_size && (rc = load_initrd(L, initrd_fd, plan.initrd_addr, initrd_size)))
		return rc;
	return set_registers(L, entry);
}

/* What the Linux boot's steps need (mv_boot_and_run's ctx). */
struct boot_input {
	struct lvm *L;
	struct kimage *k;
	int initrd_fd;
	uint64_t initrd_size;
	const char *cmdline;
};

static int linux_devices(struct mv_vm *vm, void *ctx)
{
	const struct boot_input *in = ctx;

	return machine_setup(in->L);
}

static int linux_vcpu(struct mv_vm *vm, void *ctx)
{
	const struct boot_input *in = ctx;
	int rc = build_machine(in->L, in->k, in->initrd_fd, in->initrd_size, in->cmdline);

	/* The kernel is in guest memory now: unmap the file, or its pages
	 * (45 MiB for Debian's vmlinux) stay in this process's pss and rss for
	 * the VM's whole life, though nothing reads them again. */
	kimage_close(in->k);
	return rc;
}

/* The kernel's first instruction is ours to stamp: it makes no hypercall. */
static int linux_run(struct mv_vm *vm, void *ctx)
{
	const struct boot_input *in = ctx;

	uart8250_init(&in->L->uart, uart_output, in->L);
	mv_phase_stamp(&vm->phases, MV_PHASE_GUEST_ENTERED);
	return lvm_run_loop(in->L);
}

/* The library's steps of every boot (../lib/boot.c) with Linux's devices,
 * vCPU set-up and exits. */
static int boot_and_run(struct lvm *L, struct kimage *k, int initrd_fd, uint64_t initrd_size,
			const char *cmdline)
{
	struct boot_input in = {
	    .L = L, .k = k, .initrd_fd = initrd_fd, .initrd_size = initrd_size, .cmdline = cmdline};
	const struct mv_boot_steps steps = {
	    .devices = linux_devices, .vcpu = linux_vcpu, .run = linux_run, .ctx = &in};
	int rc = mv_boot_and_run(&L->vm, &steps);

	mv_signals_stop();
	return rc;
}

static int open_initrd(struct lvm *L, int *fd, uint64_t *size)
{
	struct stat st;

	*fd = -1;
	*size = 0;
	if (!L->cfg->initrd)
		return 0;
	*fd = open(L->cfg->initrd, O_RDONLY | O_CLOEXEC);
	if (*fd < 0 || fstat(*fd, &st) < 0) {
		mv_diag(&L->vm, "cannot open %s: %s", L->cfg->initrd, strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0) {
		mv_diag(&L->vm, "%s: not a non-empty file", L->cfg->initrd);
		return MINIVM_EXIT_ERROR;
	}
	*size = (uint64_t)st.st_size;
	return 0;
}

static void init_state(struct lvm *L, const struct linuxvm_config *cfg)
{
	memset(L, 0, sizeof(*L));
	L->cfg = cfg;
	/* The library's view of this run: what its functions read via vm.cfg.
	 * The guest has no stdin: its console is the UART. */
	minivm_config_init(&L->mcfg);
	L->mcfg.kvm_path = cfg->kvm_path;
	L->mcfg.timeout_s = cfg->timeout_s;
	L->mcfg.stdin_fd = -1;
	L->mcfg.stdout_fd = cfg->stdout_fd;
	L->mcfg.stderr_fd = cfg->stderr_fd;
	L->mcfg.quiet = cfg->quiet;
	L->mcfg.stats = cfg->stats;
	L->mcfg.phases_fd = cfg->phases_fd; /* mv_vm_finish writes them */
	/* --trace: minivm's trace (trace.c), with the Linux guest's own
	 * kernel and a line for the first exit of each kind only. */
	L->mcfg.trace = cfg->trace;
	L->mcfg.kernel_path = cfg->kernel;
	mv_vm_init(&L->vm, &L->mcfg);
}

int linuxvm_run(const struct linuxvm_config *cfg)
{
	static char cmdline[LINUX_CMDLINE_MAX];
	struct lvm L;
	struct mv_trace trace;
	struct kimage k = {0};
	char err[512];
	size_t mib = cfg->mem_mib ? cfg->mem_mib : LINUXVM_DEFAULT_MEM_MIB;
	uint64_t initrd_size = 0;
	int initrd_fd = -1, rc;

	init_state(&L, cfg); /* stats: what an early return reports */
	mv_trace_begin(&L.vm, &trace);
	if (L.vm.trace)
		trace.first_only = 1;
	L.vm.mem_size = (uint64_t)mib << 20;
	if ((rc = check_host(&L)))
		return rc;
	if (!cfg->kernel || kimage_open(cfg->kernel, &k, err, sizeof(err))) {
		mv_diag(&L.vm, "%s", cfg->kernel ? err : "no kernel image given");
		return MINIVM_EXIT_NOEXEC;
	}
	if (L.vm.mem_size > LINUX_MEM_MAX) {
		mv_diag(&L.vm, "--mem %zu: a Linux guest gets at most %llu MiB here", mib,
			LINUX_MEM_MAX >> 20);
		rc = MINIVM_EXIT_ERROR;
	} else if ((rc = open_initrd(&L, &initrd_fd, &initrd_size)) == 0 &&
		   (rc = make_cmdline(&L, cmdline, sizeof(cmdline))) == 0) {
		rc = boot_and_run(&L, &k, initrd_fd, initrd_size, cmdline);
	}

	mv_vm_finish(&L.vm);
	if (initrd_fd >= 0)
		close(initrd_fd);
	kimage_close(&k);
	return rc;
}
