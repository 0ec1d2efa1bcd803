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
 *
 * This file makes the template (boots it with mv_run in a child, then
 * finds its pages and seals it); capture.c is what that boot does at the
 * snapshot point, restore.c what a new VM does with the template.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "snapshot.h"

#define DEFAULT_TEMPLATE_TIMEOUT_S 10.0

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
	/* The template boots straight through: a gate is for its instances. */
	c.gate_ready_fd = c.gate_fd = -1;

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
