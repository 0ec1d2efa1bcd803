/*
 * csv.c - fuzz target: the CSV row formatter of bench/files/csv.c, which quotes
 * whatever a field holds (a host name, an error message, a kernel
 * version) so that the results files stay RFC 4180. The input is a buffer
 * size (first byte) and fields separated by 0x1f. A row that fits must
 * read back, with an RFC 4180 reader, as exactly the fields given; a row
 * that does not fit must be refused without writing past the buffer.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "files/csv.h"

#define MAX_FIELDS 16

/* Read field i of row (RFC 4180: a quoted field doubles its quotes) into
 * out; returns the position after the field's separator. */
static const char *read_field(const char *row, char *out)
{
	size_t n = 0;

	if (*row != '"') {
		while (*row != ',' && *row != '\n') {
			assert(*row != '\0'); /* every row ends in "\n" */
			out[n++] = *row++;
		}
	} else {
		for (row++;; row++) {
			assert(*row != '\0'); /* every quote is closed */
			if (*row == '"' && row[1] == '"')
				out[n++] = *row++;
			else if (*row == '"')
				break;
			else
				out[n++] = *row;
		}
		row++;
	}
	out[n] = '\0';
	assert(*row == ',' || *row == '\n');
	return row + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *fields[MAX_FIELDS];
	char *in, *out, *buf, *p;
	size_t cap;
	long len;
	int n = 0;

	if (size == 0)
		return 0;
	/* 0 to 255 bytes of buffer, or 4 KiB as csv_row uses. */
	cap = data[0] == 255 ? 4096 : data[0];
	in = malloc(size);
	out = malloc(size + 1);
	buf = malloc(cap ? cap : 1);
	if (!in || !out || !buf)
		abort();
	/* Fields are C strings: the input's NUL bytes end them like 0x1f. */
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';
	for (p = in; n < MAX_FIELDS;) {
		fields[n++] = p;
		p += strcspn(p, "\x1f");
		if (*p == '\0')
			break;
		*p++ = '\0';
	}
	len = csv_format_row(buf, cap, fields, n);
	if (len >= 0) {
		assert((size_t)len < cap && buf[len] == '\0' && buf[len - 1] == '\n');
		assert(strlen(buf) == (size_t)len);
		const char *row = buf;

		for (int i = 0; i < n; i++) {
			row = read_field(row, out);
			assert(strcmp(out, fields[i]) == 0);
		}
		assert(row == buf + len);
	}
	free(buf);
	free(out);
	free(in);
	return 0;
}
