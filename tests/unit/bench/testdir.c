/* testdir.c - a scratch directory for the unit tests (see testdir.h). */
#include <stdio.h>
#include <stdlib.h>

#include "testdir.h"

char test_dir[64];

int test_dir_make(void **state)
{
	(void)state;
	snprintf(test_dir, sizeof(test_dir), "/tmp/test_bench.XXXXXX");
	return mkdtemp(test_dir) ? 0 : -1;
}

int test_dir_remove(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", test_dir);
	return system(cmd);
}

char *test_dir_slurp(const char *name)
{
	static char buf[8192];
	char path[128];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/%s", test_dir, name);
	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}
