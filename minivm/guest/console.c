/*
 * console.c - file descriptors 0, 1 and 2: the VMM's own stdin, stdout
 * and stderr, reached by hypercall. There is no other file.
 *
 * Each hypercall is one VM exit (about 12 us on a PVM host, see
 * docs/kvm-flavours.md), so writev gathers its
 * pieces into one buffer and makes one exit per call, not one per iovec:
 * musl's stdio writes a line as two iovecs.
 */
#include "kernel.h"

#define TIOCGWINSZ 0x5413
#define UIO_MAXIOV 1024

/* Which of fds 0, 1, 2 are still open (bit n = fd n): close() clears one. */
static unsigned open_fds = 7;

static int fd_open(int fd)
{
	return fd >= 0 && fd <= 2 && (open_fds & (1U << fd));
}

struct iovec {
	uint64_t base;
	uint64_t len;
};

/* Linux: read from the file. We: fd 0 only, straight into the caller's
 * buffer (the VMM checks the range against guest memory). */
long sys_read(int fd, void *buf, size_t len)
{
	if (fd != 0 || !fd_open(fd))
		return -EBADF;
	if (len == 0)
		return 0;
	if (!user_ok((uint64_t)buf, len))
		return -EFAULT;
	return host_read(buf, len);
}

/* Linux: write to the file. We: fds 1 and 2, straight from the caller. */
long sys_write(int fd, const void *buf, size_t len)
{
	if ((fd != 1 && fd != 2) || !fd_open(fd))
		return -EBADF;
	if (len == 0)
		return 0;
	if (!user_ok((uint64_t)buf, len))
		return -EFAULT;
	return host_write(fd, buf, len);
}

/* Check an iovec array; return the total length or -errno. */
static long iov_total(uint64_t iov, int iovcnt)
{
	const struct iovec *v = (const struct iovec *)iov;
	uint64_t total = 0;

	if (iovcnt < 0 || iovcnt > UIO_MAXIOV)
		return -EINVAL;
	if (!user_ok(iov, (uint64_t)iovcnt * sizeof(*v)))
		return -EFAULT;
	for (int i = 0; i < iovcnt; i++) {
		if (v[i].len == 0)
			continue;
		if (!user_ok(v[i].base, v[i].len))
			return -EFAULT;
		total += v[i].len;
		if (total > (uint64_t)INT64_MAX)
			return -EINVAL;
	}
	return total;
}

/*
 * Linux: write the pieces in order, as one write. We: copy pieces into the
 * bounce buffer in the hypercall page and flush it when full; a piece too
 * big for the buffer goes out directly. A short write stops the call, as
 * on Linux: the return value says how much went out.
 */
long sys_writev(int fd, uint64_t iov, int iovcnt)
{
	const struct iovec *v = (const struct iovec *)iov;
	long total = iov_total(iov, iovcnt), done = 0, r;
	size_t fill = 0;

	if ((fd != 1 && fd != 2) || !fd_open(fd))
		return -EBADF;
	if (total <= 0)
		return total;
	for (int i = 0; i < iovcnt; i++) {
		if (v[i].len == 0)
			continue;
		if (fill + v[i].len <= HC_BUF_SIZE) {
			memcpy(HC_BUF + fill, (const void *)v[i].base, v[i].len);
			fill += v[i].len;
			continue;
		}
		if (fill) {
			r = host_write(fd, HC_BUF, fill);
			if (r < 0 || (size_t)r < fill)
				return r < 0 ? (done ? done : r) : done + r;
			done += fill;
			fill = 0;
		}
		if (v[i].len > HC_BUF_SIZE) {
			r = host_write(fd, (const void *)v[i].base, v[i].len);
			if (r < 0 || (uint64_t)r < v[i].len)
				return r < 0 ? (done ? done : r) : done + r;
			done += r;
		} else {
			memcpy(HC_BUF, (const void *)v[i].base, v[i].len);
			fill = v[i].len;
		}
	}
	if (fill) {
		r = host_write(fd, HC_BUF, fill);
		if (r < 0)
			return done ? done : r;
		done += r;
	}
	return done;
}

