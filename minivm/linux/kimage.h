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

/* The check of kimage_open on a file already in memory, buf[0, len): fills
 * k's kind, bz or vm (not data and size). 0, or -1 with *why (one line). */
int kimage_parse(const uint8_t *buf, size_t len, struct kimage *k, const char **why);

/* Copy the checked kernel k into guest memory mem[0, mem_size): a vmlinux's
 * segments at their physical addresses, a bzImage's protected-mode code at
 * its pref_address. Says where the kernel lies, [*kernel_addr, *kernel_end)
 * with its working memory, and where to enter it. 0, or -1 with *why when
 * it does not fit (nothing is written outside mem then). */
int kimage_load(const struct kimage *k, uint8_t *mem, uint64_t mem_size, uint64_t *kernel_addr,
		uint64_t *kernel_end, uint64_t *entry, const char **why);

/* 1 if the file at path looks like a Linux kernel (a bzImage's signatures,
 * or an ELF file with a "Linux" note), else 0 (also when unreadable). */
int kimage_is_linux(const char *path);

#endif
