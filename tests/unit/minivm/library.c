/* The library API as the harness uses it: minivm_config_init, minivm_run,
 * minivm_spawn, stats, phases, quiet, minivm_hostinfo. Needs /dev/kvm:
 * exits 77 (skip) without it. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "minivm.h"

#define ARGV_PROG "build/tests/minivm/argv"

static void test_defaults(void **state)
{
	struct minivm_config cfg;

	memset(&cfg, 0x55, sizeof(cfg));
	minivm_config_init(&cfg);
	assert_int_equal(cfg.phases_fd, -1);
	assert_int_equal(cfg.stdin_fd, 0);
	assert_int_equal(cfg.stdout_fd, 1);
	assert_int_equal(cfg.stderr_fd, 2);
	assert_null(cfg.kvm_path);
	assert_null(cfg.kernel_path);
	assert_null(cfg.stats);
	assert_int_equal(cfg.mem_mib, 0);
	assert_int_equal(cfg.gate_ready_fd, -1); /* no gate: 0 would be stdin */
	assert_int_equal(cfg.gate_fd, -1);
}

/* Run the argv program with its output and phases in pipes. */
static void test_run_stats_phases(void **state)
{
	char *argv[] = {"prog", "hello", NULL};
	int out[2], ph[2];
	struct minivm_config cfg;
	struct minivm_stats st;
	char buf[4096];

	assert_int_equal(pipe(out), 0);
	assert_int_equal(pipe(ph), 0);
	minivm_config_init(&cfg);
	cfg.program = ARGV_PROG;
	cfg.argc = 2;
	cfg.argv = argv;
	cfg.stdout_fd = out[1];
	cfg.phases_fd = ph[1];
	cfg.stats = &st;
	assert_int_equal(minivm_run(&cfg), 3);
	close(out[1]);
	close(ph[1]);

	ssize_t n = read(out[0], buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_string_equal(buf, "prog\nhello\n");

	n = read(ph[0], buf, sizeof(buf) - 1);
	assert_true(n > 0);
	buf[n] = '\0';
	const char *names[] = {"start ",	 "kvm_opened ",	  "vm_created ",
			       "memory_mapped ", "vcpu_ready ",	  "guest_entered ",
			       "first_syscall ", "program_exit ", "vm_destroyed "};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strstr(buf, names[i]))
			fail_msg("phase %s missing from:\n%s", names[i], buf);

	/* Guest memory touched: more than the page tables, far less than all. */
	assert_true(st.guest_touched_kib >= 16);
	assert_true(st.guest_touched_kib < 32 * 1024);
	assert_int_equal(st.exit_reason, -1);
	close(out[0]);
	close(ph[0]);
}

/* minivm_spawn: the run in a child, its status through waitpid. */
static void test_spawn(void **state)
{
	char *argv[] = {"prog", NULL};
	int devnull = open("/dev/null", O_WRONLY);
	struct minivm_config cfg;
	int status;

	assert_true(devnull >= 0);
	minivm_config_init(&cfg);
	cfg.program = ARGV_PROG;
	cfg.argc = 1;
	cfg.argv = argv;
	cfg.stdout_fd = devnull;
	pid_t pid = minivm_spawn(&cfg);
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 3);
	close(devnull);
}

/* quiet: a failing run says nothing on stderr_fd. */
static void test_quiet(void **state)
{
	char *argv[] = {"prog", NULL};
	int err[2];
	struct minivm_config cfg;
	char buf[256];

	assert_int_equal(pipe2(err, O_NONBLOCK), 0);
	minivm_config_init(&cfg);
	cfg.program = "/nonexistent/program";
	cfg.argc = 1;
	cfg.argv = argv;
	cfg.stderr_fd = err[1];
	cfg.quiet = 1;
	assert_int_equal(minivm_run(&cfg), MINIVM_EXIT_NOEXEC);
	assert_true(read(err[0], buf, sizeof(buf)) < 0);
	cfg.quiet = 0;
	assert_int_equal(minivm_run(&cfg), MINIVM_EXIT_NOEXEC);
	assert_true(read(err[0], buf, sizeof(buf)) > 0);
	close(err[0]);
	close(err[1]);
}

/* minivm_prepare: host facts read once; runs afterwards still work. */
static void test_prepare(void **state)
{
	char *argv[] = {"prog", NULL};
	int devnull = open("/dev/null", O_WRONLY);
	struct minivm_config cfg;

	assert_int_equal(minivm_prepare("/nonexistent/kvm"), -1);
	assert_int_equal(minivm_prepare(NULL), 0);
	minivm_config_init(&cfg);
	cfg.program = ARGV_PROG;
	cfg.argc = 1;
	cfg.argv = argv;
	cfg.stdout_fd = devnull;
	assert_int_equal(minivm_run(&cfg), 3);
	close(devnull);
}

static void test_hostinfo(void **state)
{
	struct minivm_hostinfo hi;

	assert_int_equal(minivm_hostinfo(NULL, &hi), 0);
	assert_int_equal(hi.api_version, 12);
	assert_true(strcmp(hi.flavour, "vmx") == 0 || strcmp(hi.flavour, "svm") == 0 ||
		    strcmp(hi.flavour, "pvm") == 0);
	assert_int_equal(minivm_hostinfo("/nonexistent/kvm", &hi), -1);
	assert_string_equal(hi.flavour, "none");
	assert_true(strstr(hi.reason, "/nonexistent/kvm") != NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_defaults), cmocka_unit_test(test_run_stats_phases),
	    cmocka_unit_test(test_spawn),    cmocka_unit_test(test_quiet),
	    cmocka_unit_test(test_prepare),  cmocka_unit_test(test_hostinfo),
	};
	if (access("/dev/kvm", R_OK | W_OK) != 0) {
		printf("skip: /dev/kvm absent or not permitted\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
