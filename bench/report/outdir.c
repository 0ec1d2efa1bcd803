/* outdir.c - see outdir.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "report/outdir.h"

int ensure_dir(const char *path)
{
	struct stat st;

	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	fprintf(stderr, "report: mkdir %s: %s\n", path,
		strerror(errno == EEXIST ? ENOTDIR : errno));
	return -1;
}
