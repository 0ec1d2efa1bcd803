/*
 * exp_facts.c - what the workload sees from inside each backend, for the
 * claims "uses the host's operating system" and "runs in isolation":
 * which kernel answers uname, its own pid, the hostname, how many
 * processes it can see in /proc, which network interfaces it has.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>

#include "files/results.h"
#include "instances/instance.h"
#include "run.h"

/* Run `workload MODE` once; 0 with its output in *in, or -1 / -2. */
static int ask(struct run *r, int b, const char *mode, struct instance *in)
{
	char *argv[] = {"workload", (char *)mode, NULL};
	int rc = run_instance(r, in, r->be[b], argv, 0, 0, 1);

	if (rc == -1)
		fprintf(stderr, "bench: facts: %s: workload %s failed: %s\n", r->be[b]->name, mode,
			in->reason);
	return rc;
}

static void fact_from(const struct instance *in, const char *backend, const char *line_key,
		      const char *fact_key)
{
	char value[256];

	if (instance_output_value(in, line_key, value, sizeof(value)) == NULL)
		snprintf(value, sizeof(value), "n/a");
	record_fact(backend, fact_key, value);
}

int exp_facts(struct run *r)
{
	struct utsname host;
	struct instance in;

	if (uname(&host) != 0)
		host.release[0] = '\0';
	progress_begin("facts", r->nb);
	for (int b = 0; b < r->nb; b++) {
		const char *name = r->be[b]->name;
		char value[256];
		int rc = ask(r, b, "uname", &in);

		if (rc == -2)
			return -1;
		if (rc == 0 && instance_output_value(&in, "UNAME", value, sizeof(value))) {
			const char *sp = strchr(value, ' ');
			char release[128];

			record_fact(name, "uname", value);
			snprintf(release, sizeof(release), "%s", sp ? sp + 1 : "");
			record_fact(name, "kernel_shared",
				    strcmp(release, host.release) == 0 ? "yes" : "no");
		}
		rc = ask(r, b, "isolate", &in);
		if (rc == -2)
			return -1;
		if (rc == 0) {
			fact_from(&in, name, "PID", "pid");
			fact_from(&in, name, "HOSTNAME", "hostname");
			fact_from(&in, name, "PIDS", "visible_pids");
			fact_from(&in, name, "NETIF", "net_ifaces");
		}
		progress_step(b + 1);
	}
	progress_end();
	return 0;
}
