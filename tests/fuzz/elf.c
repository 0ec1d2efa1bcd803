/*
 * elf.c - fuzz target: minivm's own-guest ELF loader (minivm/lib/elf.c)
 * and the fast-entry header it then reads from the loaded kernel
 * (fastentry.c). The file is the user's: `minivm run PROGRAM` and
 * `--kernel PATH` give it. Each input is tried as a kernel and as a
 * program; what parses must load into a guest memory of the real layout
 * without touching a byte outside it (AddressSanitizer watches).
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "vm.h"

#define MEM_SIZE (16ULL << 20)

static void try_kind(const void *file, size_t size, enum mv_elf_kind kind, uint8_t *mem)
{
	/* The program's window ends at the stack guard page, as in vm.c. */
	uint64_t guard = MEM_SIZE - MINIVM_STACK_SIZE - MINIVM_PAGE_SIZE;
	uint64_t lo = kind == MV_ELF_KERNEL ? MINIVM_KERNEL_ADDR : MINIVM_PROGRAM_ADDR;
	uint64_t hi = kind == MV_ELF_KERNEL ? MINIVM_PROGRAM_ADDR : guard;
	struct minivm_kernel_header h;
	struct mv_elf elf;
	const char *why = NULL;

	if (mv_elf_parse(file, size, kind, guard, &elf, &why) < 0) {
		assert(why != NULL);
		return;
	}
	/* What a successful parse promises: each segment inside its window,
	 * and its file bytes inside the file. */
	for (int i = 0; i < elf.nseg; i++) {
		assert(elf.seg[i].gpa >= lo && elf.seg[i].gpa <= hi);
		assert(elf.seg[i].memsz <= hi - elf.seg[i].gpa);
		assert(elf.seg[i].filesz <= elf.seg[i].memsz);
	}
	assert(mv_elf_load(mem, MEM_SIZE, file, size, &elf) == 0);
	if (kind == MV_ELF_KERNEL)
		mv_kernel_header(mem, MEM_SIZE, &elf, &h, &why);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *mem;
	void *file;

	if (!mem && !(mem = calloc(1, MEM_SIZE)))
		abort();
	/* The loader reads the headers in place, as a mapped file is: give
	 * it an aligned copy, as mmap does. */
	file = malloc(size ? size : 1);
	if (!file)
		abort();
	memcpy(file, data, size);
	try_kind(file, size, MV_ELF_KERNEL, mem);
	try_kind(file, size, MV_ELF_PROGRAM, mem);
	free(file);
	return 0;
}
