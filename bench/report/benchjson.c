/*
 * benchjson.c - `bench export-json DIR [OUT]`: a run's figures in the JSON
 * that github-action-benchmark reads as tool "customSmallerIsBetter", so
 * that a dashboard can track them run after run: an array of {"name",
 * "unit", "value"}, every p50, and each backend's p50 divided by the
 * plain process's (unit "x"), which travels better between machines.
 * Smaller is better for all.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "files/json.h"
#include "report/commands.h"
#include "report/run.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: bench export-json DIR [OUT]\n"
		   "\n"
		   "Write DIR's figures as github-action-benchmark \"customSmallerIsBetter\" JSON\n"
		   "to OUT (default: standard output): every p50, and each backend's p50 divided\n"
		   "by the plain process's (unit \"x\"). Exit status: 0 done, 1 bad input or a\n"
		   "write error, 2 bad command line.\n");
}

/* experiment/workload[/parameter][/N=n]/metric */
static void series_name(const struct sum_row *r, char *buf, size_t cap)
{
	int param = r->parameter[0] && strcmp(r->parameter, "0") != 0;
	int n = strcmp(r->n_parallel, "1") != 0;

	snprintf(buf, cap, "%s/%s%s%s%s%s/%s", r->experiment, r->workload, param ? "/" : "",
		 param ? r->parameter : "", n ? "/N=" : "", n ? r->n_parallel : "", r->metric);
}

static void entry(FILE *f, int *count, const char *name, const char *tail, const char *unit,
		  double value)
{
	fprintf(f, "%s\n  {\"name\": ", (*count)++ ? "," : "");
	fputc('"', f);
	json_chars(f, name);
	fprintf(f, "%s\", \"unit\": ", tail);
	json_string(f, unit);
	fprintf(f, ", \"value\": %.6g}", value);
}

static int write_json(FILE *f, const struct rundir *r)
{
	int count = 0;

	fprintf(f, "[");
	for (int i = 0; i < r->nrows; i++) {
		const struct sum_row *row = &r->rows[i];
		char name[512], full[640], k[512];
		double proc = NAN;

		if (isnan(row->v[ST_P50]))
			continue;
		series_name(row, name, sizeof(name));
		snprintf(full, sizeof(full), "%s %s", name, row->backend);
		entry(f, &count, full, " p50", row->unit, row->v[ST_P50]);
		if (strcmp(row->backend, "process") == 0)
			continue;
		/* The process's p50 of the same series (the last such row). */
		for (int j = 0; j < r->nrows; j++) {
			if (strcmp(r->rows[j].backend, "process") != 0 ||
			    isnan(r->rows[j].v[ST_P50]))
				continue;
			series_name(&r->rows[j], k, sizeof(k));
			if (strcmp(k, name) == 0)
				proc = r->rows[j].v[ST_P50];
		}
		if (proc > 0)
			entry(f, &count, full, " p50 / process", "x", row->v[ST_P50] / proc);
	}
	fprintf(f, "\n]\n");
	return ferror(f) ? -1 : 0;
}

int export_json_main(int argc, char **argv)
{
	struct rundir r;
	char tmp[4200];
	FILE *f;
	int rc;

	if (argc >= 2 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		usage(stdout);
		return 0;
	}
	if (argc < 2 || argc > 3 || argv[1][0] == '-') {
		fprintf(stderr, "export-json: give a run directory and optionally an output file "
				"(see --help)\n");
		return 2;
	}
	if (run_load(&r, argv[1], "export-json") != 0)
		return 1;
	if (argc == 2) {
		rc = write_json(stdout, &r) == 0 && fflush(stdout) == 0 ? 0 : 1;
		run_free(&r);
		return rc;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
	f = fopen(tmp, "we");
	if (f == NULL) {
		fprintf(stderr, "export-json: open %s: %s\n", tmp, strerror(errno));
		run_free(&r);
		return 1;
	}
	rc = write_json(f, &r);
	if (fclose(f) != 0 || rc != 0 || rename(tmp, argv[2]) != 0) {
		fprintf(stderr, "export-json: write %s: %s\n", argv[2], strerror(errno));
		unlink(tmp);
		rc = 1;
	}
	run_free(&r);
	return rc;
}
