/* The gate (minivm/lib/gate.c): a VM from a template, built and paused
 * before its first KVM_RUN. It says "paused" on gate_ready_fd only once
 * it is built; one byte on gate_fd runs it (phases from `resumed`, none
 * of the construction's); EOF ends it without running the program, with
 * MINIVM_EXIT_GATE_CLOSED. It waits as a SCHED_BATCH task and is an
 * ordinary one again after the gate. Needs /dev/kvm: exits 77 (skip)
 * without it. */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "minivm.h"

#define WORKLOAD "build/workload"

static struct minivm_template *tmpl;

static int setup(void **state)
{
	static char *const argv[] = {"workload", "noop", NULL};
	struct minivm_config cfg;

	minivm_config_init(&cfg);
	cfg.program = WORKLOAD;
	cfg.argc = 2;
	cfg.argv = argv;
	return minivm_template_create(&cfg, &tmpl) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
	minivm_template_free(tmpl);
	return 0;
}

/* A gated VM in a child: its output, phases, "paused" byte and gate. */
struct gated {
	pid_t pid;
	int out, phases, ready, gate; /* our ends */
};

static void start_gated(struct gated *g)
{
	static char *const argv[] = {"workload", "noop", NULL};
	int o[2], ph[2], rd[2], gt[2];

	assert_int_equal(pipe(o), 0);
	assert_int_equal(pipe(ph), 0);
	assert_int_equal(pipe(rd), 0);
	assert_int_equal(pipe(gt), 0);
	g->pid = fork();
	assert_true(g->pid >= 0);
	if (g->pid == 0) {
		struct minivm_config cfg;

		close(o[0]);
		close(ph[0]);
		close(rd[0]);
		close(gt[1]); /* else our own copy would keep EOF from coming */
		minivm_config_init(&cfg);
		cfg.argc = 2;
		cfg.argv = argv;
		cfg.stdout_fd = o[1];
		cfg.stderr_fd = o[1];
		cfg.phases_fd = ph[1];
		cfg.gate_ready_fd = rd[1];
		cfg.gate_fd = gt[0];
		cfg.timeout_s = 30;
		int rc = minivm_run_snapshot(tmpl, &cfg);
		/* After the run: the policy it left this process with. */
		char policy = (char)sched_getscheduler(0);
		if (write(rd[1], &policy, 1) != 1)
			_exit(126);
		_exit(rc);
	}
	close(o[1]);
	close(ph[1]);
	close(rd[1]);
	close(gt[0]);
	g->out = o[0];
	g->phases = ph[0];
	g->ready = rd[0];
	g->gate = gt[1];
}

static void read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len - 1 && (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
}

static int finish(struct gated *g, char *out, size_t olen, char *phases, size_t plen)
{
	int st;
	char policy;

	read_all(g->out, out, olen);
	read_all(g->phases, phases, plen);
	/* Whatever way the gate was left, the process is ordinary again. */
	assert_int_equal(read(g->ready, &policy, 1), 1);
	assert_int_equal(policy, SCHED_OTHER);
	assert_int_equal(waitpid(g->pid, &st, 0), g->pid);
	close(g->out);
	close(g->phases);
	close(g->ready);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* The "paused" byte comes, and then the VM waits: no output, no exit;
 * it waits as a batch task (its wake-up must not preempt its waker). */
static void wait_paused(const struct gated *g)
{
	struct pollfd p = {.fd = g->out, .events = POLLIN};
	char b;

	assert_int_equal(read(g->ready, &b, 1), 1);
	assert_int_equal(poll(&p, 1, 200), 0); /* 200 ms: nothing written */
	assert_int_equal(waitpid(g->pid, NULL, WNOHANG), 0);
	assert_int_equal(sched_getscheduler(g->pid), SCHED_BATCH);
}

static long long stamp(const char *phases, const char *name)
{
	char key[40];
	const char *p;

	snprintf(key, sizeof(key), "%s ", name);
	for (p = phases; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (strncmp(p, key, strlen(key)) == 0)
			return atoll(p + strlen(key));
	return -1;
}

/* One byte: the program runs; its phases start at resumed, after the
 * byte was written, and run in order; none of the construction's. */
static void test_go_runs(void **state)
{
	struct gated g;
	char out[256], phases[1024];
	struct timespec ts;

	start_gated(&g);
	wait_paused(&g);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	long long go = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
	assert_int_equal(write(g.gate, "g", 1), 1);
	close(g.gate);
	assert_int_equal(finish(&g, out, sizeof(out), phases, sizeof(phases)), 0);
	assert_string_equal(out, "READY\n");
	const char *gone[] = {"start", "kvm_opened", "vm_created", "memory_mapped", "vcpu_ready"};
	for (size_t i = 0; i < sizeof(gone) / sizeof(gone[0]); i++)
		if (stamp(phases, gone[i]) >= 0)
			fail_msg("%s written for a gated VM:\n%s", gone[i], phases);
	/* The guest's own stamp (its TSC, read through the clock pair taken
	 * before the wait) still lands after resumed: the TSC ran on. */
	const char *order[] = {"resumed", "first_syscall", "program_exit", "vm_destroyed"};
	long long prev = go;
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		long long t = stamp(phases, order[i]);
		if (t < prev)
			fail_msg("%s at %lld, before %lld:\n%s", order[i], t, prev, phases);
		prev = t;
	}
}

/* EOF: the VM ends, GATE_CLOSED, and the program never ran (no READY). */
static void test_eof_ends_without_running(void **state)
{
	struct gated g;
	char out[256], phases[1024];

	start_gated(&g);
	wait_paused(&g);
	close(g.gate);
	assert_int_equal(finish(&g, out, sizeof(out), phases, sizeof(phases)),
			 MINIVM_EXIT_GATE_CLOSED);
	assert_null(strstr(out, "READY"));
	assert_int_equal(stamp(phases, "resumed"), -1);
	assert_int_equal(stamp(phases, "first_syscall"), -1);
}

/* SIGTERM while it waits: stopped as a running VM is (130). */
static void test_signal_while_paused(void **state)
{
	struct gated g;
	char out[256], phases[1024];

	start_gated(&g);
	wait_paused(&g);
	kill(g.pid, SIGTERM);
	assert_int_equal(finish(&g, out, sizeof(out), phases, sizeof(phases)), MINIVM_EXIT_SIGNAL);
	assert_null(strstr(out, "READY"));
	close(g.gate);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_go_runs),
	    cmocka_unit_test(test_eof_ends_without_running),
	    cmocka_unit_test(test_signal_while_paused),
	};

	if (access("/dev/kvm", R_OK | W_OK) != 0) {
		printf("skip: /dev/kvm is not usable here\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, setup, teardown);
}
