/*
 * cgprobe.h - the cost of making one memory cgroup on this boot, for
 * env.csv (cgprobe.c says why it varies from boot to boot).
 */
#ifndef BENCH_CGPROBE_H
#define BENCH_CGPROBE_H

/* The most cgroups one probe makes. */
#define CGPROBE_MAX 100

/* Make and remove n memory cgroups (at most CGPROBE_MAX), one at a time,
 * as an instance's is made; return the p50 time of a making in us, or -1
 * when there are no memory cgroups here or one could not be made. */
double cgroup_mkdir_probe_us(int n);

#endif
