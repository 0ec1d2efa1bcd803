/* test_backend.c - the backend interface, driven through a fake backend:
 * t0/t_ready/t_exit, READY and ELAPSED lines, phases, failure reasons,
 * stop and release, and the live list the Ctrl-C teardown walks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "backends/backend.h"
#include "bench.h"
#include "experiments/run.h"
#include "instances/instance.h"
#include "instances/loop.h"

enum fake_mode { FAKE_OK, FAKE_NO_READY, FAKE_IDLE, FAKE_REFUSE };
static enum fake_mode mode;
static int released, stopped;

static void fake_child(int out, int ph)
{
	write_phase(ph, "fake_start");
	if (mode == FAKE_NO_READY) {
		dprintf(out, "something broke\n");
		_exit(3);
	}
	write_phase(ph, "fake_up");
	dprintf(out, "READY\n");
	if (mode == FAKE_IDLE)
		for (;;)
			pause();
	dprintf(out, "ELAPSED 77\nKEY some value\n");
	_exit(0);
}

static int fake_launch(struct instance *in, char *const argv[], int want_phases)
{
	int out[2], ph[2] = {-1, -1};

	(void)argv;
	if (mode == FAKE_REFUSE) {
		snprintf(in->reason, sizeof(in->reason), "fake: refused");
		return -1;
	}
	if (open_pipe(out) != 0 || (want_phases && open_pipe(ph) != 0))
		return -1;
	in->pid = fork();
	if (in->pid == 0)
		fake_child(out[1], ph[1]);
	close(out[1]);
	close_fd(&ph[1]);
	in->out_fd = out[0];
	in->phase_fd = ph[0];
	return 0;
}

static void fake_stop(struct instance *in)
{
	stopped++;
	kill(in->pid, SIGKILL);
}

static void fake_release(struct instance *in)
{
	(void)in;
	released++;
}

static const struct backend fake = {
    .name = "fake", .launch = fake_launch, .stop = fake_stop, .release = fake_release};

static struct bench_opts opts = {.ready_timeout_s = 5};
static struct run run = {.o = &opts};
static char *argv[] = {"workload", "noop", NULL};

static int setup(void **state)
{
	(void)state;
	released = stopped = 0;
	return loop_init();
}

static int teardown(void **state)
{
	(void)state;
	loop_finish();
	return 0;
}

static void test_ready_and_exit(void **state)
{
	struct instance in;
	char value[32];

	(void)state;
	mode = FAKE_OK;
	assert_int_equal(run_instance(&run, &in, &fake, argv, 1, 1, 1), 0);
	assert_true(in.ready && in.exited && !in.failed);
	assert_true(in.t0 > 0 && in.t0 <= in.t_ready && in.t_ready <= in.t_exit);
	assert_true(WIFEXITED(in.status) && WEXITSTATUS(in.status) == 0);
	assert_int_equal(in.elapsed_ns, 77);
	assert_string_equal(instance_output_value(&in, "KEY", value, sizeof(value)), "some value");
	assert_null(instance_output_value(&in, "READY", value, sizeof(value)));
	/* Phases arrive in order, stamped on the harness's clock after t0. */
	assert_int_equal(in.n_phases, 2);
	assert_string_equal(in.phases[0].name, "fake_start");
	assert_string_equal(in.phases[1].name, "fake_up");
	assert_true(in.phases[0].ns >= in.t0 && in.phases[1].ns >= in.phases[0].ns);
	assert_true(in.phases[1].ns <= in.t_ready);
	/* Reaped, released, off the live list, fds closed. */
	assert_int_equal(released, 1);
	assert_int_equal(instance_live_count(), 0);
	assert_int_equal(in.out_fd, -1);
	assert_int_equal(in.pidfd, -1);
	assert_int_equal(in.phase_fd, -1);
}

static void test_no_ready(void **state)
{
	struct instance in;

	(void)state;
	mode = FAKE_NO_READY;
	assert_int_equal(run_instance(&run, &in, &fake, argv, 0, 1, 1), -1);
	assert_false(in.ready);
	assert_true(in.exited);
	/* The reason names the exit status and the last line it wrote. */
	assert_non_null(strstr(in.reason, "exit status 3"));
	assert_non_null(strstr(in.reason, "something broke"));
	assert_int_equal(released, 1);
}

static void test_launch_refused(void **state)
{
	struct instance in;

	(void)state;
	mode = FAKE_REFUSE;
	assert_int_equal(run_instance(&run, &in, &fake, argv, 0, 1, 1), -1);
	assert_true(in.failed && in.exited);
	assert_string_equal(in.reason, "fake: refused");
	assert_int_equal(instance_live_count(), 0);
	assert_int_equal(released, 0);
}

