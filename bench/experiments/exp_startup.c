/*
 * exp_startup.c - start-up latency (docs/methodology.md): the noop workload,
 * startup = t_ready - t0 and lifetime = t_exit - t0 (and, for a backend
 * that provisions before t0, provision: how long that took), plus each
 * backend's own phase stamps, relative to t0, into phases.csv.
 */
#include <stdio.h>
#include <sys/wait.h>

#include "files/results.h"
#include "files/sequence.h"
#include "instances/instance.h"
#include "run.h"

static int exit_ok(const struct instance *in)
{
	return WIFEXITED(in->status) && WEXITSTATUS(in->status) == 0;
}

static int one_sample(struct run *r, int b, int w, int iter, struct failures *f)
{
	static char *const argv[] = {"workload", "noop", NULL};
	const char *name = r->be[b]->name;
	struct instance in;
	int rc;

	sequence_note("startup", name, "noop", iter);
	rc = run_instance(r, &in, r->be[b], argv, 1, 1, 1);

	if (rc == -2)
		return -1;
	if (rc == 0 && !exit_ok(&in)) {
		instance_explain(&in);
		rc = -1;
	}
	note_result(f, b, rc == 0, in.reason);
	if (rc != 0 || iter < 0)
		return 0; /* a failure, or a warm-up sample: not recorded */
	record("startup", name, "noop", "", 1, iter, "startup", "us",
	       (double)(in.t_ready - in.t0) / 1e3);
	record("startup", name, "noop", "", 1, iter, "lifetime", "us",
	       (double)(in.t_exit - in.t0) / 1e3);
	/* A pre-warmed backend's work before t0 (backend.h: provision): not
	 * in its start-up, so shown beside it. */
	if (in.be->provision)
		record("startup", name, "noop", "", 1, iter, "provision", "us",
		       (double)in.provision_ns / 1e3);
	for (int p = 0; p < in.n_phases; p++)
		record_phase("startup", name, "noop", iter, in.phases[p].name,
			     in.phases[p].ns - in.t0);
	return 0;
}

int exp_startup(struct run *r)
{
	return run_rounds(r, "startup", 1, one_sample);
}