/*
 * Linux: read once, scattering the data over the pieces. We: one read of
 * what fits the bounce buffer, then scatter; if the first piece alone is
 * at least as big as the buffer, read straight into it. Either way one
 * exit, and a short read, as a pipe gives, is a correct answer.
 */
long sys_readv(int fd, uint64_t iov, int iovcnt)
{
	const struct iovec *v = (const struct iovec *)iov;
	long total = iov_total(iov, iovcnt), r;
	size_t want, off = 0;
	int i = 0;

	if (fd != 0 || !fd_open(fd))
		return -EBADF;
	if (total <= 0)
		return total;
	while (v[i].len == 0)
		i++;
	if (v[i].len >= HC_BUF_SIZE)
		return host_read((void *)v[i].base, v[i].len);
	want = (size_t)total < HC_BUF_SIZE ? (size_t)total : HC_BUF_SIZE;
	r = host_read(HC_BUF, want);
	if (r <= 0)
		return r;
	for (; i < iovcnt && off < (size_t)r; i++) {
		size_t n = v[i].len < r - off ? v[i].len : r - off;

		memcpy((void *)v[i].base, HC_BUF + off, n);
		off += n;
	}
	return r;
}

/* Linux: device-specific requests. We: no fd is a terminal, so every
 * request on 0-2 is -ENOTTY (musl asks TIOCGWINSZ to choose stdout's
 * buffering: ENOTTY means "fully buffered", like a pipe). */
long sys_ioctl(int fd, unsigned long req, uint64_t arg)
{
	if (!fd_open(fd))
		return -EBADF;
	return -ENOTTY;
}

/* struct stat as the x86-64 kernel lays it out (144 bytes). */
struct kernel_stat {
	uint64_t dev, ino, nlink;
	uint32_t mode, uid, gid, pad0;
	uint64_t rdev;
	int64_t size, blksize, blocks;
	uint64_t atime, atime_ns, mtime, mtime_ns, ctime, ctime_ns;
	int64_t reserved[3];
};

#define S_IFIFO	      0010000
#define AT_EMPTY_PATH 0x1000

/*
 * Linux: describe an open file. We: fds 0-2 are byte streams to and from
 * the VMM, so they look like pipes (mode S_IFIFO, rw for the owner, a
 * 4 KiB preferred block size); glibc's stdio asks this to size its
 * buffers. Every other fd is not open.
 */
long sys_fstat(int fd, uint64_t buf)
{
	struct kernel_stat *st = (struct kernel_stat *)buf;

	if (!fd_open(fd))
		return -EBADF;
	if (!user_ok(buf, sizeof(*st)))
		return -EFAULT;
	memset(st, 0, sizeof(*st));
	st->ino = fd + 1;
	st->nlink = 1;
	st->mode = S_IFIFO | 0600;
	st->blksize = 4096;
	return 0;
}

/* Linux: stat a path relative to a directory fd, or (AT_EMPTY_PATH with
 * "") the fd itself. We: the latter as fstat; there is no file system, so
 * any path names nothing. */
long sys_newfstatat(int dirfd, uint64_t path, uint64_t buf, int flags)
{
	if (!user_ok(path, 1))
		return -EFAULT;
	if (*(const char *)path == '\0' && (flags & AT_EMPTY_PATH))
		return sys_fstat(dirfd, buf);
	return -ENOENT;
}

/* Linux: release the fd. We: remember that it is closed; the VMM's own fd
 * stays open (other guests' output is not ours to end). */
long sys_close(int fd)
{
	if (!fd_open(fd))
		return -EBADF;
	open_fds &= ~(1U << fd);
	return 0;
}

/* Linux: move the file offset; pipes and terminals have none (ESPIPE). We:
 * fds 0-2 are streams. */
long sys_lseek(int fd, int64_t off, int whence)
{
	return fd_open(fd) ? -ESPIPE : -EBADF;
}
