/* testdir.h - a scratch directory for the unit tests that write files
 * (test_csv.c, test_results.c): made before the group, removed after. */
#ifndef TESTS_UNIT_BENCH_TESTDIR_H
#define TESTS_UNIT_BENCH_TESTDIR_H

extern char test_dir[64]; /* the directory's path, once made */

/* cmocka group set-up and tear-down: 0 on success. */
int test_dir_make(void **state);
int test_dir_remove(void **state);

/* The whole of file NAME in the directory (at most 8 KiB), or NULL if it
 * cannot be opened; the buffer is reused by the next call. */
char *test_dir_slurp(const char *name);

#endif
