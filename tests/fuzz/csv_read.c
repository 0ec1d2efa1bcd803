/*
 * csv_read.c - fuzz target: the CSV reader of the report and compare
 * commands (bench/files/csv_read.c), which reads results files that a crash, a
 * full disk, two runs at once or a person may have mangled. The input is
 * the file. What must hold when the reader accepts it: every record of the
 * file is in the table, each with the header's width (csv.h says so), and
 * every cell is a string inside the file's buffer. The record count comes
 * from a separate walk over the bytes with the reader's rules (RFC 4180:
 * a field opening with '"' is quoted, '""' inside is a quote; CR before LF
 * dropped; empty lines skipped; the last record may lack its line end).
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "files/csv.h"

/* Fields in the file's non-empty records, counted as the reader should. */
static size_t count_fields(const uint8_t *p, size_t len)
{
	size_t i = 0, fields = 0;

	while (i < len) {
		if (p[i] == '\n' || (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')) {
			i += p[i] == '\r' ? 2 : 1; /* an empty line */
			continue;
		}
		for (;;) { /* one field */
			int quoted = p[i] == '"';

			fields++;
			for (i += quoted; i < len; i++) {
				if (quoted && p[i] == '"' && i + 1 < len && p[i + 1] == '"')
					i++;
				else if (quoted && p[i] == '"')
					quoted = 0;
				else if (!quoted &&
					 (p[i] == ',' || p[i] == '\n' ||
					  (p[i] == '\r' && i + 1 < len && p[i + 1] == '\n')))
					break;
			}
			if (i >= len || p[i] != ',')
				break;
			i++; /* past the comma: another field, maybe empty at the end */
			if (i == len) {
				fields++;
				break;
			}
		}
		if (i < len)
			i += p[i] == '\r' ? 2 : 1;
	}
	return fields;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];
	struct csv_table t;

	if (fd < 0) {
		fd = memfd_create("fuzz-csv", MFD_CLOEXEC);
		assert(fd >= 0);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	assert(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == (ssize_t)size);
	if (csv_read(path, &t) != 0)
		return 0;
	assert(t.ncols >= 1 && t.nrows >= 0);
	/* (A NUL byte is no CSV; what the reader makes of one is its own
	 * choice, so the count is compared for text files only.) */
	if (!memchr(data, '\0', size))
		assert(count_fields(data, size) == (size_t)(t.nrows + 1) * (size_t)t.ncols);
	for (size_t i = 0; i < (size_t)(t.nrows + 1) * (size_t)t.ncols; i++)
		assert(t.cell[i] >= t.text && t.cell[i] + strlen(t.cell[i]) <= t.text + size);
	csv_table_free(&t);
	return 0;
}
