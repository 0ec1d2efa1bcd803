/*
 * main.c - build/bench: run the experiments of docs/methodology.md over every
 * backend that can run here, and write the results files.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "cleanup/sweep.h"
#include "cleanup/watchdog.h"
#include "demo/demo.h"
#include "experiments/run.h"
#include "files/outdir.h"
#include "files/results.h"
#include "files/sequence.h"
#include "host/environment.h"
#include "instances/fdlimit.h"
#include "instances/instance.h"
#include "instances/loop.h"
#include "measure/procmem.h"
#include "measure/selfcost.h"
#include "minictr_cgroup.h"
#include "report/commands.h"

static void on_signal(int sig)
{
	(void)sig;
	bench_interrupted = 1;
}

static int install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: epoll_wait returns EINTR */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0) {
		fprintf(stderr, "bench: sigaction: %s\n", strerror(errno));
		return -1;
	}
	/* A pipe whose reader is gone must give EPIPE, not kill the harness. */
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

/* Descriptors for the most instances this run keeps alive at once: the
 * largest density N (exp_density.c: density_fds) and the soak's
 * instances; the other experiments keep a few dozen at most. */
static void raise_fd_limit(const struct bench_opts *o)
{
	long need = 0; /* the hard limit as it is */

	if ((o->experiments & EXP_DENSITY) && density_fds(o->n_max, o->jobs) > need)
		need = density_fds(o->n_max, o->jobs);
	if ((o->experiments & EXP_SOAK) && o->soak_n * instance_fds(1) + FDLIMIT_RESERVE > need)
		need = o->soak_n * instance_fds(1) + FDLIMIT_RESERVE;
	fdlimit_raise(need);
}

/* results/latest -> the new run's directory, replaced atomically. */
static void update_latest(const char *out_dir)
{
	const char *name = strrchr(out_dir, '/') ? strrchr(out_dir, '/') + 1 : out_dir;

	unlink("results/.latest.tmp");
	if (symlink(name, "results/.latest.tmp") != 0 ||
	    rename("results/.latest.tmp", "results/latest") != 0)
		fprintf(stderr, "bench: cannot update results/latest: %s\n", strerror(errno));
}

static void prepare_backends(struct run *r, const struct bench_opts *o)
{
	for (int i = 0; i < o->n_backends; i++) {
		const struct backend *be = backend_by_name(o->backend_names[i]);
		char reason[256] = "", key[64];

		if (be->prepare(o, reason, sizeof(reason)) == 0) {
			r->be[r->nb++] = be;
			continue;
		}
		snprintf(key, sizeof(key), "skip.%s", be->name);
		env_set(key, reason);
		fprintf(stderr, "bench: %s: %s\n", be->name, reason);
	}
}

/* Ctrl-C: end every instance still alive, whatever experiment it was in. */
static void teardown_live(void)
{
	struct instance *in;
	int64_t deadline = now_ns() + 15 * 1000000000LL;

	for (in = instance_live_first(); in; in = in->live_next)
		instance_stop(in);
	while (instance_live_count() > 0 && now_ns() < deadline) {
		in = instance_live_first();
		finish_instance(in);
		if (!in->exited)
			break;
	}
}

static int run_experiments(struct run *r)
{
	static const struct {
		unsigned bit;
		int (*fn)(struct run *);
	} order[] = {{EXP_FACTS, exp_facts},	 {EXP_STARTUP, exp_startup},
		     {EXP_MEMORY, exp_memory},	 {EXP_OVERHEAD, exp_overhead},
		     {EXP_DENSITY, exp_density}, {EXP_SOAK, exp_soak}};
	int n = 0;

	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		n += (r->o->experiments & order[i].bit) != 0;
	progress_plan(n);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		if (!(r->o->experiments & order[i].bit) || r->nb == 0)
			continue;
		if (order[i].fn(r) != 0 || bench_interrupted)
			return -1;
		results_write_summary(r->dir);
		env_write(r->dir);
	}
	return 0;
}

/* A backend that can run here and was asked for, but produced no figure
 * in any experiment that measures: every sample failed. The run is not
 * what was asked for, so the harness says so in its exit status. */
static int backends_without_figures(const struct run *r)
{
	int bad = 0;

	/* Facts alone are no figures: only a run that measures can lack them. */
	if ((r->o->experiments & ~(unsigned)EXP_FACTS) == 0)
		return 0;
	for (int b = 0; b < r->nb; b++) {
		if (!results_has_figures(r->be[b]->name)) {
			fprintf(stderr,
				"bench: %s produced no figures (every sample failed: see "
				"fail.%s.* in env.csv)\n",
				r->be[b]->name, r->be[b]->name);
			bad = 1;
		}
	}
	return bad;
}

