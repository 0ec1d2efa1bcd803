/*
 * vmlinux.c - fuzz target: an uncompressed Linux kernel (ELF) given to
 * `minivm run --kernel`: the "Linux" ELF note search that tells it from
 * minivm's own guest kernel (vmlinux.c, kimage.c), then the loader that
 * copies its segments to their physical addresses. The note walk once
 * stepped past its segment: the regression inputs regress-note-* here.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "kimage.h"

#define MEM_SIZE (64ULL << 20)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *mem;
	struct kimage k;
	uint64_t lo, hi, entry;
	const char *why = NULL;
	uint8_t *file;

	if (!mem && !(mem = calloc(1, MEM_SIZE)))
		abort();
	/* An aligned copy, as mmap gives: the headers are read in place. */
	file = malloc(size ? size : 1);
	if (!file)
		abort();
	memcpy(file, data, size);
	vmlinux_has_linux_note(file, size);
	memset(&k, 0, sizeof(k));
	if (vmlinux_is_elf(file, size) && kimage_parse(file, size, &k, &why) == 0) {
		k.data = file;
		k.size = size;
		if (kimage_load(&k, mem, MEM_SIZE, &lo, &hi, &entry, &why) == 0)
			assert(lo <= entry && entry < hi && hi <= MEM_SIZE);
	}
	free(file);
	return 0;
}
