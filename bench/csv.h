/*
 * csv.h - RFC 4180 CSV files that are valid at every moment: each row is
 * put together in memory and written with one write(2), so an interrupted
 * run leaves whole rows only; a file written "atomic" appears under its
 * name only when complete (write to NAME.tmp, then rename).
 */
#ifndef BENCH_CSV_H
#define BENCH_CSV_H

#include <limits.h>
#include <stddef.h>

struct csv {
	int fd;
	int ncols;
	int atomic;
	char path[PATH_MAX];
	char tmp[PATH_MAX];
};

/* The header lines of the results files (schema: bench/README.md, "Files"). */
#define CSV_SAMPLES "experiment,backend,workload,parameter,n_parallel,iteration,metric,unit,value"
#define CSV_SUMMARY                                                                                \
	"experiment,backend,workload,parameter,n_parallel,metric,unit,n,min,p50,p95,p99,max,mean," \
	"stddev"
#define CSV_PHASES "experiment,backend,workload,iteration,phase,ns"
#define CSV_ENV	   "key,value"
#define CSV_FACTS  "backend,key,value"

/* Format one row (no newline handling needed by the caller: it ends in
 * "\n"). A field is quoted only when it holds a comma, a quote, CR or LF;
 * quotes inside are doubled. Returns the length, or -1 if cap is short. */
long csv_format_row(char *buf, size_t cap, const char *const *fields, int n);

/* Create DIR/NAME and write the header (its column count is checked
 * against every row). Returns 0, or -1 after printing an error. */
int csv_open(struct csv *c, const char *dir, const char *name, const char *header, int atomic);
int csv_row(struct csv *c, const char *const *fields, int n);
/* Close; an atomic file is renamed into place. Returns 0 or -1. */
int csv_close(struct csv *c);
/* Close and delete an atomic file's temporary (the old file stays). */
void csv_abandon(struct csv *c);

#endif
