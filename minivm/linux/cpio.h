/*
 * cpio.h - write a cpio archive in the "newc" format, the one the Linux
 * kernel unpacks as its initramfs (Documentation/driver-api/early-userspace/
 * buffer-format.rst in the kernel tree).
 *
 * Each member is a 110-byte ASCII header ("070701" and thirteen 8-digit
 * hexadecimal fields), the NUL-terminated name padded to a multiple of 4
 * bytes, then the data padded to a multiple of 4 bytes. A member named
 * "TRAILER!!!" ends the archive. Names carry no leading slash: the kernel
 * unpacks them relative to the root of its rootfs.
 */
#ifndef MINIVM_LINUX_CPIO_H
#define MINIVM_LINUX_CPIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct cpio_writer {
	int fd;		 /* where the archive goes */
	uint32_t ino;	 /* next inode number: each member gets its own */
	uint64_t offset; /* bytes written so far */
};

void cpio_init(struct cpio_writer *w, int fd);

/* Each returns 0, or -1 with errno set (a write failed, or EINVAL for a
 * name that is empty or starts with '/'). mode holds the permission bits;
 * the file type bits are added by each function. */
int cpio_add_dir(struct cpio_writer *w, const char *name, mode_t perm);
int cpio_add_file(struct cpio_writer *w, const char *name, mode_t perm, const void *data,
		  size_t size);
int cpio_add_symlink(struct cpio_writer *w, const char *name, const char *target);
int cpio_add_chardev(struct cpio_writer *w, const char *name, mode_t perm, unsigned major,
		     unsigned minor);

/* Add the host file at path (a regular file, copied in chunks) as name. */
int cpio_add_host_file(struct cpio_writer *w, const char *name, const char *path);

/* Write the trailer and pad the archive to a multiple of 512 bytes (the
 * block size cpio(1) uses; the kernel does not need it). */
int cpio_finish(struct cpio_writer *w);

#endif
