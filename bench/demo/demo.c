/*
 * demo.c - `bench demo` (and `make demo`): the classroom demo, one screen
 * in a few seconds.
 *
 *   1. Each backend this host can run starts the noop workload once. The
 *      container and the microVM are traced (the libraries' --trace, see
 *      demo_trace.c); the process and the Linux microVM show the phase
 *      stamps bench always takes. One column per backend: the steps with
 *      the time (ms since bench forked the instance) at which each ended,
 *      down to READY. Steps of one kind in a row are folded ("mount x22").
 *   2. The headline figures, measured here and now with bench's own
 *      machinery (the same definitions as a full run, far fewer samples):
 *      start-up to READY, p50 and the spread (min to max) over --runs
 *      interleaved starts; memory of one idle instance (pss of its host
 *      processes); the cost of one system call (getpid, from `workload
 *      syscall`, which times its own loop).
 * A full `make bench` is what to quote; this is what to show.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "backends/backend.h"
#include "demo.h"
#include "experiments/run.h"
#include "host/hostkvm.h"
#include "instances/instance.h"
#include "instances/loop.h"
#include "measure/procmem.h"
#include "measure/stats.h"
#include "minictr_cgroup.h"

#define WIDTH	      100 /* columns of the screen it must fit */
#define MAX_RUNS      50
#define SYSCALL_CALLS "100000"

static const char *const demo_backends[] = {"process", "container", "microvm", "linuxvm"};
#define N_DEMO (int)(sizeof(demo_backends) / sizeof(demo_backends[0]))

struct figures {
	struct summary startup_ms;
	double pss_kib;	   /* < 0: not measured */
	double syscall_ns; /* < 0: not measured */
};

static void on_signal(int sig)
{
	(void)sig;
	bench_interrupted = 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: bench demo [--runs N]\n"
		   "\n"
		   "The classroom demo: start the noop workload once in each backend this host\n"
		   "can run, traced (minictr and minivm --trace), and print the steps to READY\n"
		   "side by side; then start-up p50 (spread min to max over N starts, default\n"
		   "7), memory of one idle instance (pss) and the cost of one system call.\n"
		   "Fits one screen; takes a few seconds.\n");
}

static int parse_demo_args(int argc, char **argv, int *runs)
{
	for (int i = 1; i < argc; i++) {
		char *end;

		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return 1;
		}
		if (strcmp(argv[i], "--runs") != 0 || i + 1 >= argc) {
			fprintf(stderr,
				"bench demo: unknown argument '%s' (see bench demo --help)\n",
				argv[i]);
			return -1;
		}
		errno = 0;
		long v = strtol(argv[++i], &end, 10);
		if (errno || *end || v < 1 || v > MAX_RUNS) {
			fprintf(stderr, "bench demo: --runs wants 1 to %d, not '%s'\n", MAX_RUNS,
				argv[i]);
			return -1;
		}
		*runs = (int)v;
	}
	return 0;
}

/* A column from bench's own phase stamps (process, linuxvm). */
static void phase_column(struct run *r, const struct backend *be, struct demo_column *col)
{
	static char *const argv[] = {"workload", "noop", NULL};
	struct instance in;

	if (run_instance(r, &in, be, argv, 1, 1, 1) != 0) {
		snprintf(col->error, sizeof(col->error), "%s", in.reason);
		return;
	}
	demo_add_row(col, 0, "fork");
	for (int p = 0; p < in.n_phases; p++)
		if (in.phases[p].ns <= in.t_ready && strcmp(in.phases[p].name, "fork") != 0)
			demo_add_row(col, (double)(in.phases[p].ns - in.t0) / 1e6,
				     in.phases[p].name);
	demo_add_row(col, (double)(in.t_ready - in.t0) / 1e6, "READY");
}

static void print_timeline(struct demo_column *cols, int n)
{
	int w = (WIDTH - 1) / n, rows = 0;

	for (int c = 0; c < n; c++) {
		printf("%-*.*s", w, w - 1, cols[c].title);
		rows = cols[c].n > rows ? cols[c].n : rows;
	}
	printf("\n");
	for (int i = 0; i < rows; i++) {
		for (int c = 0; c < n; c++) {
			const struct demo_row *row = &cols[c].rows[i];
			char cell[64];

			if (i >= cols[c].n) {
				snprintf(cell, sizeof(cell), "%s", i == 0 ? cols[c].error : "");
			} else {
				char name[40];

				if (row->count > 1)
					snprintf(name, sizeof(name), "%s x%d", row->step,
						 row->count);
				else
					snprintf(name, sizeof(name), "%s", row->step);
				snprintf(cell, sizeof(cell), "%7.3f %s", row->ms, name);
			}
			printf("%-*.*s", w, w - 1, cell);
		}
		printf("\n");
	}
}

/* Start-up: runs interleaved rounds over the backends, READY - t0. */
static void measure_startup(struct run *r, int runs, struct figures *fig)
{
	static char *const argv[] = {"workload", "noop", NULL};
	double v[MAX_BACKENDS][MAX_RUNS];
	int got[MAX_BACKENDS] = {0};

	for (int i = 0; i < runs && !bench_interrupted; i++)
		for (int b = 0; b < r->nb; b++) {
			struct instance in;

			if (run_instance(r, &in, r->be[b], argv, 0, 1, 1) == 0)
				v[b][got[b]++] = (double)(in.t_ready - in.t0) / 1e6;
		}
	for (int b = 0; b < r->nb; b++)
		summarize(v[b], (size_t)got[b], &fig[b].startup_ms);
}

/* Memory: one idle instance, pss of its host processes once its Rss
 * stops growing (as exp_memory.c waits, at most 300 ms). */
