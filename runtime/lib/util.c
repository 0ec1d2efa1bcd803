/*
 * util.c - one-line error messages and the small file reads and writes that
 * cgroups, id maps and /proc need. All of them go through the raw system
 * calls (open/read/write), not stdio: these files are tiny, and a cgroup
 * file reports a refused value only as the error of write(2) itself.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

void mc_err(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	/* Format into one buffer and write it with one call, so that lines of
	 * several containers started at once do not interleave. */
	n = snprintf(line, sizeof(line), "minictr: ");
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, n) < 0) {
		/* nowhere left to report it */
	}
}

void mc_warn(int quiet, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	mc_err("warning: %s", msg);
}

/* Write text to path in one write(2). Returns 0 or -errno. */
int mc_write_file(const char *path, const char *text)
{
	size_t len = strlen(text);
	ssize_t n;
	int fd, saved;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, text, len);
	saved = errno;
	close(fd);
	if (n < 0)
		return -saved;
	if ((size_t)n != len)
		return -EIO;
	return 0;
}

/* Read at most size-1 bytes of path into buf, NUL-terminated. Returns the
 * length or -errno. */
ssize_t mc_read_file(const char *path, char *buf, size_t size)
{
	size_t got = 0;
	int fd, saved;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (got < size - 1) {
		ssize_t n = read(fd, buf + got, size - 1 - got);
		if (n < 0) {
			saved = errno;
			close(fd);
			return -saved;
		}
		if (n == 0)
			break;
		got += n;
	}
	close(fd);
	buf[got] = '\0';
	return got;
}

/* The number in a file that holds one number ("max" reads as UINT64_MAX). */
int mc_read_u64(const char *path, uint64_t *value)
{
	char buf[64];
	char *end;
	ssize_t n;

	n = mc_read_file(path, buf, sizeof(buf));
	if (n < 0)
		return n;
	if (strncmp(buf, "max", 3) == 0) {
		*value = UINT64_MAX;
		return 0;
	}
	errno = 0;
	*value = strtoull(buf, &end, 10);
	if (errno || end == buf)
		return -EINVAL;
	return 0;
}

/* The number after "key " in a file of "key value" lines, such as
 * memory.events or memory.oom_control. */
int mc_read_u64_field(const char *path, const char *key, uint64_t *value)
{
	char buf[4096];
	size_t klen = strlen(key);
	const char *line;
	ssize_t n;

	n = mc_read_file(path, buf, sizeof(buf));
	if (n < 0)
		return n;
	for (line = buf; line && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
		if (strncmp(line, key, klen) == 0 && line[klen] == ' ') {
			*value = strtoull(line + klen + 1, NULL, 10);
			return 0;
		}
	}
	return -ENOENT;
}
