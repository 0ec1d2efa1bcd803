/*
 * replay.c - the main() of a fuzz target's replay build: run the target
 * once on each file of its corpus folder (seeds and the crashing inputs
 * kept as regression cases), without libFuzzer. Built with gcc and
 * AddressSanitizer + UndefinedBehaviorSanitizer, it is a unit test of
 * `make test`: an input that once crashed a loader must not crash it again.
 *
 *   replay-TARGET [FILE|FOLDER...]   (default: FUZZ_CORPUS, the target's folder)
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t size = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "replay: open %s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (size == cap) {
			uint8_t *more = realloc(buf, cap ? 2 * cap : 65536);

			if (!more) {
				fprintf(stderr, "replay: out of memory for %s\n", path);
				fclose(f);
				free(buf);
				return -1;
			}
			buf = more;
			cap = cap ? 2 * cap : 65536;
		}
		n = fread(buf + size, 1, cap - size, f);
		size += n;
	} while (n > 0);
	if (ferror(f)) {
		fprintf(stderr, "replay: read %s: %s\n", path, strerror(errno));
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	/* An exact-size copy: reading one byte past the input is caught. */
	uint8_t *exact = malloc(size ? size : 1);
	if (!exact) {
		free(buf);
		return -1;
	}
	memcpy(exact, buf, size);
	free(buf);
	LLVMFuzzerTestOneInput(exact, size);
	free(exact);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file in the folder, in name order. */
static int replay_folder(const char *dir, int *count)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (!d) {
		fprintf(stderr, "replay: opendir %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		char **more;

		if (e->d_name[0] == '.')
			continue;
		more = realloc(names, (n + 1) * sizeof(*names));
		if (!more)
			abort();
		names = more;
		if (asprintf(&names[n], "%s/%s", dir, e->d_name) < 0)
			abort();
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		if (rc == 0) {
			if (replay_file(names[i]) < 0)
				rc = -1;
			else
				(*count)++;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int main(int argc, char **argv)
{
	static char *def[] = {FUZZ_CORPUS, NULL};
	char **paths = argc > 1 ? argv + 1 : def;
	int count = 0;

	for (; *paths; paths++) {
		struct stat st;

		if (stat(*paths, &st) < 0) {
			fprintf(stderr, "replay: %s: %s\n", *paths, strerror(errno));
			return 1;
		}
		if (S_ISDIR(st.st_mode) ? replay_folder(*paths, &count) < 0
					: replay_file(*paths) < 0)
			return 1;
		if (!S_ISDIR(st.st_mode))
			count++;
	}
	if (count == 0) {
		fprintf(stderr, "replay: no inputs\n");
		return 1;
	}
	printf("replay: %d inputs, no crash\n", count);
	return 0;
}
