/* test_experiments.c - the startup, memory and overhead experiments driven
 * through a fake backend, their samples read back from samples.csv: t0 is
 * stamped before launch() (a backend whose start takes 30 ms in the
 * harness, as minictr_start does, shows at least 30 ms), and warm-up
 * samples are run but never recorded, in every experiment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "backends/backend.h"
#include "bench.h"
#include "experiments/run.h"
#include "files/results.h"
#include "instances/loop.h"
#include "testdir.h"

#define LAUNCH_MS 30
static int launches;

/* The fake instance: noop says READY and ends; idle and mem say READY and
 * wait to be stopped; the run-time workloads print ELAPSED and end. */
static void fake_child(int out, const char *mode)
{
	dprintf(out, "READY\n");
	if (strcmp(mode, "idle") == 0 || strcmp(mode, "mem") == 0)
		for (;;)
			pause();
	if (strcmp(mode, "noop") != 0)
		dprintf(out, "ELAPSED 1000\n");
	_exit(0);
}

static int fake_launch(struct instance *in, char *const argv[], int want_phases)
{
	int out[2];

	(void)want_phases;
	launches++;
	/* Work done in the harness before the instance exists: it belongs
	 * to the start-up, so it must fall after t0. */
	sleep_ms(LAUNCH_MS);
	if (open_pipe(out) != 0)
		return -1;
	in->pid = fork();
	if (in->pid == 0)
		fake_child(out[1], argv[1]);
	close(out[1]);
	in->out_fd = out[0];
	return 0;
}

static void fake_stop(struct instance *in)
{
	kill(in->pid, SIGKILL);
}

static void fake_release(struct instance *in)
{
	(void)in;
}

static const struct backend fake = {.name = "fake",
				    .kind = BACKEND_BASELINE,
				    .launch = fake_launch,
				    .stop = fake_stop,
				    .release = fake_release};

static struct bench_opts opts = {.quick = 1,
				 .limit_scale = 1, /* as options.c sets it off an emulator */
				 .runs = 2,
				 .warmup = 2,
				 .seed = 1,
				 .mem_mib = 1,
				 .mem_batch = 1,
				 .cpu_n = 1,
				 .limit_scale = 1, /* as parse_options sets it off an emulator */
				 .syscall_n = 1,
				 .io_n = 1,
				 .ready_timeout_s = 5};

static int setup(void **state)
{
	if (test_dir_make(state) != 0 || results_open(test_dir) != 0)
		return -1;
	return loop_init();
}

static int teardown(void **state)
{
	loop_finish();
	results_close();
	return test_dir_remove(state);
}

/* samples.csv rows of experiment ex and metric m: how many, how many with
 * a negative (warm-up) iteration, and the smallest value. */
static int rows(const char *ex, const char *m, int *warm, double *min)
{
	char path[128], line[256];
	FILE *f;
	int n = 0;

	*warm = 0;
	*min = 1e300;
	snprintf(path, sizeof(path), "%s/samples.csv", test_dir);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char e[16], b[16], w[16], p[16], met[16], u[8];
		int np, it;
		double v;

		/* experiment,backend,workload,parameter,n_parallel,iteration,metric,unit,value;
		 * parameter may be empty. */
		if (sscanf(line, "%15[^,],%15[^,],%15[^,],%15[^,],%d,%d,%15[^,],%7[^,],%lf", e, b,
			   w, p, &np, &it, met, u, &v) != 9 &&
		    sscanf(line, "%15[^,],%15[^,],%15[^,],,%d,%d,%15[^,],%7[^,],%lf", e, b, w, &np,
			   &it, met, u, &v) != 8)
			continue;
		if (strcmp(e, ex) != 0 || strcmp(met, m) != 0)
			continue;
		n++;
		*warm += it < 0;
		*min = v < *min ? v : *min;
	}
	fclose(f);
	return n;
}

static struct run run_of(void)
{
	struct run r = {.o = &opts, .dir = test_dir, .be = {&fake}, .nb = 1};

	return r;
}

static void test_startup(void **state)
{
	struct run r = run_of();
	int warm;
	double min;

	(void)state;
	launches = 0;
	assert_int_equal(exp_startup(&r), 0);
	/* Warm-up and measured samples all ran; only the measured ones are
	 * recorded. */
	assert_int_equal(launches, opts.warmup + opts.runs);
	assert_int_equal(rows("startup", "startup", &warm, &min), opts.runs);
	assert_int_equal(warm, 0);
	/* t0 before launch(): the 30 ms the launch takes are in every figure. */
	assert_true(min >= LAUNCH_MS * 1000.0);
}

static void test_memory(void **state)
{
	struct run r = run_of();
	int warm;
	double min;

	(void)state;
	launches = 0;
	assert_int_equal(exp_memory(&r), 0);
	/* Two workloads (idle, mem), batch 1. */
	assert_int_equal(launches, 2 * (opts.warmup + opts.runs));
	assert_int_equal(rows("memory", "pss", &warm, &min), 2 * opts.runs);
	assert_int_equal(warm, 0);
	assert_true(min > 0);
	assert_int_equal(rows("memory", "rss", &warm, &min), 2 * opts.runs);
	assert_int_equal(warm, 0);
	assert_int_equal(rows("memory", "system", &warm, &min), 2 * opts.runs);
	assert_int_equal(warm, 0);
}

static void test_overhead(void **state)
{
	struct run r = run_of();
	int warm;
	double min;

	(void)state;
	launches = 0;
	assert_int_equal(exp_overhead(&r), 0);
	/* Three workloads: cpu, syscall, io. */
	assert_int_equal(launches, 3 * (opts.warmup + opts.runs));
	assert_int_equal(rows("overhead", "elapsed", &warm, &min), 3 * opts.runs);
	assert_int_equal(warm, 0);
	assert_true(min == 1000);
	assert_int_equal(rows("overhead", "lifetime", &warm, &min), 3 * opts.runs);
	assert_true(min >= LAUNCH_MS * 1000.0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_startup),
	    cmocka_unit_test(test_memory),
	    cmocka_unit_test(test_overhead),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