/* A pre-warmed backend's provision: before t0 and timed apart
 * (provision_ns), launch only after it; a refused provision fails the
 * instance with its reason and launch never runs. */
static int provisions, launches_after;
static int64_t provision_end;

static int fake_provision(struct instance *in, char *const argv[], int want_phases)
{
	(void)argv;
	(void)want_phases;
	provisions++;
	if (mode == FAKE_REFUSE) {
		snprintf(in->reason, sizeof(in->reason), "fake: no pool");
		return -1;
	}
	sleep_ms(20);
	provision_end = now_ns();
	return 0;
}

static int fake_launch_counted(struct instance *in, char *const argv[], int want_phases)
{
	launches_after += provisions > 0;
	return fake_launch(in, argv, want_phases);
}

static const struct backend fake_pool = {.name = "fake-pool",
					 .warm = 1,
					 .provision = fake_provision,
					 .launch = fake_launch_counted,
					 .stop = fake_stop,
					 .release = fake_release};

static void test_provision(void **state)
{
	struct instance in;

	(void)state;
	provisions = launches_after = 0;
	mode = FAKE_OK;
	assert_int_equal(run_instance(&run, &in, &fake_pool, argv, 1, 1, 1), 0);
	assert_int_equal(provisions, 1);
	assert_int_equal(launches_after, 1);
	assert_true(in.provision_ns >= 20 * 1000000LL);
	assert_true(provision_end <= in.t0); /* none of it on the clock */
	assert_true(in.ready && !in.failed);

	mode = FAKE_REFUSE;
	assert_int_equal(run_instance(&run, &in, &fake_pool, argv, 1, 1, 1), -1);
	assert_int_equal(provisions, 2);
	assert_int_equal(launches_after, 1); /* no launch after a refused provision */
	assert_true(in.failed && in.exited);
	assert_string_equal(in.reason, "fake: no pool");
	assert_int_equal(instance_live_count(), 0);

	/* Every other backend: no provision, provision_ns 0. */
	mode = FAKE_OK;
	assert_int_equal(run_instance(&run, &in, &fake, argv, 1, 1, 1), 0);
	assert_int_equal(in.provision_ns, 0);
}

static void test_stop_idle(void **state)
{
	struct instance in[3];
	struct inst_set set = {in, 3};

	(void)state;
	mode = FAKE_IDLE;
	/* Three live at once, waited for READY in one loop. */
	for (int i = 0; i < 3; i++) {
		instance_init(&in[i], &fake);
		assert_int_equal(instance_launch(&in[i], argv, 0), 0);
	}
	assert_int_equal(instance_live_count(), 3);
	assert_int_equal(loop_wait(set_all_settled, &set, now_ns() + 5000000000LL, 0), 0);
	for (int i = 0; i < 3; i++)
		assert_true(in[i].ready && !in[i].exited);
	/* Teardown as Ctrl-C does it: walk the live list. */
	for (struct instance *p = instance_live_first(); p; p = p->live_next)
		instance_stop(p);
	assert_int_equal(loop_wait(set_all_exited, &set, now_ns() + 5000000000LL, 0), 0);
	for (int i = 0; i < 3; i++)
		assert_true(WIFSIGNALED(in[i].status) && WTERMSIG(in[i].status) == SIGKILL);
	assert_int_equal(stopped, 3);
	assert_int_equal(released, 3);
	assert_int_equal(instance_live_count(), 0);
	/* Stopping an instance that has ended does nothing. */
	instance_stop(&in[0]);
	assert_int_equal(stopped, 3);
}

static void test_ids_unique(void **state)
{
	struct instance a, b;

	(void)state;
	instance_init(&a, &fake);
	instance_init(&b, &fake);
	assert_true(a.id != b.id);
	assert_int_equal(a.out_fd, -1);
	assert_int_equal(a.elapsed_ns, -1);
}

static void test_set_predicates(void **state)
{
	struct instance v[3];
	struct inst_set set = {v, 3};

	(void)state;
	/* Entries never initialized (a partly used array) do not block. */
	memset(v, 0, sizeof(v));
	assert_true(set_all_exited(&set));
	instance_init(&v[0], &fake);
	assert_false(set_all_exited(&set));
	v[0].exited = 1;
	assert_true(set_all_exited(&set));
	/* Settled: ready, exited or failed, each counts. */
	instance_init(&v[1], &fake);
	instance_init(&v[2], &fake);
	set.v = v + 1;
	set.n = 2;
	assert_false(set_all_settled(&set));
	v[1].ready = 1;
	v[2].failed = 1;
	assert_true(set_all_settled(&set));
}

