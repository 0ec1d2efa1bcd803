/* plotdata.c - data files for gnuplot; see plotdata.h. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/lookup.h"
#include "report/plotdata.h"
#include "report/roster.h"

/* A data file opened on its first line: a plot without data has none. */
struct datafile {
	char path[4200];
	FILE *f;
	int failed;
};

/* Write a line to d, opening it on the first one. */
static void __attribute__((format(printf, 2, 3))) emit(struct datafile *d, const char *fmt, ...)
{
	va_list ap;

	if (d->f == NULL && !d->failed) {
		d->f = fopen(d->path, "we");
		if (d->f == NULL) {
			fprintf(stderr, "bench report: open %s: %s\n", d->path, strerror(errno));
			d->failed = 1;
		}
	}
	if (d->f == NULL)
		return;
	va_start(ap, fmt);
	vfprintf(d->f, fmt, ap);
	va_end(ap);
}

static int dat_close(struct datafile *d)
{
	int rc = d->failed ? -1 : 0;

	if (d->f && fclose(d->f) != 0) {
		fprintf(stderr, "bench report: write %s: %s\n", d->path, strerror(errno));
		rc = -1;
	}
	d->f = NULL;
	return rc;
}

struct plotting {
	const struct rundir *r;
	const char *work;
	FILE *vars;
	uint64_t seed;
	char *made;
	size_t cap;
	int rc;
};

static void made(struct plotting *p, const char *name)
{
	size_t len = strlen(p->made);

	snprintf(p->made + len, p->cap - len, "%s%s", len ? " " : "", name);
}

static void open_dat(struct plotting *p, struct datafile *d, const char *name)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->path, sizeof(d->path), "%s/%s.dat", p->work, name);
}

/* Close d; a plot that got data counts as made. */
static void finish_dat(struct plotting *p, struct datafile *d, int has_data, const char *name)
{
	int opened = d->f != NULL;

	if (dat_close(d) != 0)
		p->rc = -1;
	if (opened && has_data)
		made(p, name);
}

/* A gnuplot single-quoted string. */
static void gq(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', f);
		fputc(*s, f);
	}
	fputc('\'', f);
}

/* Gnuplot array NAME of the backends in list[0..n), and NAME_colour. */
static void garray(struct plotting *p, const char *name, const char *const *list, int n)
{
	fprintf(p->vars, "array %s[%d]\narray %s_colour[%d]\n", name, n > 0 ? n : 1, name,
		n > 0 ? n : 1);
	for (int i = 0; i < n; i++) {
		fprintf(p->vars, "%s[%d] = ", name, i + 1);
		gq(p->vars, list[i]);
		fprintf(p->vars, "\n%s_colour[%d] = ", name, i + 1);
		gq(p->vars, roster_colour(p->r, list[i]));
		fprintf(p->vars, "\n");
	}
	fprintf(p->vars, "%s_n = %d\n", name, n);
}

/* Fixed-seed jitter: the same plot from the same CSVs (an LCG, the
 * constants of the C standard's example rand()). */
static double jitter(struct plotting *p)
{
	p->seed = (p->seed * 1103515245u + 12345u) % 2147483648u;
	return (double)p->seed / 2147483648.0;
}

/* Start-up distribution: one block per backend: x, jittered x, ms. */
static void startup(struct plotting *p)
{
	const struct rundir *r = p->r;
	const char *list[RUN_MAX_BACKENDS] = {0};
	struct datafile d;
	int n = 0;

	open_dat(p, &d, "startup");
	for (int i = 0; i < r->nbackends; i++) {
		int any = 0;

		for (int k = 0; k < r->nsamples; k++) {
			const struct sample *s = &r->samples[k];

			if (strcmp(s->experiment, "startup") != 0 || strcmp(s->metric, "startup") ||
			    strcmp(s->backend, r->backends[i]) != 0)
				continue;
			if (!any)
				list[n++] = r->backends[i];
			any = 1;
			emit(&d, "%d %.4f %.6g\n", n, n + (jitter(p) - 0.5) * 0.36,
			     s->value / 1000);
		}
		if (any)
			emit(&d, "\n\n");
	}
	garray(p, "st", list, n);
	finish_dat(p, &d, n > 0, "startup");
}

static int hex(const char *s)
{
	return (int)strtol((char[3]){s[0], s[1], '\0'}, NULL, 16);
}

