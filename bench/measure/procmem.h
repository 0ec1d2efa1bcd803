/* procmem.h - memory of an instance's host processes, and of the system. */
#ifndef BENCH_PROCMEM_H
#define BENCH_PROCMEM_H

#include <stdint.h>
#include <sys/types.h>

struct procmem {
	int64_t pss_kib, uss_kib, rss_kib;
	int nprocs;
};

/* Sum /proc/P/smaps_rollup over pid and all its descendants. 0 or -1. */
int procmem_tree(pid_t pid, struct procmem *m);
/* Parse one smaps_rollup text into *m (adds to it; for the tests). */
void procmem_parse_rollup(const char *text, struct procmem *m);
/* The children of pid (of all its threads) into out; returns how many. */
int procmem_children(pid_t pid, pid_t *out, int max);
/* MemAvailable of a /proc/meminfo text in KiB, or -1 (for the tests). */
int64_t procmem_parse_meminfo(const char *text);
/* The `system` figure: MemAvailable's fall from before to after, per
 * instance of n (KiB; negative when it rose: noise, kept as measured);
 * NAN for a missing reading. */
double procmem_system_per_instance(int64_t before_kib, int64_t after_kib, int n);
/* MemAvailable from /proc/meminfo in KiB, or -1. */
int64_t mem_available_kib(void);
/* MemAvailable once it has stopped moving (see procmem.c). */
int64_t mem_available_settled_kib(void);

#endif
