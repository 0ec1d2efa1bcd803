/*
 * write_all.h - write a whole buffer to a file descriptor.
 *
 * write(2) may write less than it was given (a pipe with less room than the
 * buffer, a signal arriving after part of it was copied) and may fail with
 * EINTR before writing anything; both are normal, not errors. So every
 * caller that must write all of a buffer loops. This is that loop, once,
 * for minivm, minictr and the harness. It uses nothing but write(2), so a
 * signal handler or a child between fork and exec may call it too.
 */
#ifndef VMBENCH_WRITE_ALL_H
#define VMBENCH_WRITE_ALL_H

#include <errno.h>
#include <stddef.h>
#include <unistd.h>

/* 0 when all len bytes were written; -1 with errno set otherwise (EIO for
 * a write that wrote nothing and reported no error, which would otherwise
 * loop for ever). */
static inline int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

#endif
