/*
 * exp_overhead.c - run-time overhead (docs/methodology.md): the cpu, syscall
 * and io workloads report their own elapsed time (their clock, inside the
 * instance); the report reads each backend's figure against the plain
 * process's from the same run. lifetime (t_exit - t0) is kept beside it.
 */
#include <stdio.h>
#include <sys/wait.h>

#include "files/results.h"
#include "files/sequence.h"
#include "instances/instance.h"
#include "run.h"

struct kernel {
	const char *name;
	long n;
};

/* w: the kernel, cpu, syscall or io. */
static int one_sample(struct run *r, int b, int w, int iter, struct failures *f)
{
	const struct bench_opts *o = r->o;
	const struct kernel kernels[] = {
	    {"cpu", o->cpu_n}, {"syscall", o->syscall_n}, {"io", o->io_n}};
	const struct kernel *k = &kernels[w];
	char param[24];
	char *argv[] = {"workload", (char *)k->name, param, NULL};
	const char *name = r->be[b]->name;
	struct instance in;
	int rc;

	snprintf(param, sizeof(param), "%ld", k->n);
	sequence_note("overhead", name, k->name, iter);
	rc = run_instance(r, &in, r->be[b], argv, 0, 0, 1);
	if (rc == -2)
		return -1;
	if (rc == 0 &&
	    (!WIFEXITED(in.status) || WEXITSTATUS(in.status) != 0 || in.elapsed_ns < 0)) {
		instance_explain(&in);
		rc = -1;
	}
	note_result(f, b, rc == 0, in.reason);
	if (rc != 0 || iter < 0)
		return 0;
	record("overhead", name, k->name, param, 1, iter, "elapsed", "ns", (double)in.elapsed_ns);
	record("overhead", name, k->name, param, 1, iter, "lifetime", "us",
	       (double)(in.t_exit - in.t0) / 1e3);
	return 0;
}

int exp_overhead(struct run *r)
{
	return run_rounds(r, "overhead", 3, one_sample); /* cpu, syscall, io */
}
