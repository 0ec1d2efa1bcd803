/*
 * argv.h - for the command-line fuzz targets: the fuzzer's bytes as a
 * command line. The input is split at NUL bytes into words (so a seed file
 * reads as the words with NULs between them), after a fixed argv[0].
 */
#ifndef FUZZ_ARGV_H
#define FUZZ_ARGV_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_WORDS 32

struct fuzz_argv {
	char *buf; /* the input, NUL-terminated: the words point into it */
	char *argv[FUZZ_MAX_WORDS + 2];
	int argc;
};

static inline void fuzz_argv_make(struct fuzz_argv *a, const char *prog, const uint8_t *data,
				  size_t size)
{
	size_t i = 0;

	a->buf = malloc(size + 1);
	if (!a->buf)
		abort();
	memcpy(a->buf, data, size);
	a->buf[size] = '\0';
	a->argv[0] = (char *)prog;
	a->argc = 1;
	while (i <= size && a->argc <= FUZZ_MAX_WORDS) {
		a->argv[a->argc++] = a->buf + i;
		i += strlen(a->buf + i) + 1;
	}
	a->argv[a->argc] = NULL;
}

static inline void fuzz_argv_free(struct fuzz_argv *a)
{
	free(a->buf);
}

#endif
