/*
 * test_cpio.c - the newc writer: read the archive back field by field.
 * (tests/integration/linux/cpio.sh checks it against cpio(1) as well.)
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpio.h"

struct entry {
	unsigned long field[13];
	const char *name;
	const char *data;
};

enum { INO, MODE, UID, GID, NLINK, MTIME, FILESIZE, MAJ, MIN, RMAJ, RMIN, NAMESIZE, CHECK };

/* Parse the member at *off; returns 0 at the trailer. */
static int next_entry(const char *a, size_t len, size_t *off, struct entry *e)
{
	char num[9] = {0};

	assert_true(*off + 110 <= len);
	assert_int_equal(*off % 4, 0);
	assert_memory_equal(a + *off, "070701", 6);
	for (int i = 0; i < 13; i++) {
		memcpy(num, a + *off + 6 + 8 * i, 8);
		e->field[i] = strtoul(num, NULL, 16);
	}
	e->name = a + *off + 110;
	assert_int_equal(strlen(e->name) + 1, e->field[NAMESIZE]);
	*off += (110 + e->field[NAMESIZE] + 3) & ~3UL;
	e->data = a + *off;
	*off += (e->field[FILESIZE] + 3) & ~3UL;
	assert_true(*off <= len);
	return strcmp(e->name, "TRAILER!!!") != 0;
}

static void writes_members(void **state)
{
	int fd = memfd_create("cpio", 0);
	struct cpio_writer w;
	struct entry e;
	struct stat st;
	size_t off = 0;
	char *a;

	assert_true(fd >= 0);
	cpio_init(&w, fd);
	assert_int_equal(cpio_add_dir(&w, "dev", 0755), 0);
	assert_int_equal(cpio_add_chardev(&w, "dev/console", 0600, 5, 1), 0);
	assert_int_equal(cpio_add_file(&w, "init", 0755, "hello", 5), 0);
	assert_int_equal(cpio_add_symlink(&w, "bin", "usr/bin"), 0);
	assert_int_equal(cpio_add_file(&w, "empty", 0644, NULL, 0), 0);
	assert_int_equal(cpio_finish(&w), 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(st.st_size, w.offset);
	assert_int_equal(st.st_size % 512, 0);
	a = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	assert_true(a != MAP_FAILED);

	assert_int_equal(next_entry(a, st.st_size, &off, &e), 1);
	assert_string_equal(e.name, "dev");
	assert_int_equal(e.field[MODE], S_IFDIR | 0755);
	assert_int_equal(e.field[NLINK], 2);
	assert_int_equal(next_entry(a, st.st_size, &off, &e), 1);
	assert_string_equal(e.name, "dev/console");
	assert_int_equal(e.field[MODE], S_IFCHR | 0600);
	assert_int_equal(e.field[RMAJ], 5);
	assert_int_equal(e.field[RMIN], 1);
	assert_int_equal(next_entry(a, st.st_size, &off, &e), 1);
	assert_string_equal(e.name, "init");
	assert_int_equal(e.field[MODE], S_IFREG | 0755);
	assert_int_equal(e.field[FILESIZE], 5);
	assert_memory_equal(e.data, "hello", 5);
	assert_int_equal(e.field[UID], 0);
	assert_int_equal(e.field[MTIME], 0);
	assert_int_equal(next_entry(a, st.st_size, &off, &e), 1);
	assert_string_equal(e.name, "bin");
	assert_int_equal(e.field[MODE], S_IFLNK | 0777);
	assert_memory_equal(e.data, "usr/bin", 7);
	assert_int_equal(next_entry(a, st.st_size, &off, &e), 1);
	assert_string_equal(e.name, "empty");
	assert_int_equal(e.field[FILESIZE], 0);
	assert_int_equal(next_entry(a, st.st_size, &off, &e), 0);
	munmap(a, st.st_size);
	close(fd);
}

static void inode_numbers_differ(void **state)
{
	int fd = memfd_create("cpio", 0);
	struct cpio_writer w;
	struct entry e1, e2;
	size_t off = 0;
	char a[1024];

	cpio_init(&w, fd);
	assert_int_equal(cpio_add_file(&w, "a", 0644, "x", 1), 0);
	assert_int_equal(cpio_add_file(&w, "b", 0644, "y", 1), 0);
	assert_int_equal(pread(fd, a, sizeof(a), 0), (ssize_t)w.offset);
	next_entry(a, w.offset, &off, &e1);
	next_entry(a, w.offset, &off, &e2);
	assert_true(e1.field[INO] != e2.field[INO]);
	close(fd);
}

static void refuses_bad_names_and_files(void **state)
{
	int fd = memfd_create("cpio", 0);
	struct cpio_writer w;

	cpio_init(&w, fd);
	errno = 0;
	assert_int_equal(cpio_add_file(&w, "/init", 0755, "x", 1), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(cpio_add_dir(&w, "", 0755), -1);
	assert_int_equal(cpio_add_host_file(&w, "x", "/nonexistent/file"), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(cpio_add_host_file(&w, "x", "/"), -1); /* a directory */
	assert_int_equal(errno, EINVAL);
	assert_int_equal(w.offset, 0); /* nothing half written */
	close(fd);
	/* a write error is reported, not ignored */
	cpio_init(&w, -1);
	assert_int_equal(cpio_add_dir(&w, "dev", 0755), -1);
	assert_int_equal(errno, EBADF);
}

static void copies_host_file(void **state)
{
	char path[] = "/tmp/test_cpio.XXXXXX";
	int src = mkstemp(path), fd = memfd_create("cpio", 0);
	static char big[200000], back[200000 + 1024];
	struct cpio_writer w;
	struct entry e;
	size_t off = 0;

	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (char)(i * 7);
	assert_int_equal(write(src, big, sizeof(big)), (ssize_t)sizeof(big));
	assert_int_equal(fchmod(src, 0751), 0);
	close(src);
	cpio_init(&w, fd);
	assert_int_equal(cpio_add_host_file(&w, "bin/big", path), 0);
	unlink(path);
	assert_int_equal(pread(fd, back, sizeof(back), 0), (ssize_t)w.offset);
	next_entry(back, w.offset, &off, &e);
	assert_int_equal(e.field[MODE], S_IFREG | 0751);
	assert_int_equal(e.field[FILESIZE], sizeof(big));
	assert_memory_equal(e.data, big, sizeof(big));
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(writes_members),
	    cmocka_unit_test(inode_numbers_differ),
	    cmocka_unit_test(refuses_bad_names_and_files),
	    cmocka_unit_test(copies_host_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
