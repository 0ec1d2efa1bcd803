/*
 * kimage.c - map a kernel image file and find out what it is.
 *
 * The file is mapped rather than read: a distribution kernel is 10 to 60
 * MiB, and the loader copies only parts of it into guest memory.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bootparams.h"
#include "kimage.h"

static int fail(char *err, size_t errlen, const char *path, const char *what, const char *why)
{
	if (what)
		snprintf(err, errlen, "%s: %s: %s", path, what, why);
	else
		snprintf(err, errlen, "%s: %s", path, why);
	return -1;
}

static int map_file(const char *path, struct kimage *k, char *err, size_t errlen)
{
	struct stat st;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return fail(err, errlen, path, "open", strerror(errno));
	if (fstat(fd, &st) < 0) {
		fail(err, errlen, path, "fstat", strerror(errno));
		close(fd);
		return -1;
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0) {
		close(fd);
		return fail(err, errlen, path, NULL, "not a kernel image (not a non-empty file)");
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd); /* the mapping keeps the file */
	if (p == MAP_FAILED)
		return fail(err, errlen, path, "mmap", strerror(errno));
	k->data = p;
	k->size = (size_t)st.st_size;
	return 0;
}

int kimage_parse(const uint8_t *buf, size_t len, struct kimage *k, const char **why)
{
	memset(&k->bz, 0, sizeof(k->bz));
	memset(&k->vm, 0, sizeof(k->vm));
	if (vmlinux_is_elf(buf, len)) {
		k->kind = KIMAGE_VMLINUX;
		return vmlinux_probe(buf, len, &k->vm, why);
	}
	k->kind = KIMAGE_BZIMAGE;
	return bzimage_parse(buf, len, &k->bz, why);
}

int kimage_open(const char *path, struct kimage *k, char *err, size_t errlen)
{
	const char *why = NULL;

	memset(k, 0, sizeof(*k));
	if (map_file(path, k, err, errlen))
		return -1;
	if (kimage_parse(k->data, k->size, k, &why)) {
		kimage_close(k);
		return fail(err, errlen, path, NULL, why);
	}
	return 0;
}

int kimage_load(const struct kimage *k, uint8_t *mem, uint64_t mem_size, uint64_t *kernel_addr,
		uint64_t *kernel_end, uint64_t *entry, const char **why)
{
	struct vmlinux vm;

	if (k->kind == KIMAGE_VMLINUX) {
		if (vmlinux_load(k->data, k->size, mem, mem_size, &vm, why))
			return -1;
		*kernel_addr = vm.phys_lo;
		*kernel_end = vm.phys_hi;
		*entry = vm.entry;
		return 0;
	}
	/* bootparams_kernel_addr checks [addr, addr + init_size) lies in
	 * guest memory, and bzimage_parse that kernel_size <= init_size. */
	if (bootparams_kernel_addr(&k->bz, mem_size, kernel_addr, why))
		return -1;
	/* Only the protected-mode part: the real-mode setup code is for
	 * loaders that start the kernel in 16-bit mode. */
	memcpy(mem + *kernel_addr, k->bz.kernel, k->bz.kernel_size);
	*kernel_end = *kernel_addr + k->bz.init_size;
	*entry = *kernel_addr + BZ_ENTRY64_OFFSET;
	return 0;
}

void kimage_close(struct kimage *k)
{
	if (k->data)
		munmap((void *)k->data, k->size);
	k->data = NULL;
	k->size = 0;
}

int kimage_is_linux(const char *path)
{
	struct kimage k;
	char err[8];
	int yes;

	memset(&k, 0, sizeof(k));
	if (map_file(path, &k, err, sizeof(err)))
		return 0;
	if (vmlinux_is_elf(k.data, k.size))
		yes = vmlinux_has_linux_note(k.data, k.size);
	else
		yes = k.size > BZ_OFF_HEADER + 4 &&
		      bz_get16(k.data + BZ_OFF_BOOT_FLAG) == BZ_BOOT_FLAG &&
		      bz_get32(k.data + BZ_OFF_HEADER) == BZ_HDRS_MAGIC;
	kimage_close(&k);
	return yes;
}
