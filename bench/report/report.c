/*
 * report.c - `bench report DIR`: the verdicts (verdicts.csv), REPORT.md
 * and the plots of one run, from its CSV files alone.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/commands.h"
#include "report/gnuplot.h"
#include "report/hosts.h"
#include "report/lookup.h"
#include "report/markdown.h"
#include "report/plotdata.h"

/* Exit statuses (also in --help). */
enum { REPORT_OK = 0, REPORT_ERROR = 1, REPORT_USAGE = 2, REPORT_FAILED_BACKEND = 3 };

static void usage(FILE *f)
{
	fprintf(f, "usage: bench report [--no-plots] [--plot-scripts DIR] DIR\n"
		   "       bench report [--no-plots] [--hosts-out OUT] DIR1 DIR2 ...\n"
		   "\n"
		   "Make the plots and REPORT.md of one benchmark run. Reads only DIR's CSV\n"
		   "files (env.csv and summary.csv are required; samples.csv, phases.csv and\n"
		   "facts.csv are used when there). Writes DIR/plots/*.png and *.svg (gnuplot),\n"
		   "DIR/verdicts.csv, DIR/REPORT.md (short) and DIR/APPENDIX.md (every figure);\n"
		   "a failed report leaves the earlier files.\n"
		   "\n"
		   "  --no-plots          REPORT.md without plots (no gnuplot needed)\n"
		   "  --hosts-out OUT     with several runs (hosts, or repeats on one): each\n"
		   "                      gets its own report, and OUT/REPORT.md and\n"
		   "                      OUT/verdicts.csv show each claim's verdict run by\n"
		   "                      run, whether they agree, and the spread of every\n"
		   "                      ratio across the runs (default results/hosts)\n"
		   "  --plot-scripts DIR  the gnuplot scripts (default: scripts/plots/ beside\n"
		   "                      the build folder of this bench)\n"
		   "\n"
		   "Exit status: 0 done; 1 bad input or a write error; 2 bad command line;\n"
		   "3 written, but a backend that was not skipped produced no figures (every\n"
		   "sample failed): REPORT.md says so and draws no verdict from it.\n");
}

/* scripts/plots next to build/: the bench binary is <repo>/build/bench. */
static void default_scripts(char *buf, size_t cap)
{
	char exe[4096];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	char *slash;

	snprintf(buf, cap, "scripts/plots");
	if (n <= 0)
		return;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash == NULL)
		return;
	*slash = '\0';
	if (strlen(exe) + sizeof("/../scripts/plots") <= cap)
		snprintf(buf, cap, "%.3900s/../scripts/plots", exe);
}

/* Write PATH through a temporary beside it: never a half-written file. */
static FILE *open_tmp(const char *dir, const char *name, char *tmp, size_t cap)
{
	FILE *f;

	snprintf(tmp, cap, "%s/.%s.tmp", dir, name);
	f = fopen(tmp, "we");
	if (f == NULL)
		fprintf(stderr, "report: open %s: %s\n", tmp, strerror(errno));
	return f;
}

