/*
 * cpio.c - a newc cpio writer: enough of the format for an initramfs.
 *
 * All members get uid 0, gid 0 and mtime 0: the archive then depends only
 * on the files' contents and modes, so two builds of it compare equal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpio.h"
#include "write_all.h"

#define CPIO_MAGIC    "070701"
#define CPIO_HDR_LEN  110
#define CPIO_TRAILER  "TRAILER!!!"
#define CPIO_NAME_MAX 4096 /* the kernel's PATH_MAX, NUL included */

void cpio_init(struct cpio_writer *w, int fd)
{
	w->fd = fd;
	w->ino = 1; /* 0 is left out: some readers take it as "no inode" */
	w->offset = 0;
}

/* Every byte goes through here, so that w->offset knows where the archive
 * is (newc pads each header and file to 4 bytes of that offset). */
static int emit(struct cpio_writer *w, const void *buf, size_t len)
{
	if (write_all(w->fd, buf, len))
		return -1;
	w->offset += (uint64_t)len;
	return 0;
}

/* Every header and every data block starts on a 4-byte boundary. */
static int pad_to(struct cpio_writer *w, unsigned align)
{
	static const char zeros[512];
	size_t n = (align - w->offset % align) % align;

	return emit(w, zeros, n);
}

struct member {
	const char *name;
	mode_t mode; /* type and permission bits */
	uint64_t size;
	unsigned rmajor, rminor; /* for device nodes */
};

static int write_header(struct cpio_writer *w, const struct member *m)
{
	char hdr[CPIO_HDR_LEN + 1];
	size_t namesize = strlen(m->name) + 1;
	/* Directories count "." and their entry in the parent; the kernel
	 * ignores nlink for everything but hard-link detection. */
	unsigned nlink = S_ISDIR(m->mode) ? 2 : 1;

	if (m->size > 0xffffffffULL) {
		errno = EFBIG; /* newc sizes are 32-bit */
		return -1;
	}
	if (namesize > CPIO_NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(hdr, sizeof(hdr), "%s%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
		 CPIO_MAGIC, w->ino, (unsigned)m->mode, 0U, 0U, nlink, 0U, (unsigned)m->size, 0U,
		 0U, m->rmajor, m->rminor, (unsigned)namesize, 0U);
	w->ino++;
	if (emit(w, hdr, CPIO_HDR_LEN) || emit(w, m->name, namesize))
		return -1;
	return pad_to(w, 4);
}

static int check_name(const char *name)
{
	if (name[0] == '\0' || name[0] == '/') {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

static int add_member(struct cpio_writer *w, const struct member *m, const void *data)
{
	if (check_name(m->name) || write_header(w, m))
		return -1;
	if (m->size && (emit(w, data, m->size) || pad_to(w, 4)))
		return -1;
	return 0;
}

int cpio_add_dir(struct cpio_writer *w, const char *name, mode_t perm)
{
	struct member m = {name, S_IFDIR | (perm & 07777), 0, 0, 0};

	return add_member(w, &m, NULL);
}

int cpio_add_file(struct cpio_writer *w, const char *name, mode_t perm, const void *data,
		  size_t size)
{
	struct member m = {name, S_IFREG | (perm & 07777), size, 0, 0};

	return add_member(w, &m, data);
}

/* A symbolic link's data is its target, without a NUL. */
int cpio_add_symlink(struct cpio_writer *w, const char *name, const char *target)
{
	struct member m = {name, S_IFLNK | 0777, strlen(target), 0, 0};

	return add_member(w, &m, target);
}

int cpio_add_chardev(struct cpio_writer *w, const char *name, mode_t perm, unsigned major,
		     unsigned minor)
{
	struct member m = {name, S_IFCHR | (perm & 07777), 0, major, minor};

	return add_member(w, &m, NULL);
}

static int copy_fd(struct cpio_writer *w, int fd, uint64_t size)
{
	char buf[65536];

	while (size > 0) {
		ssize_t n = read(fd, buf, size < sizeof(buf) ? size : sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO; /* the file shrank while we copied it */
			return -1;
		}
		if (emit(w, buf, (size_t)n))
			return -1;
		size -= (uint64_t)n;
	}
	return 0;
}

static int add_open_file(struct cpio_writer *w, const char *name, int fd)
{
	struct stat st;
	struct member m;

	if (fstat(fd, &st) < 0)
		return -1;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	m = (struct member){name, S_IFREG | (st.st_mode & 07777), (uint64_t)st.st_size, 0, 0};
	if (write_header(w, &m) || copy_fd(w, fd, m.size))
		return -1;
	return pad_to(w, 4);
}

int cpio_add_host_file(struct cpio_writer *w, const char *name, const char *path)
{
	int fd, rc, saved;

	if (check_name(name))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = add_open_file(w, name, fd);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int cpio_finish(struct cpio_writer *w)
{
	struct member m = {CPIO_TRAILER, 0, 0, 0, 0};

	if (write_header(w, &m))
		return -1;
	return pad_to(w, 512);
}
