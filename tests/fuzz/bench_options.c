/*
 * bench_options.c - fuzz target: the `bench` command line
 * (bench/options.c): lists of backends, experiments and density counts,
 * numbers with ranges. The input is the words, split at NUL bytes. Options
 * that are taken must give a plan within the documented limits.
 */
#include <assert.h>
#include <getopt.h>

#include "argv.h"
#include "bench.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct bench_opts o; /* 12 KiB of paths: not on the stack */
	struct fuzz_argv a;

	fuzz_argv_make(&a, "bench", data, size);
	optind = 0; /* glibc: start getopt afresh for each command line */
	if (parse_options(a.argc, a.argv, &o) == 0) {
		assert(o.n_backends >= 1 && o.n_backends <= MAX_BACKENDS);
		assert(o.experiments != 0);
		assert(o.runs >= 1 && o.runs <= 100000);
		assert(o.jobs >= 1 && o.n_density >= 1 && o.n_density <= MAX_DENSITY);
		for (int i = 1; i < o.n_density; i++)
			assert(o.density[i] > o.density[i - 1]);
		assert(o.density[0] >= 1 && o.n_max == o.density[o.n_density - 1]);
	}
	fuzz_argv_free(&a);
	return 0;
}