/* The analysis commands share the binary: bench
 * report|compare|export-json|baseline-for. */
static int analysis_command(int argc, char **argv, int *rc)
{
	if (argc < 2)
		return 0;
	if (strcmp(argv[1], "report") == 0)
		*rc = report_main(argc - 1, argv + 1);
	else if (strcmp(argv[1], "compare") == 0)
		*rc = compare_main(argc - 1, argv + 1);
	else if (strcmp(argv[1], "export-json") == 0)
		*rc = export_json_main(argc - 1, argv + 1);
	else if (strcmp(argv[1], "baseline-for") == 0)
		*rc = baseline_for_main(argc - 1, argv + 1);
	else
		return 0;
	return 1;
}

int main(int argc, char **argv)
{
	static struct bench_opts o;
	struct run r;
	char leftovers[256];
	int64_t t_start = now_ns(), overhead;
	int rc, empty;

	if (analysis_command(argc, argv, &rc))
		return rc;
	/* `bench demo`: the classroom demo (demo.c). */
	if (argc > 1 && strcmp(argv[1], "demo") == 0)
		return bench_demo(argc - 1, argv + 1);
	rc = parse_options(argc, argv, &o);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (install_signals() != 0)
		return 1;
	raise_fd_limit(&o);
	rc = outdir_open(&o);
	if (rc != 0)
		return rc > 0 ? rc : 1;
	/* What runs killed before their teardown left (instances, cgroups,
	 * temporary folders): removed, and said, before we make our own. */
	sweep_stale(leftovers, sizeof(leftovers));
	/* Default budget: half of the memory available now, at most 4 GiB,
	 * so that a default run leaves a shared machine room to breathe. */
	if (o.budget_mib == 0) {
		o.budget_mib = mem_available_kib() / 1024 / 2;
		if (o.budget_mib > 4096)
			o.budget_mib = 4096;
	}
	memset(&r, 0, sizeof(r));
	r.o = &o;
	r.dir = o.out_dir;
	describe_environment(&o);
	fdlimit_to_env();
	if (leftovers[0])
		env_set("leftovers_removed", leftovers);
	if (results_open(o.out_dir) != 0 || sequence_open(o.out_dir) != 0 ||
	    env_write(o.out_dir) != 0 || loop_init() != 0)
		return 1;
	/* From here on instances may exist: the watchdog cleans up if we die. */
	watchdog_start();
	/* Instance cgroups come from the runtime's cgroup module; a dead
	 * run's of our names went with the leftovers above. */
	if (minictr_cgroup_where()[0] == '\0') {
		env_set("cgroup_note", "no memory cgroup controller found");
		fprintf(stderr,
			"bench: no per-instance cgroups: no memory cgroup controller found\n");
	}
	prepare_backends(&r, &o);
	overhead = measure_harness_overhead();
	env_setf("harness_overhead_ns", "%lld", (long long)overhead);
	env_write(o.out_dir);
	fprintf(stderr, "bench: writing %s (%d backend%s can run here)\n", o.out_dir, r.nb,
		r.nb == 1 ? "" : "s");

	rc = run_experiments(&r);
	if (rc != 0 || bench_interrupted) {
		fprintf(stderr, "bench: interrupted: tearing down %d instances\n",
			instance_live_count());
		teardown_live();
	}
	for (int i = 0; i < r.nb; i++)
		if (r.be[i]->finish)
			r.be[i]->finish();
	loop_finish();
	env_set("interrupted", rc != 0 || bench_interrupted ? "yes" : "no");
	env_setf("duration_s", "%.1f", (double)(now_ns() - t_start) / 1e9);
	results_write_summary(o.out_dir);
	env_write(o.out_dir);
	empty = rc == 0 && !bench_interrupted && backends_without_figures(&r);
	results_close();
	sequence_close();
	watchdog_stop();
	if (o.default_out)
		update_latest(o.out_dir);
	fprintf(stderr, "bench: %s in %.1f s: %s\n", rc ? "interrupted" : "done",
		(double)(now_ns() - t_start) / 1e9, o.out_dir);
	if (rc != 0 || bench_interrupted)
		return 130;
	if (r.checks_failed)
		return 1;
	return empty ? 3 : 0;
}
