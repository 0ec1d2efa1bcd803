/*
 * kimage.h - a kernel image file given to minivm: open it, tell a bzImage
 * from a vmlinux ELF, and check it (bzimage.h, vmlinux.h).
 */
#ifndef MINIVM_LINUX_KIMAGE_H
#define MINIVM_LINUX_KIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "bzimage.h"
#include "vmlinux.h"

enum kimage_kind { KIMAGE_BZIMAGE = 1, KIMAGE_VMLINUX = 2 };

struct kimage {
	enum kimage_kind kind;
	const uint8_t *data; /* the file, mapped read-only */
	size_t size;
	struct bzimage bz; /* when kind is KIMAGE_BZIMAGE */
	struct vmlinux vm; /* when kind is KIMAGE_VMLINUX */
};

/* Map the file at path and check it. Returns 0, or -1 with a one-line
 * reason in err ("PATH: why"). */
int kimage_open(const char *path, struct kimage *k, char *err, size_t errlen);

void kimage_close(struct kimage *k);

/* 1 if the file at path looks like a Linux kernel (a bzImage's signatures,
 * or an ELF file with a "Linux" note), else 0 (also when unreadable). */
int kimage_is_linux(const char *path);

#endif
