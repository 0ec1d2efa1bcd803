/*
 * minictr_args.c - fuzz target: the `minictr` command line
 * (runtime/lib/args.c), which bench and users hand to the runtime. The
 * input is the words of the command line, split at NUL bytes. A command
 * line that is taken must give a configuration within the documented
 * limits; any other must be refused with one line (on stderr, which the
 * fuzzer closes).
 */
#include <assert.h>
#include <math.h>
#include <string.h>

#include "argv.h"
#include "internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_argv a;
	struct mc_args out;

	fuzz_argv_make(&a, "minictr", data, size);
	if (mc_parse_args(a.argc, a.argv, &out) == 0 && !out.help) {
		const struct minictr_config *c = &out.cfg;

		assert(c->rootfs && *c->rootfs);
		assert(c->argv && c->argv[0]);
		assert(!c->hostname || (*c->hostname && strlen(c->hostname) <= 64));
		assert(!c->cgroup_name ||
		       (*c->cgroup_name && !strchr(c->cgroup_name, '/') &&
			c->cgroup_name[0] != '.' && strlen(c->cgroup_name) <= 48));
		assert(c->mem_bytes <= (1ULL << 50));
		assert(c->pids_max <= (1U << 22));
		assert(c->timeout_s == 0 || (isfinite(c->timeout_s) && c->timeout_s > 0));
		assert(c->phases_fd >= -1 && c->phases_fd <= 1 << 20);
	}
	fuzz_argv_free(&a);
	return 0;
}