static double measure_pss(struct run *r, const struct backend *be)
{
	static char *const argv[] = {"workload", "idle", NULL};
	struct instance in;
	struct procmem a = {0}, b = {0};
	double pss = -1;

	if (run_instance(r, &in, be, argv, 0, 1, 0) != 0)
		return -1;
	if (procmem_tree(in.pid, &a) == 0) {
		for (int i = 0; i < 30; i++) {
			sleep_ms(10);
			if (procmem_tree(in.pid, &b) != 0 || b.rss_kib == a.rss_kib)
				break;
			a = b;
		}
		pss = (double)a.pss_kib;
	}
	finish_instance(&in);
	return pss;
}

/* One getpid: the workload times SYSCALL_CALLS of them (ELAPSED ns). */
static double measure_syscall(struct run *r, const struct backend *be)
{
	static char *const argv[] = {"workload", "syscall", SYSCALL_CALLS, NULL};
	struct instance in;

	if (run_instance(r, &in, be, argv, 0, 0, 1) != 0 || !WIFEXITED(in.status) ||
	    WEXITSTATUS(in.status) != 0 || in.elapsed_ns < 0)
		return -1;
	return (double)in.elapsed_ns / atof(SYSCALL_CALLS);
}

static void print_figures(const struct run *r, const struct figures *fig, int runs)
{
	printf("\n%-12s %30s %16s %16s\n", "", "start-up to READY, ms", "memory, pss",
	       "one getpid");
	printf("%-12s %30s %16s %16s\n", "backend", "p50 (min - max)", "idle, KiB", "ns");
	for (int b = 0; b < r->nb; b++) {
		const struct summary *s = &fig[b].startup_ms;
		char st[48] = "-", pss[24] = "-", sc[24] = "-";

		if (s->n > 0)
			snprintf(st, sizeof(st), "%.2f (%.2f - %.2f) n=%zu", s->p50, s->min, s->max,
				 s->n);
		if (fig[b].pss_kib >= 0)
			snprintf(pss, sizeof(pss), "%.0f", fig[b].pss_kib);
		if (fig[b].syscall_ns >= 0)
			snprintf(sc, sizeof(sc), "%.0f", fig[b].syscall_ns);
		printf("%-12s %30s %16s %16s\n", r->be[b]->name, st, pss, sc);
	}
	printf(
	    "(%d starts each, interleaved; a quick look: `make bench` measures these properly)\n",
	    runs);
}

static void prepare(struct run *r, const struct bench_opts *o, char *skipped, size_t len)
{
	size_t used = 0;

	for (int i = 0; i < N_DEMO; i++) {
		const struct backend *be = backend_by_name(demo_backends[i]);
		char reason[256] = "";

		if (be && be->prepare(o, reason, sizeof(reason)) == 0) {
			r->be[r->nb++] = be;
			continue;
		}
		/* "unsupported here: WHY; more": WHY is enough on this screen. */
		const char *why = strncmp(reason, "unsupported here: ", 18) ? reason : reason + 18;
		if (used < len)
			used += (size_t)snprintf(skipped + used, len - used, "%s%s (%.*s)",
						 used ? ", " : "", demo_backends[i],
						 (int)strcspn(why, ";"), why);
	}
}

static void run_demo(struct run *r, int runs)
{
	struct demo_column cols[MAX_BACKENDS];
	struct figures fig[MAX_BACKENDS];

	memset(cols, 0, sizeof(cols));
	for (int b = 0; b < r->nb && !bench_interrupted; b++) {
		const char *name = r->be[b]->name;

		cols[b].title = name;
		if (!strcmp(name, "container") || !strcmp(name, "microvm"))
			demo_traced(r->o, name, &cols[b]);
		else
			phase_column(r, r->be[b], &cols[b]);
	}
	printf("Steps to READY, ms since bench forked the instance (container, microvm: their "
	       "--trace;\nKVM ioctls without the KVM_ prefix; like steps in a row folded, x N)\n");
	print_timeline(cols, r->nb);
	fflush(stdout);

	measure_startup(r, runs, fig);
	for (int b = 0; b < r->nb && !bench_interrupted; b++) {
		fig[b].pss_kib = measure_pss(r, r->be[b]);
		fig[b].syscall_ns = measure_syscall(r, r->be[b]);
	}
	if (!bench_interrupted)
		print_figures(r, fig, runs);
}

int bench_demo(int argc, char **argv)
{
	static struct bench_opts o;
	static char *const no_args[] = {"bench", NULL};
	char skipped[1024] = "";
	struct run r;
	int runs = 7, rc;

	rc = parse_demo_args(argc, argv, &runs);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	if (parse_options(1, (char **)no_args, &o) != 0)
		return 1;
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal; /* no SA_RESTART: the waits see EINTR */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0) {
		fprintf(stderr, "bench demo: sigaction: %s\n", strerror(errno));
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	memset(&r, 0, sizeof(r));
	r.o = &o;
	if (loop_init() != 0)
		return 1;
	if (minictr_cgroup_where()[0] == '\0')
		fprintf(stderr,
			"bench demo: no per-instance cgroups: no memory cgroup controller\n");
	prepare(&r, &o, skipped, sizeof(skipped));
	printf("bench demo: the noop workload (READY, exit) on this host (KVM: %s)\n",
	       kvm_flavour());
	if (skipped[0])
		printf("not here: %.*s\n", WIDTH - 11, skipped);
	if (r.nb > 0)
		run_demo(&r, runs);
	for (int i = 0; i < r.nb; i++)
		if (r.be[i]->finish)
			r.be[i]->finish();
	loop_finish();
	if (bench_interrupted) {
		fprintf(stderr, "bench demo: interrupted\n");
		return 130;
	}
	return r.nb > 0 ? 0 : 1;
}
