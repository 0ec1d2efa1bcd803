/*
 * memory.c - guest physical memory: one anonymous host mapping handed to
 * KVM as memory slot 0 at guest physical address 0 (mv_memory_slot, which
 * the snapshot's capture and restore use too), and how much of it the
 * guest has touched. The checks every guest address must pass before the
 * VMM touches it are gpa.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vm.h"

int mv_memory_create(struct mv_vm *vm, uint64_t size)
{
	/* MAP_NORESERVE and no MAP_POPULATE: the host backs a page only when
	 * the guest (or we) first touch it, so a 32 MiB guest that uses 1 MiB
	 * costs 1 MiB. Each first touch costs a fault (about 9 us on PVM:
	 * docs/kvm-flavours.md), so
	 * the VMM itself writes only the few pages it must. */
	void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (mem == MAP_FAILED) {
		mv_diag(vm, "mmap of %llu MiB guest memory: %s", (unsigned long long)(size >> 20),
			strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	/* No transparent huge pages: on a host whose THP setting is
	 * "always", the first touch of each 2 MiB-aligned range would take a
	 * whole 2 MiB page, and a guest touches three such ranges at least
	 * (boot area, program, stack): 6 MiB for a VM that uses ~100 KiB. */
	if (madvise(mem, size, MADV_NOHUGEPAGE) != 0 && errno != EINVAL) {
		mv_diag(vm, "madvise MADV_NOHUGEPAGE: %s", strerror(errno));
		munmap(mem, size);
		return MINIVM_EXIT_ERROR;
	}
	vm->mem = mem;
	vm->mem_size = size;
	int rc = mv_memory_slot(vm);
	if (rc)
		return rc;
	if (vm->trace)
		mv_trace_step(vm, "KVM_SET_USER_MEMORY_REGION",
			      "slot 0: guest physical 0 = our mmap of %llu MiB",
			      (unsigned long long)(size >> 20));
	return 0;
}

int mv_memory_slot(struct mv_vm *vm)
{
	struct kvm_userspace_memory_region region = {
	    .slot = 0,
	    .flags = 0,
	    .guest_phys_addr = 0,
	    .memory_size = vm->mem_size,
	    .userspace_addr = (uint64_t)(uintptr_t)vm->mem,
	};

	if (ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region) < 0) {
		mv_diag(vm, "KVM_SET_USER_MEMORY_REGION: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

void mv_memory_destroy(struct mv_vm *vm)
{
	if (vm->mem) {
		munmap(vm->mem, vm->mem_size);
		vm->mem = NULL;
	}
}

/* mincore() says which pages of a mapping are resident: for an anonymous
 * private mapping those are exactly the pages touched so far, by the guest
 * or by the VMM. One byte per page; 8 KiB of vector for 32 MiB. */
size_t mv_memory_touched_kib(const struct mv_vm *vm)
{
	size_t pages = vm->mem_size / MINIVM_PAGE_SIZE;
	unsigned char *vec = malloc(pages);
	size_t resident = 0;

	if (!vec)
		return 0;
	if (mincore(vm->mem, vm->mem_size, vec) == 0) {
		for (size_t i = 0; i < pages; i++)
			resident += vec[i] & 1;
	}
	free(vec);
	return resident * (MINIVM_PAGE_SIZE / 1024);
}