static int close_tmp(FILE *f, const char *tmp, int ok)
{
	if (fclose(f) != 0 || !ok) {
		if (ok)
			fprintf(stderr, "report: write %s: %s\n", tmp, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int write_outputs(const struct rundir *r, const struct verdicts *v,
			 const struct phase_median *ph, int nph, const struct report_plots *plots)
{
	/* verdicts.csv, REPORT.md, APPENDIX.md: each written whole to a
	 * temporary, renamed into place only when all three were. */
	static const char *const name[3] = {"verdicts.csv", "REPORT.md", "APPENDIX.md"};
	char tmp[3][4200], final[4200];
	int ok = 1, made = 0;

	for (; made < 3 && ok; made++) {
		FILE *f = open_tmp(r->dir, name[made], tmp[made], sizeof(tmp[made]));
		if (f == NULL) {
			ok = 0;
			break;
		}
		if (made == 0)
			ok = write_verdicts_csv(f, r, v) == 0;
		else if (made == 1)
			ok = write_markdown(f, r, v, plots) == 0;
		else
			ok = write_appendix(f, r, ph, nph) == 0;
		ok = close_tmp(f, tmp[made], ok) == 0 && ok;
	}
	for (int i = 0; i < made && ok; i++) {
		snprintf(final, sizeof(final), "%s/%s", r->dir, name[i]);
		if (rename(tmp[i], final) != 0) {
			fprintf(stderr, "report: rename %s: %s\n", final, strerror(errno));
			ok = 0;
		}
	}
	if (!ok)
		for (int i = 0; i < made; i++)
			unlink(tmp[i]);
	return ok ? 0 : -1;
}

/* The scratch folder holds only plain files that plots() wrote. */
static void remove_work(const char *work)
{
	DIR *d = opendir(work);
	struct dirent *e;
	char path[4200];

	if (d == NULL) {
		fprintf(stderr, "report: opendir %s: %s\n", work, strerror(errno));
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", work, e->d_name);
		if (unlink(path) != 0)
			fprintf(stderr, "report: unlink %s: %s\n", path, strerror(errno));
	}
	closedir(d);
	if (rmdir(work) != 0)
		fprintf(stderr, "report: rmdir %s: %s\n", work, strerror(errno));
}

/* Make the plots in a scratch folder; made gets their names. */
static void plots(const struct rundir *r, const char *scripts, const struct phase_median *ph,
		  int nph, char *made, size_t cap)
{
	char work[] = "/tmp/vmbench-report.XXXXXX", names[512];

	made[0] = '\0';
	if (!gnuplot_found()) {
		fprintf(stderr, "report: gnuplot not found: REPORT.md without plots (install "
				"gnuplot-nox)\n");
		return;
	}
	if (strchr(r->dir, '\'') || strchr(scripts, '\'')) {
		fprintf(stderr, "report: a quote in %s or %s: no plots (gnuplot strings)\n", r->dir,
			scripts);
		return;
	}
	if (mkdtemp(work) == NULL) {
		fprintf(stderr, "report: mkdtemp %s: %s\n", work, strerror(errno));
		return;
	}
	if (write_plot_data(r, ph, nph, work, names, sizeof(names)) == 0)
		draw_plots(r->dir, work, scripts, names, made, cap);
	remove_work(work);
}

/* Say which backends produced nothing; 1 when any did. */
static int failed_backends(const struct rundir *r)
{
	int any = 0;

	for (int i = 0; i < r->nbackends; i++) {
		char why[1024];

		if (!failed_backend(r, r->backends[i], why, sizeof(why)))
			continue;
		fprintf(stderr, "report: %s produced no figures: %s\n", r->backends[i], why);
		any = 1;
	}
	return any;
}

/* The report of one run: plots, verdicts.csv, REPORT.md. An exit status. */
static int report_one(const char *dir, int plotting, const char *scripts)
{
	struct report_plots p = {.plotting = plotting, .made = ""};
	char made[512] = "";
	struct phase_median *ph = NULL;
	struct verdicts *v;
	struct rundir r;
	int nph, rc = REPORT_OK;

	if (run_load(&r, dir, "report") != 0)
		return REPORT_ERROR;
	v = malloc(sizeof(*v));
	nph = phase_medians(&r, &ph);
	if (v == NULL || nph < 0) {
		fprintf(stderr, "report: out of memory\n");
		free(v);
		run_free(&r);
		return REPORT_ERROR;
	}
	judge_run(&r, v);
	if (p.plotting)
		plots(&r, scripts, ph, nph, made, sizeof(made));
	p.made = made;
	if (write_outputs(&r, v, ph, nph, &p) != 0)
		rc = REPORT_ERROR;
	else if (made[0]) {
		fprintf(stderr, "report: wrote %s/REPORT.md, APPENDIX.md and plots/ (", r.dir);
		for (const char *m = made; *m; m++)
			*m == ' ' ? fputs(", ", stderr) : fputc(*m, stderr);
		fprintf(stderr, ")\n");
	} else
		fprintf(stderr, "report: wrote %s/REPORT.md and APPENDIX.md\n", r.dir);
	if (rc == REPORT_OK && failed_backends(&r))
		rc = REPORT_FAILED_BACKEND;
	free(ph);
	free(v);
	run_free(&r);
	return rc;
}

int report_main(int argc, char **argv)
{
	static const struct option opts[] = {{"no-plots", no_argument, NULL, 'n'},
					     {"plot-scripts", required_argument, NULL, 's'},
					     {"hosts-out", required_argument, NULL, 'o'},
					     {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	char scripts[4096];
	const char *hosts_out = "results/hosts";
	int c, plotting = 1, rc = REPORT_OK;

	default_scripts(scripts, sizeof(scripts));
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return REPORT_OK;
		} else if (c == 'n') {
			plotting = 0;
		} else if (c == 's') {
			snprintf(scripts, sizeof(scripts), "%s", optarg);
		} else if (c == 'o') {
			hosts_out = optarg;
		} else {
			fprintf(stderr, "report: unknown option (see --help)\n");
			return REPORT_USAGE;
		}
	}
	if (argc - optind < 1) {
		fprintf(stderr, "report: give a run directory, or several (see --help)\n");
		return REPORT_USAGE;
	}
	/* Every run gets its own report; a worse status wins (error over
	 * failed backend). */
	for (int i = optind; i < argc; i++) {
		int one = report_one(argv[i], plotting, scripts);

		if (one == REPORT_ERROR || (one != REPORT_OK && rc == REPORT_OK))
			rc = one;
	}
	if (argc - optind > 1 && rc != REPORT_ERROR &&
	    hosts_report(argv + optind, argc - optind, hosts_out) != 0)
		rc = REPORT_ERROR;
	return rc;
}
