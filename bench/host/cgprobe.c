/*
 * cgprobe.c - how dear a new memory cgroup is on this boot (cgprobe.h).
 *
 * Every instance of every backend starts with one: the harness makes a
 * memory cgroup per process, VM and container (minictr makes its own), and
 * the start-up clock runs while it is made. What that costs is not a
 * property of the host alone but of its history since boot. A memory
 * cgroup is given per-cgroup state for every shrinker the kernel has ever
 * registered (one per file system mounted, and a container mounts
 * several), and that count never falls until reboot. After density steps
 * of 10,000 containers, a mkdir in the memory hierarchy went from about
 * 120 to 175-300 us and charged about 700 KiB of kernel memory (2-core
 * AMD EPYC and Intel Xeon PVM VMs, 2026-12-02; bench/README.md). Two runs
 * on the same machine can therefore differ only because of what ran in
 * between: env.csv records this probe so that a reader can tell.
 *
 * The probe makes and removes cgroups named like an instance's
 * ("vmbench-PID-0": the sweep of a dead run finds them too), one at a
 * time, and times minictr_cgroup_create, the call the backends make.
 */
#include <stdio.h>
#include <unistd.h>

#include "cgprobe.h"
#include "measure/clock.h"
#include "measure/stats.h"
#include "minictr_cgroup.h"

double cgroup_mkdir_probe_us(int n)
{
	double us[CGPROBE_MAX];
	struct summary sum;
	char name[64];
	int done = 0;

	if (n > CGPROBE_MAX)
		n = CGPROBE_MAX;
	if (minictr_cgroup_where()[0] == '\0')
		return -1; /* no memory cgroups here */
	/* Id 0: no instance has it (instance ids start at 1). */
	snprintf(name, sizeof(name), "vmbench-%d-0", (int)getpid());
	for (int i = 0; i < n; i++) {
		int64_t t0 = now_ns();
		struct minictr_cgroup *cg = minictr_cgroup_create(name);
		int64_t t1 = now_ns();

		if (cg == NULL)
			break; /* the caller says "not measured"; the run goes on */
		minictr_cgroup_remove(cg);
		us[done++] = (double)(t1 - t0) / 1000.0;
	}
	if (done < n)
		return -1;
	summarize(us, (size_t)done, &sum);
	return sum.p50;
}
