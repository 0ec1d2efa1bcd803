/*
 * exp_soak.c - many launches, some of them killed, and nothing may grow
 * (--experiments soak; not in the default suite). For each backend, --soak
 * N instances: half one after another (the `noop` workload, which ends by
 * itself), half in parallel batches of 16 live `idle` ones, stopped
 * together. A random 10% (seeded by --seed) get SIGKILL on their top
 * process instead (the workload, the container's PID 1, the VMM) at a
 * random moment: right after the launch, a few milliseconds later, or
 * once READY.
 *
 * Before and after each backend's N, the harness counts what a leak would
 * grow: its own open fds, its child processes, the host's mounts, the
 * run's cgroups, the processes in them and its temporary folders
 * (cleanup/sweep.c), and its heap in use (mallinfo2: freed memory counts as
 * free, unlike rss). Each must be back to its value before the N; the
 * heap is compared with its value after the first 10% (the first
 * launches fill caches once: the C library's, the runtime's). A count
 * that grew fails the run (exit status 1); soak.<backend> in env.csv
 * and the soak rows of samples.csv hold the figures.
 *
 * Killing the harness itself cannot be done from inside: the soak script
 * (tests/integration/bench/soak.sh) does that, and SIGKILLs minictr and
 * minivm run as commands.
 */
#include <dirent.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cleanup/sweep.h"
#include "files/results.h"
#include "instances/instance.h"
#include "instances/loop.h"
#include "measure/order.h"
#include "run.h"

#define SOAK_BATCH     16
#define HEAP_SLACK_KIB 64 /* the heap may wobble by this much */

struct counters {
	int fds, children, mounts;
	struct sweep_tally run;
	long heap_kib, rss_kib;
};

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int count_words_lines(const char *path, int lines)
{
	FILE *f = fopen(path, "re");
	int c, n = 0, in_word = 0;

	if (f == NULL)
		return -1;
	while ((c = fgetc(f)) != EOF) {
		if (lines) {
			n += c == '\n';
		} else {
			if (c != ' ' && c != '\n' && !in_word)
				n++;
			in_word = c != ' ' && c != '\n';
		}
	}
	fclose(f);
	return n;
}

static void take(struct counters *c)
{
	char path[64];
	struct mallinfo2 mi = mallinfo2();
	long pages = 0;
	FILE *f = fopen("/proc/self/statm", "re");

	c->fds = count_entries("/proc/self/fd") - 1; /* less opendir's own */
	snprintf(path, sizeof(path), "/proc/self/task/%d/children", (int)getpid());
	c->children = count_words_lines(path, 0);
	c->mounts = count_words_lines("/proc/self/mountinfo", 1);
	sweep_census(getpid(), &c->run);
	c->heap_kib = (long)(mi.uordblks / 1024);
	if (f != NULL) {
		if (fscanf(f, "%*d %ld", &pages) != 1)
			pages = 0;
		fclose(f);
	}
	c->rss_kib = pages * (sysconf(_SC_PAGESIZE) / 1024);
}

struct tally {
	long launched, killed, failed;
};

/* SIGKILL the instance's top process at one of three moments, picked by
 * x: at once, 1 to 3 ms later, or once READY (or ended). */
static void kill_at(struct run *r, struct instance *in, uint64_t x)
{
	unsigned when = (unsigned)(x >> 8) % 3;

	if (when == 1) {
		sleep_ms(1 + (int)((x >> 16) % 3));
	} else if (when == 2) {
		struct inst_set one = {in, 1};
		loop_wait(set_all_settled, &one, now_ns() + (int64_t)(r->o->ready_timeout_s * 1e9),
			  0);
	}
	if (!in->exited)
		kill(in->pid, SIGKILL);
}

/* One instance at a time; 0, or -1 if interrupted. */
static int sequential(struct run *r, const struct backend *be, long n, uint64_t *rng,
		      struct tally *t, struct counters *warm)
{
	static char *const noop[] = {"workload", "noop", NULL};
	static char *const idle[] = {"workload", "idle", NULL};

	for (long i = 0; i < n && !bench_interrupted; i++) {
		uint64_t x = splitmix64(rng);
		int killed = x % 10 == 0;
		struct instance in;

		if (i == n / 10)
			take(warm);
		t->launched++;
		if (!killed) {
			int rc = run_instance(r, &in, be, noop, 0, 1, 1);

			if (rc == -2)
				return -1;
			t->failed +=
			    rc != 0 || !WIFEXITED(in.status) || WEXITSTATUS(in.status) != 0;
			finish_instance(&in);
			continue;
		}
		t->killed++;
		instance_init(&in, be);
		if (instance_launch(&in, idle, 0) != 0) {
			t->failed++;
			continue;
		}
		kill_at(r, &in, x);
		finish_instance(&in);
	}
	return bench_interrupted ? -1 : 0;
}

