/*
 * echo.c - copy standard input to standard output.
 *   echo raw     with read(2)/write(2) in 64 KiB blocks
 *   echo stdio   line by line with fgets/fputs (musl uses readv and writev)
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int raw(void)
{
	static char buf[65536];
	ssize_t n, w;

	while ((n = read(0, buf, sizeof(buf))) > 0) {
		for (ssize_t off = 0; off < n; off += w) {
			w = write(1, buf + off, n - off);
			if (w <= 0) {
				fprintf(stderr, "write: %s\n", strerror(errno));
				return 1;
			}
		}
	}
	if (n < 0) {
		fprintf(stderr, "read: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}

static int lines(void)
{
	char line[1000];

	while (fgets(line, sizeof(line), stdin))
		fputs(line, stdout);
	if (ferror(stdin)) {
		fprintf(stderr, "fgets: %s\n", strerror(errno));
		return 1;
	}
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "raw") == 0)
		return raw();
	if (argc == 2 && strcmp(argv[1], "stdio") == 0)
		return lines();
	fprintf(stderr, "usage: echo raw|stdio\n");
	return 2;
}