/* Mix colour c ("#rrggbb") with white: t = 0 the colour, t = 1 white. */
static void lighten(const char *c, double t, char out[8])
{
	int rgb[3] = {hex(c + 1), hex(c + 3), hex(c + 5)};

	for (int i = 0; i < 3; i++)
		rgb[i] = (int)(rgb[i] + (255 - rgb[i]) * t);
	snprintf(out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* Phases: one row per segment: x, from ms, to ms, phase name; arrays of
 * titles and colours (the backend's colour in three shades in turn, so
 * that two phases next to each other always differ); lab_min: segments at
 * least this tall (4% of the tallest bar) get their name beside them. */
static void phases(struct plotting *p, const struct phase_median *ph, int nph)
{
	const struct rundir *r = p->r;
	const char *list[RUN_MAX_BACKENDS] = {0};
	struct datafile d;
	int n = 0, k = 0;
	double top = 0;
	FILE *seg = tmpfile();

	open_dat(p, &d, "phases");
	for (int i = 0; i < r->nbackends; i++) {
		double y0 = 0;
		int j = 0;

		for (int q = 0; q < nph; q++) {
			char colour[8], title[256];

			if (strcmp(ph[q].backend, r->backends[i]) != 0)
				continue;
			if (j++ == 0)
				list[n++] = r->backends[i];
			emit(&d, "%d %.6g %.6g \"%s\"\n", n, y0, y0 + ph[q].since_prev_ns / 1e6,
			     ph[q].phase);
			y0 += ph[q].since_prev_ns / 1e6;
			k++;
			lighten(roster_colour(r, r->backends[i]),
				j % 3 == 1   ? 0.6
				: j % 3 == 2 ? 0.3
					     : 0,
				colour);
			snprintf(title, sizeof(title), "%s: %s", r->backends[i], ph[q].phase);
			if (seg) {
				fprintf(seg, "seg_title[%d] = ", k);
				gq(seg, title);
				fprintf(seg, "\nseg_colour[%d] = ", k);
				gq(seg, colour);
				fprintf(seg, "\n");
			}
		}
		if (y0 > top)
			top = y0;
	}
	fprintf(p->vars, "lab_min = %.6g\n", 0.04 * top);
	garray(p, "ph", list, n);
	fprintf(p->vars, "array seg_title[%d]\narray seg_colour[%d]\nseg_n = %d\n", k ? k : 1,
		k ? k : 1, k);
	if (seg) {
		int c;

		rewind(seg);
		while ((c = fgetc(seg)) != EOF)
			fputc(c, p->vars);
		fclose(seg);
	} else {
		fprintf(stderr, "bench report: tmpfile: %s\n", strerror(errno));
		p->rc = -1;
	}
	finish_dat(p, &d, k > 0, "phases");
}

static double mem(const struct rundir *r, const char *b, const char *m)
{
	return figure(r, "memory", b, "idle", m, ST_P50);
}

/* Memory: a block per metric that has figures (of pss, cgroup, system):
 * x, workload MiB (the process's figure), overhead MiB (backend minus
 * process, 0 if below), total MiB, backend number; mm[] names the blocks.
 * The plot has a log scale: a figure of 0 or below (MemAvailable can rise
 * while an instance runs) cannot be drawn and is left out; the table in
 * REPORT.md still has it. */
static void memory(struct plotting *p)
{
	static const char *const ms[] = {"pss", "cgroup", "system"};
	const struct rundir *r = p->r;
	const char *list[RUN_MAX_BACKENDS] = {0}, *blocks[3] = {0};
	struct datafile d;
	int n = 0, k = 0;

	open_dat(p, &d, "memory");
	for (int i = 0; i < r->nbackends; i++)
		if (!isnan(mem(r, r->backends[i], "pss")) ||
		    !isnan(mem(r, r->backends[i], "cgroup")) ||
		    !isnan(mem(r, r->backends[i], "system")))
			list[n++] = r->backends[i];
	for (int m = 0; m < 3; m++) {
		double proc = mem(r, "process", ms[m]);
		int drawable = 0;

		for (int i = 0; i < n; i++)
			drawable += mem(r, list[i], ms[m]) > 0;
		if (drawable == 0)
			continue;
		blocks[k++] = ms[m];
		for (int i = 0; i < n; i++) {
			double v = mem(r, list[i], ms[m]), w;

			if (isnan(v) || v <= 0)
				continue;
			w = isnan(proc) || proc < 0 ? 0 : proc < v ? proc : v;
			emit(&d, "%d %.6g %.6g %.6g %d\n", i + 1, w / 1024, (v - w) / 1024,
			     v / 1024, i + 1);
		}
		emit(&d, "\n\n");
	}
	garray(p, "mem", list, n);
	fprintf(p->vars, "array mm[%d]\nmm_n = %d\n", k ? k : 1, k);
	for (int m = 0; m < k; m++) {
		fprintf(p->vars, "mm[%d] = ", m + 1);
		gq(p->vars, blocks[m]);
		fprintf(p->vars, "\n");
	}
	finish_dat(p, &d, k > 0, "memory");
}

/* Density: a block per backend: N, system MiB per instance (NaN where it
 * cannot be drawn on a log scale), start-up p50 and p95 ms. */
static void density(struct plotting *p)
{
	const struct rundir *r = p->r;
	const char *list[RUN_MAX_BACKENDS] = {0};
	const struct sum_row **rows = calloc((size_t)r->nrows + 1, sizeof(*rows));
	struct datafile d;
	int n = 0, any = 0, anysys = 0;

	if (rows == NULL) {
		p->rc = -1;
		return;
	}
	open_dat(p, &d, "density");
	for (int i = 0; i < r->nbackends; i++) {
		int nr = 0;

		for (int j = 0; j < r->nrows; j++)
			if (strcmp(r->rows[j].experiment, "density") == 0 &&
			    strcmp(r->rows[j].backend, r->backends[i]) == 0 &&
			    strcmp(r->rows[j].metric, "startup") == 0)
				rows[nr++] = &r->rows[j];
		if (nr == 0)
			continue;
		for (int j = 1; j < nr; j++) { /* by N, stable */
			const struct sum_row *x = rows[j];
			int q = j - 1;

			while (q >= 0 && rows[q]->n > x->n) {
				rows[q + 1] = rows[q];
				q--;
			}
			rows[q + 1] = x;
		}
		list[n++] = r->backends[i];
		for (int j = 0; j < nr; j++) {
			struct sum_row key = *rows[j];
			const struct sum_row *sys;
			char s[32] = "NaN";

			key.metric = "system";
			sys = peer_row(r, &key, r->backends[i]);
			if (sys && sys->v[ST_P50] > 0) {
				snprintf(s, sizeof(s), "%.6g", sys->v[ST_P50] / 1024);
				anysys = 1;
			}
			emit(&d, "%s %s %.6g %.6g\n", rows[j]->n_parallel, s,
			     rows[j]->v[ST_P50] / 1000, rows[j]->v[ST_P95] / 1000);
			any = 1;
		}
		emit(&d, "\n\n");
	}
	garray(p, "dn", list, n);
	free(rows);
	if (anysys && any)
		made(p, "density-memory");
	finish_dat(p, &d, any, "density-startup");
}

/* Overhead: a block per backend (not the process): cluster x, ratio to
 * the process; clusters are the (workload, parameter) pairs the process
 * ran. */
static void overhead(struct plotting *p)
{
	const struct rundir *r = p->r;
	const char *list[RUN_MAX_BACKENDS] = {0};
	const struct sum_row **cl = calloc((size_t)r->nrows + 1, sizeof(*cl));
	struct datafile d;
	int n = 0, nc = 0, any = 0;

	if (cl == NULL) {
		p->rc = -1;
		return;
	}
	open_dat(p, &d, "overhead");
	for (int j = 0; j < r->nrows; j++)
		if (strcmp(r->rows[j].experiment, "overhead") == 0 &&
		    strcmp(r->rows[j].backend, "process") == 0 &&
		    strcmp(r->rows[j].metric, "elapsed") == 0)
			cl[nc++] = &r->rows[j];
	for (int i = 0; i < r->nbackends; i++) {
		int k = 0;

		if (strcmp(r->backends[i], "process") == 0)
			continue;
		for (int j = 0; j < nc; j++) {
			const struct sum_row *q = peer_row(r, cl[j], r->backends[i]);

			k += q && !isnan(q->v[ST_P50]);
		}
		if (k > 0)
			list[n++] = r->backends[i];
	}
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < nc; j++) {
			const struct sum_row *q = peer_row(r, cl[j], list[i]);
			double pv = cl[j]->v[ST_P50];

			if (q == NULL || isnan(q->v[ST_P50]) || isnan(pv) || pv <= 0)
				continue;
			/* bars side by side inside a cluster of width 0.8 */
			emit(&d, "%.4f %.6g %d\n", j + 1 - 0.4 + 0.8 * (i + 0.5) / n,
			     q->v[ST_P50] / pv, i + 1);
			any = 1;
		}
		emit(&d, "\n\n");
	}
	garray(p, "ov", list, n);
	fprintf(p->vars, "array cluster[%d]\ncluster_n = %d\nbar_w = %.4f\n", nc ? nc : 1, nc,
		n ? 0.8 / n : 0.8);
	for (int j = 0; j < nc; j++) {
		char label[256];

		snprintf(label, sizeof(label), "%s (N = %s)", cl[j]->workload, cl[j]->parameter);
		fprintf(p->vars, "cluster[%d] = ", j + 1);
		gq(p->vars, label);
		fprintf(p->vars, "\n");
	}
	free(cl);
	finish_dat(p, &d, any, "overhead");
}

int write_plot_data(const struct rundir *r, const struct phase_median *ph, int nph,
		    const char *work, char *made_out, size_t cap)
{
	char path[4200];
	struct plotting p = {.r = r, .work = work, .seed = 7, .made = made_out, .cap = cap};

	made_out[0] = '\0';
	snprintf(path, sizeof(path), "%s/vars.gp", work);
	p.vars = fopen(path, "we");
	if (p.vars == NULL) {
		fprintf(stderr, "bench report: open %s: %s\n", path, strerror(errno));
		return -1;
	}
	fprintf(p.vars, "# backends and colours of this run, made by bench report\n");
	startup(&p);
	phases(&p, ph, nph);
	memory(&p);
	density(&p);
	overhead(&p);
	if (fclose(p.vars) != 0) {
		fprintf(stderr, "bench report: write %s: %s\n", path, strerror(errno));
		return -1;
	}
	return p.rc;
}
