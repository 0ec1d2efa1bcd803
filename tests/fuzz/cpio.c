/*
 * cpio.c - fuzz target: the newc cpio writer (minivm/linux/cpio.c) that
 * makes a Linux guest's initramfs. Its inputs are names, modes, contents
 * and link targets from the user's image folder. The input is a list of
 * members, each
 *     one byte: kind (0 dir, 1 file, 2 symlink, 3 char device) and perm
 *     the name, up to a NUL; the contents or link target, up to a NUL
 * The archive is written to a memory file, then read back: every member the
 * writer took must be there with its name, type and size, on 4-byte
 * boundaries, and the trailer last. A name the writer refuses (empty,
 * absolute, too long) must leave nothing behind.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpio.h"

#define MAX_MEMBERS 64

struct want {
	const char *name;
	mode_t type;
	size_t size;
};

/* The 8 hexadecimal digits of header field i (0: c_ino, 1: c_mode, ...). */
static unsigned long field(const char *hdr, int i)
{
	char digits[9];

	memcpy(digits, hdr + 6 + 8 * i, 8);
	digits[8] = '\0';
	return strtoul(digits, NULL, 16);
}

static size_t pad4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

/* Read the archive back and compare it with what was added. */
static void check_archive(const char *a, size_t len, const struct want *w, int n)
{
	size_t off = 0;

	for (int i = 0; i <= n; i++) {
		const char *name = i < n ? w[i].name : "TRAILER!!!";
		size_t namesize = strlen(name) + 1, size = i < n ? w[i].size : 0;

		assert(len - off >= 110 && memcmp(a + off, "070701", 6) == 0);
		assert(field(a + off, 11) == namesize);
		assert(field(a + off, 6) == size);
		if (i < n)
			assert((field(a + off, 1) & S_IFMT) == w[i].type);
		assert(len - off - 110 >= namesize && memcmp(a + off + 110, name, namesize) == 0);
		off = pad4(off + 110 + namesize);
		assert(off <= len && len - off >= size);
		off = pad4(off + size);
	}
	assert(len % 512 == 0 && off <= len);
}

/* The next NUL-terminated string of the input (the rest when no NUL). */
static char *next_string(char **p, const char *end)
{
	char *s = *p;

	*p += strnlen(s, (size_t)(end - s));
	if (*p < end)
		(*p)++;
	return s;
}

static int add(struct cpio_writer *cw, int kind, mode_t perm, const char *name, const char *data)
{
	switch (kind) {
	case 0:
		return cpio_add_dir(cw, name, perm);
	case 1:
		return cpio_add_file(cw, name, perm, data, strlen(data));
	case 2:
		return cpio_add_symlink(cw, name, data);
	default:
		return cpio_add_chardev(cw, name, perm, (unsigned char)data[0], 1);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const mode_t types[] = {S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR};
	static int fd = -1;
	struct want w[MAX_MEMBERS];
	struct cpio_writer cw;
	char *buf = malloc(size + 1), *p, *end, *archive;
	int n = 0;
	off_t len;

	if (!buf || (fd < 0 && (fd = memfd_create("fuzz-cpio", MFD_CLOEXEC)) < 0))
		abort();
	p = buf;
	end = buf + size;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (ftruncate(fd, 0) < 0 || lseek(fd, 0, SEEK_SET) < 0)
		abort();
	cpio_init(&cw, fd);
	while (p < end && n < MAX_MEMBERS) {
		int kind = (unsigned char)*p % 4;
		mode_t perm = (mode_t)((unsigned char)*p++ * 37) & 07777;
		char *name = next_string(&p, end), *text = next_string(&p, end);
		uint64_t before = cw.offset;

		if (add(&cw, kind, perm, name, text) == 0)
			w[n++] = (struct want){name, types[kind],
					       kind == 1 || kind == 2 ? strlen(text) : 0};
		else /* refused: nothing written */
			assert(cw.offset == before);
	}
	assert(cpio_finish(&cw) == 0);
	len = lseek(fd, 0, SEEK_END);
	assert(len >= 0 && (uint64_t)len == cw.offset);
	archive = mmap(NULL, (size_t)len, PROT_READ, MAP_PRIVATE, fd, 0);
	assert(archive != MAP_FAILED);
	check_archive(archive, (size_t)len, w, n);
	munmap(archive, (size_t)len);
	free(buf);
	return 0;
}
