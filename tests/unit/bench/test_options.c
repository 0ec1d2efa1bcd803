/* test_options.c - the command line: defaults of a full and a quick run,
 * lists, and bad input refused with an error (never a crash). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bench.h"
#include "host/hostkvm.h"

static struct bench_opts o;

/* Parse the NULL-terminated list args (copied: getopt may permute). */
static int parse(const char *const *args)
{
	char buf[32][64], *argv[33];
	int argc = 0;

	argv[argc++] = strcpy(buf[0], "bench");
	for (const char *const *a = args; *a != NULL && argc < 32; a++) {
		snprintf(buf[argc], sizeof(buf[argc]), "%s", *a);
		argv[argc] = buf[argc];
		argc++;
	}
	argv[argc] = NULL;
	optind = 0; /* glibc: start a fresh scan */
	return parse_options(argc, argv, &o);
}

static void test_defaults(void **state)
{
	(void)state;
	assert_int_equal(parse((const char *const[]){NULL}), 0);
	assert_int_equal(o.quick, 0);
	assert_int_equal(o.runs, 20);
	assert_int_equal(o.experiments, EXP_ALL);
	assert_true(o.n_backends >= 4);
	assert_string_equal(o.backend_names[0], "process");
	/* 1, 2, 4, ..., 512, then N_max itself. */
	assert_int_equal(o.n_max, 1000);
	assert_int_equal(o.density[0], 1);
	assert_int_equal(o.density[9], 512);
	assert_int_equal(o.density[10], 1000);
	assert_int_equal(o.n_density, 11);
	assert_true(o.jobs >= 1);
	assert_non_null(strstr(o.workload, "/workload"));
}

static void test_quick(void **state)
{
	(void)state;
	assert_int_equal(parse((const char *const[]){"--quick", NULL}), 0);
	assert_int_equal(o.quick, 1);
	assert_int_equal(o.runs, 5);
	assert_int_equal(o.n_max, 8);
	assert_int_equal(o.n_density, 4);
	assert_int_equal(o.density[3], 8);
	assert_int_equal(o.warmup, 1);
	assert_int_equal(parse((const char *const[]){"--quick", "--warmup", "0", NULL}), 0);
	assert_int_equal(o.warmup, 0);
	assert_int_equal(parse((const char *const[]){"--warmup", "-1", NULL}), -1);
}

static void test_lists(void **state)
{
	(void)state;
	assert_int_equal(parse((const char *const[]){
			     "--backends", "microvm,process,microvm", "--experiments",
			     "startup,density", "--density", "1,10,100", "--runs", "7", "--jobs",
			     "3", "--budget", "512", "--seed", "42", "--out", "/tmp/x", NULL}),
			 0);
	/* Duplicates dropped, order as given. */
	assert_int_equal(o.n_backends, 2);
	assert_string_equal(o.backend_names[0], "microvm");
	assert_string_equal(o.backend_names[1], "process");
	assert_int_equal(o.experiments, EXP_STARTUP | EXP_DENSITY);
	assert_int_equal(o.n_density, 3);
	assert_int_equal(o.density[2], 100);
	assert_int_equal(o.n_max, 100);
	assert_int_equal(o.runs, 7);
	assert_int_equal(o.jobs, 3);
	assert_int_equal(o.budget_mib, 512);
	assert_int_equal(o.seed, 42);
	assert_string_equal(o.out_dir, "/tmp/x");
}

static void test_bad_input(void **state)
{
	(void)state;
	assert_int_equal(parse((const char *const[]){"--backends", "xen", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--backends", ",", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--experiments", "speed", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--runs", "0", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--runs", "12abc", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--density", "4,2", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--density", "0", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--jobs", "-1", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--budget", "", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--bogus", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"--runs", NULL}), -1);
	assert_int_equal(parse((const char *const[]){"stray", NULL}), -1);
}

/* Under an emulator (the hardware-virtualization tier says so in the
 * environment) the flavour recorded is marked and the limits stretch. */
static void test_emulated(void **state)
{
	char want[64];

	(void)state;
	unsetenv("VMBENCH_KVM_EMULATOR");
	assert_int_equal(parse((const char *const[]){"--quick", NULL}), 0);
	assert_int_equal(o.limit_scale, 1);
	assert_true(o.ready_timeout_s == 10);
	assert_null(kvm_emulator());
	assert_string_equal(kvm_flavour_recorded(), kvm_flavour());

	setenv("VMBENCH_KVM_EMULATOR", "qemu", 1);
	assert_int_equal(parse((const char *const[]){"--quick", NULL}), 0);
	assert_int_equal(o.limit_scale, 30);
	assert_true(o.ready_timeout_s == 300);
	assert_string_equal(kvm_emulator(), "qemu");
	snprintf(want, sizeof(want), "%s-emulated", kvm_flavour());
	assert_string_equal(kvm_flavour_recorded(), want);
	unsetenv("VMBENCH_KVM_EMULATOR");
}

static void test_help(void **state)
{
	(void)state;
	assert_int_equal(parse((const char *const[]){"--help", NULL}), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults), cmocka_unit_test(test_quick),
	    cmocka_unit_test(test_lists),    cmocka_unit_test(test_bad_input),
	    cmocka_unit_test(test_help),     cmocka_unit_test(test_emulated),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
