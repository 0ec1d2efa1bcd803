/*
 * bzimage.c - fuzz target: a Linux bzImage given to `minivm run --kernel`:
 * the setup header parser (minivm/linux/bzimage.c), the loader that copies
 * the kernel to its pref_address (kimage.c, bootparams.c), and the
 * boot_params built from the header. A header near 2^64 once made the
 * load check wrap and the copy land below guest memory: the regression
 * inputs regress-pref-* here are such headers.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "bootparams.h"
#include "kimage.h"
#include "layout.h"

#define MEM_SIZE (64ULL << 20)

static void boot(const struct kimage *k, uint8_t *mem)
{
	static uint8_t zp[BP_SIZE];
	struct linux_boot_spec spec = {
	    .mem_size = MEM_SIZE, .initrd_size = 1 << 20, .cmdline = "console=ttyS0 panic=-1"};
	struct linux_boot_plan plan;
	uint64_t entry;
	const char *why = NULL;

	if (kimage_load(k, mem, MEM_SIZE, &spec.kernel_addr, &spec.kernel_end, &entry, &why)) {
		assert(why != NULL);
		return;
	}
	assert(spec.kernel_addr < spec.kernel_end && spec.kernel_end <= MEM_SIZE);
	assert(entry >= spec.kernel_addr && entry < spec.kernel_end);
	if (bootparams_build(zp, k->kind == KIMAGE_BZIMAGE ? &k->bz : NULL, &spec, &plan, &why))
		return;
	/* The initrd above the kernel, inside memory. */
	assert(plan.initrd_addr >= spec.kernel_end);
	assert(plan.initrd_addr + spec.initrd_size <= MEM_SIZE);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t *mem;
	struct kimage k;
	const char *why = NULL;

	if (!mem && !(mem = calloc(1, MEM_SIZE)))
		abort();
	memset(&k, 0, sizeof(k));
	if (kimage_parse(data, size, &k, &why)) {
		assert(why != NULL);
		return 0;
	}
	k.data = data;
	k.size = size;
	if (k.kind == KIMAGE_BZIMAGE)
		bzimage_payload_format(&k.bz);
	boot(&k, mem);
	return 0;
}