/* What a child writes between fork and exec, without stdio: a phase line
 * "name NS" and an error line "what: errno N". */
static void test_child_lines(void **state)
{
	int p[2];
	char buf[256];
	ssize_t n;
	long long ns = 0;
	char name[32];
	int64_t before = now_ns();

	(void)state;
	assert_int_equal(pipe(p), 0);
	write_phase(p[1], "cgroup_joined");
	child_fail(p[1], "bench: join cgroup /x", 13);
	child_fail(p[1], "e", 0);
	close(p[1]);
	n = read(p[0], buf, sizeof(buf) - 1);
	close(p[0]);
	assert_true(n > 0);
	buf[n] = '\0';
	assert_int_equal(sscanf(buf, "%31s %lld\n", name, &ns), 2);
	assert_string_equal(name, "cgroup_joined");
	assert_true(ns >= before && ns <= now_ns());
	assert_non_null(strstr(buf, "\nbench: join cgroup /x: errno 13\ne: errno 0\n"));
}

/* child_decimal: the digits of a number for an exec'd command line. */
static void test_child_decimal(void **state)
{
	char buf[24];

	(void)state;
	assert_string_equal(child_decimal(buf + sizeof(buf), 0), "0");
	assert_string_equal(child_decimal(buf + sizeof(buf), 3), "3");
	assert_string_equal(child_decimal(buf + sizeof(buf), 16384), "16384");
	assert_string_equal(child_decimal(buf + sizeof(buf), 18446744073709551615ULL),
			    "18446744073709551615");
}

/* What a spawn_vfork child sees. A real child writes nothing of the
 * harness's; this one does, on purpose, to show what spawn_vfork promises:
 * the memory is shared (a fork's child would write its own copy), the
 * parent returns only once the child is done (CLONE_VFORK: the write is
 * there when spawn_vfork returns), and the child starts with every
 * signal blocked, so no harness handler can run in it. */
struct spawn_probe {
	int ran;
	int int_blocked;
};

static int spawn_probe_child(void *arg)
{
	struct spawn_probe *p = arg;
	sigset_t now;

	sigprocmask(SIG_SETMASK, NULL, &now);
	p->int_blocked = sigismember(&now, SIGINT);
	p->ran = 1;
	_exit(7);
}

static void test_spawn_vfork(void **state)
{
	struct spawn_probe probe = {0, 0};
	sigset_t usr1, before, after;
	pid_t pid;
	int st;

	(void)state;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	assert_int_equal(sigprocmask(SIG_BLOCK, &usr1, &before), 0);
	pid = spawn_vfork(spawn_probe_child, &probe);
	assert_true(pid > 0);
	assert_int_equal(probe.ran, 1);
	assert_int_equal(probe.int_blocked, 1);
	/* The harness's own mask is back as it was. */
	assert_int_equal(sigprocmask(SIG_SETMASK, NULL, &after), 0);
	assert_int_equal(sigismember(&after, SIGUSR1), 1);
	assert_int_equal(sigismember(&after, SIGINT), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 7);
	sigprocmask(SIG_SETMASK, &before, NULL);
}

/* A child whose parent died before it asked to die with it leaves at once
 * (status CHILD_EXIT_ORPHAN), instead of running on under another parent. */
static void test_orphan_leaves(void **state)
{
	int st;
	pid_t mid, me = getpid();

	(void)state;
	mid = fork();
	assert_true(mid >= 0);
	if (mid == 0) {
		/* A pid that is not our parent: as if the harness were gone. */
		child_die_with_parent(me == 1 ? 2 : 1);
		_exit(0);
	}
	assert_int_equal(waitpid(mid, &st, 0), mid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), CHILD_EXIT_ORPHAN);
	mid = fork();
	if (mid == 0) {
		child_die_with_parent(me);
		_exit(0);
	}
	assert_int_equal(waitpid(mid, &st, 0), mid);
	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_ready_and_exit, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_ready, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_launch_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_provision, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_stop_idle, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ids_unique, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_set_predicates, setup, teardown),
	    cmocka_unit_test(test_child_lines),
	    cmocka_unit_test(test_child_decimal),
	    cmocka_unit_test(test_spawn_vfork),
	    cmocka_unit_test(test_orphan_leaves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
