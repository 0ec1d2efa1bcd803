/* csv.c - RFC 4180 rows, one write(2) each; see csv.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "csv.h"
#include "write_all.h"

static int needs_quotes(const char *s)
{
	return strpbrk(s, ",\"\r\n") != NULL;
}

long csv_format_row(char *buf, size_t cap, const char *const *fields, int n)
{
	size_t len = 0;

	for (int i = 0; i < n; i++) {
		const char *f = fields[i] ? fields[i] : "";
		int quote = needs_quotes(f);

		/* Room for the worst case of this field: every byte a doubled
		 * quote, two enclosing quotes, a separator and "\n\0". */
		if (len + 2 * strlen(f) + 5 > cap)
			return -1;
		if (i > 0)
			buf[len++] = ',';
		if (quote)
			buf[len++] = '"';
		for (const char *p = f; *p; p++) {
			if (*p == '"')
				buf[len++] = '"';
			buf[len++] = *p;
		}
		if (quote)
			buf[len++] = '"';
	}
	if (len + 2 > cap)
		return -1;
	buf[len++] = '\n';
	buf[len] = '\0';
	return (long)len;
}

static int count_columns(const char *header)
{
	int n = 1;

	for (const char *p = header; *p; p++)
		n += *p == ',';
	return n;
}

int csv_open(struct csv *c, const char *dir, const char *name, const char *header, int atomic)
{
	const char *target;
	size_t hlen = strlen(header);

	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->atomic = atomic;
	c->ncols = count_columns(header);
	if ((size_t)snprintf(c->path, sizeof(c->path), "%s/%s", dir, name) >= sizeof(c->path) ||
	    (size_t)snprintf(c->tmp, sizeof(c->tmp), "%s/%s.tmp", dir, name) >= sizeof(c->tmp)) {
		fprintf(stderr, "bench: path too long: %s/%s\n", dir, name);
		return -1;
	}
	target = atomic ? c->tmp : c->path;
	c->fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (c->fd < 0) {
		fprintf(stderr, "bench: open %s: %s\n", target, strerror(errno));
		return -1;
	}
	if (write_all(c->fd, header, hlen) != 0 || write_all(c->fd, "\n", 1) != 0) {
		fprintf(stderr, "bench: write %s: %s\n", target, strerror(errno));
		close(c->fd);
		c->fd = -1;
		return -1;
	}
	return 0;
}

int csv_row(struct csv *c, const char *const *fields, int n)
{
	char buf[4096];
	long len;

	if (c->fd < 0)
		return -1;
	if (n != c->ncols) {
		fprintf(stderr, "bench: %s: row of %d fields, header has %d\n", c->path, n,
			c->ncols);
		return -1;
	}
	len = csv_format_row(buf, sizeof(buf), fields, n);
	if (len < 0) {
		fprintf(stderr, "bench: %s: row too long\n", c->path);
		return -1;
	}
	if (write_all(c->fd, buf, (size_t)len) != 0) {
		fprintf(stderr, "bench: write %s: %s\n", c->path, strerror(errno));
		return -1;
	}
	return 0;
}

int csv_close(struct csv *c)
{
	int rc = 0;

	if (c->fd < 0)
		return -1;
	/* An atomic file's data on disk before its name: a rename that
	 * reaches the disk first would, after a crash, put an empty file
	 * where the old whole one was. */
	if (c->atomic && fsync(c->fd) != 0) {
		fprintf(stderr, "bench: fsync %s: %s\n", c->tmp, strerror(errno));
		rc = -1;
	}
	if (close(c->fd) != 0) {
		fprintf(stderr, "bench: close %s: %s\n", c->path, strerror(errno));
		rc = -1;
	}
	c->fd = -1;
	if (rc != 0 && c->atomic)
		unlink(c->tmp);
	if (rc == 0 && c->atomic && rename(c->tmp, c->path) != 0) {
		fprintf(stderr, "bench: rename %s: %s\n", c->tmp, strerror(errno));
		rc = -1;
	}
	return rc;
}

void csv_abandon(struct csv *c)
{
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
	if (c->atomic)
		unlink(c->tmp);
}
