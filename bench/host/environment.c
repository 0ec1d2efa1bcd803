/*
 * environment.c - the machine a run was measured on, for env.csv: an
 * absolute time is a property of one machine on one day, so every result
 * file carries kernel, CPU, cores, KVM flavour, cgroup version, compiler
 * and the source's git commit.
 */
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "cgprobe.h"
#include "environment.h"
#include "experiments/run.h" /* SETTLE_MS */
#include "files/results.h"
#include "hostkvm.h"
#include "minictr_cgroup.h"

static void cpu_model(char *buf, size_t cap)
{
	char line[512];
	FILE *f = fopen("/proc/cpuinfo", "re");

	snprintf(buf, cap, "unknown");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (strncmp(line, "model name", 10) != 0 || colon == NULL)
			continue;
		colon += 1 + (colon[1] == ' ');
		colon[strcspn(colon, "\n")] = '\0';
		snprintf(buf, cap, "%s", colon);
		break;
	}
	fclose(f);
}

/* The commit of the tree the harness runs in (make bench runs it from the
 * repository root), with "-dirty" when files differ from it. */
static void git_commit(char *buf, size_t cap)
{
	FILE *p = popen("git rev-parse --short=12 HEAD 2>/dev/null && "
			"{ git diff --quiet HEAD 2>/dev/null || echo dirty; }",
			"r");
	char line[64], out[96] = "";

	snprintf(buf, cap, "unknown");
	if (p == NULL)
		return;
	while (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = '\0';
		if (out[0])
			strncat(out, "-", sizeof(out) - strlen(out) - 1);
		strncat(out, line, sizeof(out) - strlen(out) - 1);
	}
	if (pclose(p) == 0 && out[0])
		snprintf(buf, cap, "%s", out);
}

/* What making one memory cgroup costs on this boot (cgprobe.c): every
 * instance's start-up pays one, and it grows with what the machine ran
 * since boot. 30 makings: about 5 ms on a fresh boot. */
static void cgroup_probe(void)
{
	double us = cgroup_mkdir_probe_us(30);

	if (us >= 0)
		env_setf("cgroup_mkdir_us", "%.0f", us);
}

void describe_environment(const struct bench_opts *o)
{
	char buf[256];
	struct utsname u;
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	env_set("date", buf);
	if (uname(&u) == 0) {
		env_set("host", u.nodename);
		env_set("kernel", u.release);
	}
	cpu_model(buf, sizeof(buf));
	env_set("cpu_model", buf);
	env_setf("cores", "%ld", sysconf(_SC_NPROCESSORS_ONLN));
	env_set("kvm_flavour", kvm_flavour_recorded());
	if (kvm_emulator())
		env_set("kvm_emulator", kvm_emulator());
	env_set("cgroup_version", minictr_cgroup_version());
	cgroup_probe();
#ifdef __clang__
	env_set("compiler", "clang " __clang_version__);
#else
	env_set("compiler", "gcc " __VERSION__);
#endif
	git_commit(buf, sizeof(buf));
	env_set("git_commit", buf);
	env_set("quick", o->quick ? "yes" : "no");
	env_set("interrupted", "yes"); /* until the run ends properly */
	env_setf("seed", "%llu", (unsigned long long)o->seed);
	env_set("order", "backends interleaved sample by sample, shuffled round-robin "
			 "(SplitMix64 Fisher-Yates per round, seeded)");
	env_setf("settle_ms", "%d", SETTLE_MS(o));
	env_setf("runs", "%d", o->runs);
	env_setf("warmup", "%d", o->warmup);
	env_setf("jobs", "%d", o->jobs);
	env_setf("budget_mib", "%ld", o->budget_mib);
	env_setf("n_max", "%d", o->n_max);
	env_setf("workload.mem_mib", "%ld", o->mem_mib);
	env_setf("memory.system_batch", "%d", o->mem_batch);
	env_setf("workload.cpu_n", "%ld", o->cpu_n);
	env_setf("workload.syscall_n", "%ld", o->syscall_n);
	env_setf("workload.io_n", "%ld", o->io_n);
}
