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

/*
 * Reading (csv_read.c): a whole file parsed into memory, the way the
 * report and compare commands read a run. Quoted fields may hold commas,
 * doubled quotes and line breaks; a CR before LF is dropped (a file
 * edited on Windows). Every row must have the header's column count.
 */
struct csv_table {
	int ncols;
	int nrows;
	char **cell; /* (nrows + 1) * ncols fields; row 0 is the header */
	char *text;  /* the file's bytes, the fields point into them */
};

/* Read PATH. Returns 0, or -1 after printing one line of error (missing
 * file, a row of the wrong width, an unterminated quote). */
int csv_read(const char *path, struct csv_table *t);
/* Column index of NAME in the header, or -1. */
int csv_column(const struct csv_table *t, const char *name);
/* Field col of data row row (0-based, header not counted). */
const char *csv_field(const struct csv_table *t, int row, int col);
/* Check that every name in the NULL-terminated list is a column; print
 * one line per missing one ("FILE: no column 'NAME' in the header"). */
int csv_require(const struct csv_table *t, const char *file, const char *const *names);
void csv_table_free(struct csv_table *t);

#endif
