/* Unit tests: the `minictr run` command line (runtime/lib/args.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "internal.h"

static int parse(struct mc_args *a, char **argv)
{
	int argc = 0;

	while (argv[argc])
		argc++;
	return mc_parse_args(argc, argv, a);
}

static void test_full(void **state)
{
	char *argv[] = {
	    "minictr",	 "run",	       "--rootfs",	"/img",		"--mem",    "64",
	    "--pids=16", "--hostname", "box",		"--timeout",	"2.5",	    "--phases",
	    "3",	 "--userns",   "--netns",	"/run/netns/x", "--name",   "c1",
	    "--quiet",	 "--parallel", "--best-effort", "--",		"/bin/app", "-x",
	    NULL};
	struct mc_args a;

	assert_int_equal(parse(&a, argv), 0);
	assert_int_equal(a.help, 0);
	assert_string_equal(a.cfg.rootfs, "/img");
	assert_int_equal(a.cfg.mem_bytes, 64ull << 20);
	assert_int_equal(a.cfg.pids_max, 16);
	assert_string_equal(a.cfg.hostname, "box");
	assert_true(a.cfg.timeout_s > 2.49 && a.cfg.timeout_s < 2.51);
	assert_int_equal(a.cfg.phases_fd, 3);
	assert_int_equal(a.cfg.userns, 1);
	assert_string_equal(a.cfg.netns_path, "/run/netns/x");
	assert_string_equal(a.cfg.cgroup_name, "c1");
	assert_int_equal(a.cfg.quiet, 1);
	assert_int_equal(a.cfg.parallel, 1);
	assert_int_equal(a.cfg.best_effort, 1);
	assert_string_equal(a.cfg.argv[0], "/bin/app");
	assert_string_equal(a.cfg.argv[1], "-x");
	assert_null(a.cfg.argv[2]);
}

static void test_defaults(void **state)
{
	char *argv[] = {"minictr", "run", "--rootfs=/img", "/bin/app", "--mem", NULL};
	struct mc_args a;

	assert_int_equal(parse(&a, argv), 0);
	assert_int_equal(a.cfg.mem_bytes, 0);
	assert_int_equal(a.cfg.pids_max, 0);
	assert_int_equal(a.cfg.phases_fd, -1);
	assert_int_equal(a.cfg.stdout_fd, 1);
	assert_null(a.cfg.hostname);
	assert_null(a.cfg.netns_path);
	/* fail closed unless asked otherwise */
	assert_int_equal(a.cfg.best_effort, 0);
	/* options after CMD belong to CMD */
	assert_string_equal(a.cfg.argv[1], "--mem");
}

static void test_help(void **state)
{
	char *a1[] = {"minictr", "--help", NULL};
	char *a2[] = {"minictr", "run", "--help", NULL};
	struct mc_args a;

	assert_int_equal(parse(&a, a1), 0);
	assert_int_equal(a.help, 1);
	assert_int_equal(parse(&a, a2), 0);
	assert_int_equal(a.help, 1);
}

static void test_errors(void **state)
{
	char *bad[][8] = {
	    {"minictr", NULL},
	    {"minictr", "start", NULL},
	    {"minictr", "run", "/bin/app", NULL},	  /* no --rootfs */
	    {"minictr", "run", "--rootfs", "/img", NULL}, /* no CMD */
	    {"minictr", "run", "--rootfs", NULL},	  /* no value */
	    {"minictr", "run", "--rootfs", "/img", "--mem", "0", "/a", NULL},
	    {"minictr", "run", "--rootfs", "/img", "--mem", "-5", "/a", NULL},
	    {"minictr", "run", "--rootfs", "/img", "--mem", "12x", "/a", NULL},
	    {"minictr", "run", "--rootfs", "/img", "--pids", "", "/a", NULL},
	    {"minictr", "run", "--rootfs", "/img", "--timeout", "0", "/a", NULL},
	    {"minictr", "run", "--rootfs", "/img", "--timeout", "abc", "/a", NULL},
	    {"minictr", "run", "--rootfs", "/img", "--phases", "-1", "/a", NULL},
	    {"minictr", "run", "--rootfs", "/img", "--name", "a/b", "/a", NULL},
	    {"minictr", "run", "--rootfs", "/img", "--bogus", "/a", NULL},
	    {"minictr", "run", "--rootfs", "", "/a", NULL},
	};
	struct mc_args a;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("case %zu\n", i);
		assert_int_equal(parse(&a, bad[i]), -1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_full),
	    cmocka_unit_test(test_defaults),
	    cmocka_unit_test(test_help),
	    cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
