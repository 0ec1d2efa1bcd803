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

int kimage_open(const char *path, struct kimage *k, char *err, size_t errlen)
{
	const char *why = NULL;
	int rc;

	memset(k, 0, sizeof(*k));
	if (map_file(path, k, err, errlen))
		return -1;
	if (vmlinux_is_elf(k->data, k->size)) {
		k->kind = KIMAGE_VMLINUX;
		rc = vmlinux_probe(k->data, k->size, &k->vm, &why);
	} else {
		k->kind = KIMAGE_BZIMAGE;
		rc = bzimage_parse(k->data, k->size, &k->bz, &why);
	}
	if (rc) {
		kimage_close(k);
		return fail(err, errlen, path, NULL, why);
	}
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
