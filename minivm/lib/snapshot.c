/*
 * snapshot.c - a template for warm starts: one VM booted up to the point
 * just before its program's first instruction, kept as memory (a memfd)
 * plus the vCPU's registers (snapshot.h says which and why).
 *
 * The snapshot point: the guest kernel has done all of its set-up (GDT,
 * IDT, TSS, SYSCALL MSRs, brk and mmap areas) and is about to jump to the
 * program's entry (guest/main.c, MINIVM_PHASE_SNAPSHOT). No instruction of
 * the program has run, so nothing of it (its libc start-up, its READY)
 * is saved: a VM started from the template runs all of the program.
 *
 * Why a memfd: the template VM's memory is a MAP_SHARED mapping of it, so
 * what the guest writes lands in the file. Each new VM maps the file
 * MAP_PRIVATE: it reads the template's pages where they are, and the
 * first write to a page copies that page for this VM alone (copy on
 * write). A new VM thus costs only the pages it changes, and no VM sees
 * another's writes. The file is then sealed against writes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "snapshot.h"

#define MSR_IA32_PAT	   0x277
#define MSR_STAR	   0xc0000081
#define MSR_LSTAR	   0xc0000082
#define MSR_SYSCALL_MASK   0xc0000084
#define MSR_KERNEL_GS_BASE 0xc0000102

/* The MSRs the guest's state depends on and that a new vCPU does not
 * already have: SYSCALL's targets (STAR, LSTAR, FMASK, set by the VMM at
 * the fast entry or by the kernel), SWAPGS's other GS base, the memory
 * types of the page tables (PAT). FS_BASE and GS_BASE travel in the
 * segment registers (sregs), EFER in sregs too. The TSC is not copied:
 * a new VM's clock starts from its own reading (restore.c). */
static const uint32_t snap_msrs[MV_SNAP_MSRS] = {
    MSR_STAR, MSR_LSTAR, MSR_SYSCALL_MASK, MSR_KERNEL_GS_BASE, MSR_IA32_PAT,
};

#define DEFAULT_TEMPLATE_TIMEOUT_S 10.0

/* The template VM's memory: a MAP_SHARED mapping of the template's memfd
 * (made by minivm_template_create), so that the guest's writes stay in
 * the file after the VM is gone. */