/* Batches of SOAK_BATCH live at once; 0, or -1 if interrupted. */
static int batches(struct run *r, const struct backend *be, long n, uint64_t *rng, struct tally *t)
{
	static char *const idle[] = {"workload", "idle", NULL};
	struct instance v[SOAK_BATCH];
	int64_t timeout = (int64_t)(r->o->ready_timeout_s * 1e9);

	for (long done = 0; done < n && !bench_interrupted;) {
		int k = n - done < SOAK_BATCH ? (int)(n - done) : SOAK_BATCH;
		struct inst_set set = {v, k};

		memset(v, 0, sizeof(v));
		for (int i = 0; i < k; i++) {
			uint64_t x = splitmix64(rng);

			instance_init(&v[i], be);
			t->launched++;
			if (instance_launch(&v[i], idle, 0) != 0) {
				t->failed++;
				continue;
			}
			if (x % 10 == 0) {
				t->killed++;
				v[i].failed = 1; /* expected to end early */
				kill_at(r, &v[i], x);
			}
		}
		loop_wait(set_all_settled, &set, now_ns() + timeout, 0);
		for (int i = 0; i < k; i++) {
			if (!v[i].failed && !v[i].ready)
				t->failed++;
			instance_stop(&v[i]);
		}
		if (loop_wait(set_all_exited, &set, now_ns() + 60 * 1000000000LL, 0) != 0) {
			fprintf(stderr, "bench: soak: instances still alive 60 s after the kill\n");
			return -1;
		}
		done += k;
	}
	return bench_interrupted ? -1 : 0;
}

/* Compare and say; 1 if something grew. */
static int grew(const char *name, const struct counters *a, const struct counters *w,
		const struct counters *b, char *text, size_t cap)
{
	long heap = b->heap_kib - w->heap_kib;
	int bad = b->fds != a->fds || b->children != a->children || b->mounts != a->mounts ||
		  b->run.procs != a->run.procs || b->run.cgroups != a->run.cgroups ||
		  b->run.dirs != a->run.dirs || heap > HEAP_SLACK_KIB;

	snprintf(text, cap,
		 "%s: fds %d->%d children %d->%d mounts %d->%d cgroups %d->%d "
		 "processes-in-cgroups %d->%d temp-folders %d->%d heap-KiB %ld->%ld rss-KiB "
		 "%ld->%ld",
		 bad ? "GREW" : "ok", a->fds, b->fds, a->children, b->children, a->mounts,
		 b->mounts, a->run.cgroups, b->run.cgroups, a->run.procs, b->run.procs, a->run.dirs,
		 b->run.dirs, w->heap_kib, b->heap_kib, a->rss_kib, b->rss_kib);
	fprintf(stderr, "bench: soak: %s: %s\n", name, text);
	return bad;
}

int exp_soak(struct run *r)
{
	const struct bench_opts *o = r->o;
	uint64_t rng = o->seed * 0x9e3779b97f4a7c15ULL + 0x50a4;

	progress_begin("soak", r->nb);
	for (int b = 0; b < r->nb; b++) {
		const struct backend *be = r->be[b];
		struct counters before, warm, after;
		struct tally t = {0, 0, 0};
		char key[64], text[256];
		int64_t t0 = now_ns();

		/* One instance first, not counted: what the first launch
		 * opens once and keeps (the shared /dev/null) is no leak. */
		if (sequential(r, be, 1, &rng, &t, &warm) != 0)
			return -1;
		t.launched = t.killed = t.failed = 0;
		take(&before);
		warm = before;
		if (sequential(r, be, o->soak_n / 2, &rng, &t, &warm) != 0 ||
		    batches(r, be, o->soak_n - o->soak_n / 2, &rng, &t) != 0)
			return -1;
		take(&after);
		r->checks_failed |= grew(be->name, &before, &warm, &after, text, sizeof(text));
		snprintf(key, sizeof(key), "soak.%s", be->name);
		env_setf(key, "%ld launched, %ld killed, %ld failed, %.0f s; %s", t.launched,
			 t.killed, t.failed, (double)(now_ns() - t0) / 1e9, text);
		record("soak", be->name, "idle", "", SOAK_BATCH, 0, "launched", "count",
		       (double)t.launched);
		record("soak", be->name, "idle", "", SOAK_BATCH, 0, "killed", "count",
		       (double)t.killed);
		record("soak", be->name, "idle", "", SOAK_BATCH, 0, "failed", "count",
		       (double)t.failed);
		record("soak", be->name, "idle", "", SOAK_BATCH, 0, "fds_growth", "count",
		       after.fds - before.fds);
		record("soak", be->name, "idle", "", SOAK_BATCH, 0, "heap_growth", "KiB",
		       (double)(after.heap_kib - warm.heap_kib));
		progress_step(b + 1);
	}
	progress_end();
	return 0;
}
