/*
 * csv_read.c - read a results file back: RFC 4180 as csv.c writes it (a
 * field is quoted only when it holds a comma, a quote or a line break; a
 * quote inside is doubled). See csv.h.
 *
 * The whole file is read into one buffer and split in place: unquoting
 * only ever makes a field shorter, so each field is copied down over the
 * bytes already read and ended with a NUL, and the table keeps pointers
 * into the buffer. The files are small (a few MiB at most).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csv.h"

static char *slurp(const char *path, size_t *len)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		fprintf(stderr, "%s: no such file or unreadable: %s\n", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		fprintf(stderr, "fstat %s: %s\n", path, strerror(errno));
		close(fd);
		return NULL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (buf == NULL) {
		fprintf(stderr, "%s: out of memory\n", path);
		close(fd);
		return NULL;
	}
	while (got < (size_t)st.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			fprintf(stderr, "read %s: %s\n", path, r < 0 ? strerror(errno) : "short");
			free(buf);
			close(fd);
			return NULL;
		}
		got += (size_t)r;
	}
	close(fd);
	buf[got] = '\0';
	*len = got;
	return buf;
}

/* A growing array of field pointers. */
struct fields {
	char **p;
	size_t n, cap;
};

static int push(struct fields *f, char *field)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 256;
		char **p = realloc(f->p, cap * sizeof(*p));

		if (p == NULL)
			return -1;
		f->p = p;
		f->cap = cap;
	}
	f->p[f->n++] = field;
	return 0;
}

/*
 * Split buf[0..len) into fields. *width gets the header's column count;
 * every later row must match it. Empty lines are skipped. Returns 0, or
 * -1 with a message naming the file and line.
 */
static int split_all(const char *path, char *buf, size_t len, struct fields *f, int *width)
{
	size_t in = 0, line = 1;
	int col = 0;

	*width = -1;
	/* "|| col > 0": a file may end right after a comma ("3," with no line
	 * end); one more turn takes the empty last field (buf[len] is the NUL
	 * slurp added), so that the row is checked, not dropped. */
	while (in < len || col > 0) {
		char *out = buf + in, *start = out;
		int quoted = 0, end_of_row;

		if (col == 0 && (buf[in] == '\n' || (buf[in] == '\r' && buf[in + 1] == '\n'))) {
			in += buf[in] == '\r' ? 2 : 1; /* an empty line */
			line++;
			continue;
		}
		if (buf[in] == '"') {
			quoted = 1;
			in++;
		}
		for (;;) {
			char c = in < len ? buf[in] : '\0';

			if (quoted && c == '"' && in + 1 < len && buf[in + 1] == '"') {
				*out++ = '"';
				in += 2;
			} else if (quoted && c == '"') {
				quoted = 0;
				in++;
			} else if (quoted && in >= len) {
				fprintf(stderr, "%s:%zu: a quoted field is never closed\n", path,
					line);
				return -1;
			} else if (quoted) {
				line += c == '\n';
				*out++ = c;
				in++;
			} else if (c == ',' || c == '\n' || c == '\0' ||
				   (c == '\r' && buf[in + 1] == '\n')) {
				break;
			} else {
				*out++ = c;
				in++;
			}
		}
		end_of_row = in >= len || buf[in] != ',';
		in += in < len && buf[in] == '\r' ? 2 : 1;
		*out = '\0';
		if (push(f, start) != 0) {
			fprintf(stderr, "%s: out of memory\n", path);
			return -1;
		}
		col++;
		if (!end_of_row)
			continue;
		if (*width < 0)
			*width = col;
		else if (col != *width) {
			fprintf(stderr, "%s:%zu: %d fields, the header has %d\n", path, line, col,
				*width);
			return -1;
		}
		col = 0;
		line++;
	}
	return *width < 0 ? (fprintf(stderr, "%s: empty file (no header)\n", path), -1) : 0;
}

int csv_read(const char *path, struct csv_table *t)
{
	struct fields f = {0};
	size_t len;
	int width;

	memset(t, 0, sizeof(*t));
	t->text = slurp(path, &len);
	if (t->text == NULL)
		return -1;
	if (split_all(path, t->text, len, &f, &width) != 0) {
		free(f.p);
		free(t->text);
		t->text = NULL;
		return -1;
	}
	t->cell = f.p;
	t->ncols = width;
	t->nrows = (int)(f.n / (size_t)width) - 1;
	return 0;
}

int csv_column(const struct csv_table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cell[i], name) == 0)
			return i;
	return -1;
}

const char *csv_field(const struct csv_table *t, int row, int col)
{
	if (row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return "";
	return t->cell[(size_t)(row + 1) * (size_t)t->ncols + (size_t)col];
}

int csv_require(const struct csv_table *t, const char *file, const char *const *names)
{
	int ok = 1;

	for (; *names; names++)
		if (csv_column(t, *names) < 0) {
			fprintf(stderr, "%s: no column '%s' in the header\n", file, *names);
			ok = 0;
		}
	return ok ? 0 : -1;
}

void csv_table_free(struct csv_table *t)
{
	free(t->cell);
	free(t->text);
	memset(t, 0, sizeof(*t));
}
