/*
 * runoptions.c - fuzz target: the values of `minivm run`'s shared options
 * (minivm/lib/runoptions.c: --mem, --timeout, --phases, --kvm, --kernel,
 * --status-file), on both the own-guest and the Linux path. The first byte
 * picks the option, the rest is its value. A value that is taken must be
 * one the usage text allows: --timeout once took "nan" (no timeout at all),
 * the regression input regress-timeout-nan here.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "minivm.h"
#include "runoptions.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t mem_mib = 0;
	double timeout_s = 0;
	int phases_fd = -1;
	const char *kvm = NULL, *kernel = NULL, *status_file = NULL;
	const struct run_options ro = {
	    .mem_mib = &mem_mib,
	    .timeout_s = &timeout_s,
	    .phases_fd = &phases_fd,
	    .kvm_path = &kvm,
	    .kernel = &kernel,
	    .status_file = &status_file,
	    .help = "fuzz",
	};
	int opt;
	char *arg;

	if (size == 0)
		return 0;
	opt = RUN_OPT_MEM + data[0] % (RUN_OPT_HELP - RUN_OPT_MEM);
	arg = malloc(size);
	if (!arg)
		abort();
	memcpy(arg, data + 1, size - 1);
	arg[size - 1] = '\0';
	if (run_options_parse(&ro, opt, arg) == 0) {
		switch (opt) {
		case RUN_OPT_MEM:
			assert(mem_mib >= 1 && mem_mib <= 1 << 20);
			break;
		case RUN_OPT_TIMEOUT:
			assert(isfinite(timeout_s) && timeout_s >= 0.001 && timeout_s <= 1e7);
			break;
		case RUN_OPT_PHASES:
			assert(phases_fd >= 0 && phases_fd <= 1 << 20);
			break;
		default: /* a path, taken as it is */
			assert(kvm == arg || kernel == arg || status_file == arg);
		}
	} else {
		/* Refused: nothing stored. */
		assert(mem_mib == 0 && timeout_s == 0 && phases_fd == -1);
	}
	free(arg);
	return 0;
}