int mv_template_memory(struct mv_vm *vm)
{
	struct minivm_template *t = vm->template_boot;

	/* A file of mem_size with no page in it yet: only pages written
	 * take memory (shmem allocates on first touch). */
	if (ftruncate(t->memfd, (off_t)vm->mem_size) < 0) {
		mv_diag(vm, "ftruncate of the template memfd: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	void *mem = mmap(NULL, vm->mem_size, PROT_READ | PROT_WRITE, MAP_SHARED, t->memfd, 0);
	if (mem == MAP_FAILED) {
		mv_diag(vm, "mmap of the template memfd: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	vm->mem = mem;
	struct kvm_userspace_memory_region region = {
	    .slot = 0,
	    .guest_phys_addr = 0,
	    .memory_size = vm->mem_size,
	    .userspace_addr = (uint64_t)(uintptr_t)mem,
	};
	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		mv_diag(vm, "KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

/* KVM finishes an OUT (moves RIP past it) only on the next KVM_RUN, not
 * at the exit: saved now, RIP would point at the OUT and every new VM
 * would make the snapshot call again. KVM's documented way to complete
 * the pending I/O without running the guest: KVM_RUN with immediate_exit
 * set, which returns EINTR once the instruction is done. */
static int complete_pending_io(struct mv_vm *vm)
{
	vm->run->immediate_exit = 1;
	int r = ioctl(vm->vcpu_fd, KVM_RUN, 0);
	int err = errno;

	vm->run->immediate_exit = 0;
	if (r == 0 || err != EINTR) {
		mv_diag(vm, "template: KVM_RUN to complete the snapshot call: %s",
			r == 0 ? "the guest ran on" : strerror(err));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

/* Nothing may be pending in the vCPU (an exception or interrupt KVM is
 * about to deliver): KVM keeps that in the kernel too, and a template
 * without it would lose it. With no interrupt source and a completed
 * OUT there is none; check rather than assume. */
static int check_no_events(struct mv_vm *vm)
{
	struct kvm_vcpu_events ev;

	if (ioctl(vm->vcpu_fd, KVM_GET_VCPU_EVENTS, &ev) < 0) {
		mv_diag(vm, "KVM_GET_VCPU_EVENTS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (ev.exception.injected || ev.exception.pending || ev.interrupt.injected ||
	    ev.nmi.injected || ev.nmi.pending) {
		mv_diag(vm, "template: the vCPU has an event pending at the snapshot point");
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

static int save_fpu(struct mv_vm *vm, struct minivm_template *t)
{
	/* The FPU, SSE and AVX registers: at the snapshot point still as a
	 * new vCPU has them (the guest kernel uses general registers only),
	 * but copying them is what makes the new VM exact. */
	t->use_xsave_ioctl = ioctl(vm->kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_XSAVE) > 0;
	if (t->use_xsave_ioctl ? ioctl(vm->vcpu_fd, KVM_GET_XSAVE, &t->xsave) < 0
			       : ioctl(vm->vcpu_fd, KVM_GET_FPU, &t->fpu) < 0) {
		mv_diag(vm, "%s: %s", t->use_xsave_ioctl ? "KVM_GET_XSAVE" : "KVM_GET_FPU",
			strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	t->has_xsave = vm->has_xsave;
	if (t->has_xsave && ioctl(vm->vcpu_fd, KVM_GET_XCRS, &t->xcrs) < 0) {
		mv_diag(vm, "KVM_GET_XCRS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

static int save_vcpu(struct mv_vm *vm, struct minivm_template *t)
{
	if (ioctl(vm->vcpu_fd, KVM_GET_REGS, &t->regs) < 0 ||
	    ioctl(vm->vcpu_fd, KVM_GET_SREGS, &t->sregs) < 0) {
		mv_diag(vm, "KVM_GET_REGS/SREGS: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	memset(&t->msrs, 0, sizeof(t->msrs));
	t->msrs.hdr.nmsrs = MV_SNAP_MSRS;
	for (int i = 0; i < MV_SNAP_MSRS; i++)
		t->msrs.entry[i].index = snap_msrs[i];
	/* KVM_GET_MSRS returns how many it read, stopping at the first it
	 * cannot. */
	int n = ioctl(vm->vcpu_fd, KVM_GET_MSRS, &t->msrs);
	if (n != MV_SNAP_MSRS) {
		mv_diag(vm, "KVM_GET_MSRS: %s",
			n < 0 ? strerror(errno) : "an MSR of the template is not readable");
		return MINIVM_EXIT_ERROR;
	}
	t->cpuid.hdr.nent = MV_SNAP_CPUID;
	if (ioctl(vm->vcpu_fd, KVM_GET_CPUID2, &t->cpuid) < 0) {
		mv_diag(vm, "KVM_GET_CPUID2: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	return save_fpu(vm, t);
}

/* At the snapshot point (vm.c): the vCPU state and what a new VM needs
 * to build its own program stack. Guest memory needs no copy: it is the
 * memfd already. */
int mv_template_capture(struct mv_vm *vm, const struct mv_elf *prog)
{
	struct minivm_template *t = vm->template_boot;
	const struct minivm_bootinfo *bi = (const void *)(vm->mem + MINIVM_BOOTINFO_ADDR);
	int rc;

	if ((rc = complete_pending_io(vm)) || (rc = check_no_events(vm)) || (rc = save_vcpu(vm, t)))
		return rc;
	t->mem_size = vm->mem_size;
	t->prog_sp = bi->prog_sp;
	t->guard = vm->mem_size - MINIVM_STACK_SIZE - MINIVM_PAGE_SIZE;
	/* The guest kernel may have written the boot information (a kernel
	 * given with --kernel is anyone's): a new VM clears the stack from
	 * prog_sp up, so it must lie in the stack area. */
	if (t->prog_sp <= t->guard || t->prog_sp >= t->mem_size) {
		mv_diag(vm, "template: prog_sp 0x%llx is outside the program stack",
			(unsigned long long)t->prog_sp);
		return MINIVM_EXIT_ERROR;
	}
	t->phdr = prog->phdr;
	t->phent = prog->phent;
	t->phnum = prog->phnum;
	t->entry = prog->entry;
	t->hwcap = vm->hwcap;
	return 0;
}

/* Which parts of the file hold pages: the runs the template wrote. A new
 * VM maps only those from the memfd (and anonymous memory elsewhere), so
 * that its first touch of a page the template never wrote does not make
 * the shared file grow: shmem would add a page there, for good. */
static int find_extents(struct minivm_template *t, int diag_fd)
{
	off_t pos = 0, end = (off_t)t->mem_size;

	t->nextents = 0;
	while (pos < end) {
		off_t data = lseek(t->memfd, pos, SEEK_DATA);
		if (data < 0 && errno == ENXIO)
			break; /* no data after pos */
		off_t hole = data < 0 ? -1 : lseek(t->memfd, data, SEEK_HOLE);
		if (data < 0 || hole < 0) {
			dprintf(diag_fd, "minivm: lseek on the template memfd: %s\n",
				strerror(errno));
			return -1;
		}
		if (t->nextents == MV_SNAP_EXTENTS) {
			/* Out of slots: the last run reaches to here; the few
			 * holes inside it are shared by all VMs once touched. */
			t->extent[t->nextents - 1].len =
			    (uint64_t)hole - t->extent[t->nextents - 1].offset;
		} else {
			t->extent[t->nextents].offset = (uint64_t)data;
			t->extent[t->nextents].len = (uint64_t)(hole - data);
			t->nextents++;
		}
		pos = hole;
	}
	return 0;
}

/* Sealed: from now on nothing (no VM, no bug in a caller) can change what
 * the next VM starts from, nor the file's size. F_SEAL_WRITE needs the
 * template VM's shared writable mapping gone: vm.c unmapped it. */
static int seal(struct minivm_template *t, int diag_fd)
{
	if (fcntl(t->memfd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) <
	    0) {
		dprintf(diag_fd, "minivm: sealing the template memfd: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* The template boots in a child process: one VM per process (the
 * library's rule), its signal handlers and timer are the child's, and
 * nothing of it (the CPUID table cpuid.c keeps, say) stays in the caller,
 * whose later cold VMs must pay their own way. The template itself lives
 * in a shared anonymous mapping, so the child's capture lands in it, and
 * the memfd is made before the fork, so the caller has it. */
static int boot_in_child(const struct minivm_config *c, struct minivm_template *t, int diag_fd)
{
	int st;
	pid_t pid = fork();

	if (pid < 0) {
		dprintf(diag_fd, "minivm: template: fork: %s\n", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (pid == 0)
		_exit(mv_run(c, t));
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			dprintf(diag_fd, "minivm: template: waitpid: %s\n", strerror(errno));
			return MINIVM_EXIT_ERROR;
		}
	}
	return WIFEXITED(st) ? WEXITSTATUS(st) : MINIVM_EXIT_ERROR;
}

int minivm_template_create(const struct minivm_config *cfg, struct minivm_template **out)
{
	struct minivm_config c = *cfg;
	int diag_fd = cfg->quiet ? -1 : cfg->stderr_fd;
	struct minivm_template *t =
	    mmap(NULL, sizeof(*t), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	*out = NULL;
	if (t == MAP_FAILED) {
		dprintf(diag_fd, "minivm: template: mmap: %s\n", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	t->memfd = memfd_create("minivm-template", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (t->memfd < 0 || !cfg->program || strlen(cfg->program) >= sizeof(t->program)) {
		dprintf(diag_fd, "minivm: template: %s\n",
			t->memfd < 0 ? strerror(errno) : "no program, or its path is too long");
		if (t->memfd >= 0)
			close(t->memfd);
		munmap(t, sizeof(*t));
		return MINIVM_EXIT_ERROR;
	}
	snprintf(t->program, sizeof(t->program), "%s", cfg->program);
	if (c.timeout_s <= 0)
		c.timeout_s = DEFAULT_TEMPLATE_TIMEOUT_S;
	c.phases_fd = -1;
	c.stats = NULL;

	int rc = boot_in_child(&c, t, diag_fd);
	/* From here on the template is the caller's alone: a private copy, so
	 * that what a forked child changes in it (minivm_template_move_fd)
	 * stays in that child. */
	struct minivm_template *own = malloc(sizeof(*own));
	if (own) {
		memcpy(own, t, sizeof(*own));
	} else {
		close(t->memfd);
		rc = MINIVM_EXIT_ERROR;
	}
	munmap(t, sizeof(*t));
	if (!own)
		return rc;
	t = own;
	if (rc == 0 && t->entry == 0) {
		/* The program ran to its end without a snapshot point: a guest
		 * kernel that does not know MINIVM_BOOT_SNAPSHOT. */
		dprintf(diag_fd, "minivm: template: the guest kernel never reached the snapshot "
				 "point\n");
		rc = MINIVM_EXIT_ERROR;
	}
	if (rc == 0 && (find_extents(t, diag_fd) < 0 || seal(t, diag_fd) < 0))
		rc = MINIVM_EXIT_ERROR;
	if (rc != 0) {
		minivm_template_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

int minivm_template_move_fd(struct minivm_template *t, int fd)
{
	if (fd == t->memfd)
		return 0;
	if (dup3(t->memfd, fd, O_CLOEXEC) < 0)
		return -1;
	close(t->memfd);
	t->memfd = fd;
	return 0;
}

void minivm_template_free(struct minivm_template *t)
{
	if (!t)
		return;
	if (t->memfd >= 0)
		close(t->memfd);
	free(t);
}
