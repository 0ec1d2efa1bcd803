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

/* A gnuplot double-quoted string: a line break becomes \n, which gnuplot
 * turns back into one (single quotes keep it as two characters). */
static void gdq(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '\n') {
			fputs("\\n", f);
			continue;
		}
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
	fputc('"', f);
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

/* Colour c ("#rrggbb") mixed with white (t = 0 the colour, t = 1 white),
 * as the integer 0xrrggbb that gnuplot's "lc rgb variable" reads. */
static long lighten(const char *c, double t)
{
	int rgb[3] = {hex(c + 1), hex(c + 3), hex(c + 5)};

	for (int i = 0; i < 3; i++)
		rgb[i] = (int)(rgb[i] + (255 - rgb[i]) * t);
	return (long)rgb[0] << 16 | rgb[1] << 8 | rgb[2];
}

/* A duration for a label: µs below 1 ms, else ms. */
static void duration(double ms, char *out, size_t cap)
{
	if (ms < 1)
		snprintf(out, cap, "%.0f µs", ms * 1000);
	else if (ms < 10)
		snprintf(out, cap, "%.2f ms", ms);
	else
		snprintf(out, cap, "%.1f ms", ms);
}

/* Teardown: what a backend does after the workload's READY line, which
 * start-up does not include. linuxvm stamps its own "ready"; whatever it
 * stamps after that is teardown too. */
static int is_teardown(const char *phase, int after_ready)
{
	return after_ready || strcmp(phase, "program_exit") == 0 ||
	       strcmp(phase, "vm_destroyed") == 0;
}

/* One bar of the phases plot: segments stacked from 0. */
#define BAR_SEGMENTS 24
struct bar {
	double y0[BAR_SEGMENTS], y1[BAR_SEGMENTS], lab[BAR_SEGMENTS];
	const char *name[BAR_SEGMENTS];
	int n;
};

static void bar_add(struct bar *b, const char *name, double ms)
{
	double y0 = b->n ? b->y1[b->n - 1] : 0;

	if (b->n == BAR_SEGMENTS || ms < 0)
		return;
	b->name[b->n] = name;
	b->y0[b->n] = y0;
	b->y1[b->n] = y0 + ms;
	b->n++;
}

/* Spread the labels of a bar: each at its segment's middle, at least gap
 * apart, none above top (small segments next to each other would
 * otherwise print over one another; a leader line joins each label to
 * its segment). */
static void bar_spread(struct bar *b, double gap, double top)
{
	for (int i = 0; i < b->n; i++) {
		double mid = (b->y0[i] + b->y1[i]) / 2;

		b->lab[i] = i && mid < b->lab[i - 1] + gap ? b->lab[i - 1] + gap : mid;
	}
	for (int i = b->n - 1; i >= 0; i--) {
		double cap = i == b->n - 1 ? top : b->lab[i + 1] - gap;

		if (b->lab[i] > cap)
			b->lab[i] = cap;
	}
}

/* One block of phases.dat: a row per segment: x, from ms, to ms, colour,
 * label y, label. */
static void bar_emit(struct datafile *d, const struct bar *bars, int n, const char *const *colours)
{
	for (int x = 0; x < n; x++)
		for (int i = 0; i < bars[x].n; i++) {
			char t[32];

			duration(bars[x].y1[i] - bars[x].y0[i], t, sizeof(t));
			emit(d, "%d %.6g %.6g %ld %.6g \"%s  %s\"\n", x + 1, bars[x].y0[i],
			     bars[x].y1[i],
			     lighten(colours[x], i % 3 == 0   ? 0.55
						 : i % 3 == 1 ? 0.25
							      : 0),
			     bars[x].lab[i], bars[x].name[i], t);
		}
	emit(d, "\n\n");
}

static double bars_top(const struct bar *bars, int n)
{
	double top = 0;

	for (int x = 0; x < n; x++)
		if (bars[x].n && bars[x].y1[bars[x].n - 1] > top)
			top = bars[x].y1[bars[x].n - 1];
	return top;
}

static double bar_total(const struct bar *b)
{
	return b->n ? b->y1[b->n - 1] : 0;
}

/* One panel of the phases plot: the labels of bars[0..n) spread for a
 * panel of their own, the bars written to WORK/FILE.dat, and the backend
 * names and the top to vars.gp as NAME[], NAME_colour[], NAME_n and
 * NAME_top. A panel without bars gets no file (its plot is not drawn). */
static void phase_panel(struct plotting *p, const char *file, const char *name, struct bar *bars,
			const char *const *list, const char *const *colours, int n)
{
	double top = bars_top(bars, n);
	struct datafile d;

	for (int x = 0; x < n; x++)
		bar_spread(&bars[x], 0.045 * top, 1.06 * top);
	open_dat(p, &d, file);
	if (n > 0)
		bar_emit(&d, bars, n, colours);
	if (dat_close(&d) != 0)
		p->rc = -1;
	garray(p, name, list, n);
	fprintf(p->vars, "%s_top = %.6g\n", name, top);
}

/* Phases, up to three panels. Start-up: per backend its phases up to the
 * READY line, each the median time since the phase before, and a last
 * segment "READY read" up to the backend's start-up p50 (the figure the
 * start-up plot and the claims use), so that every bar ends where
 * start-up ends. A backend more than 5 times slower than the fastest
 * (a Linux guest beside a container) gets a second panel with its own
 * scale, where the others would be slivers. Teardown: what comes after
 * READY (a VM's program_exit, vm_destroyed), in its own panel. Files:
 * phases.dat, phases-slow.dat, phases-teardown.dat. */
static void phases(struct plotting *p, const struct phase_median *ph, int nph)
{
	const struct rundir *r = p->r;
	const char *list[RUN_MAX_BACKENDS] = {0}, *tlist[RUN_MAX_BACKENDS] = {0};
	const char *colour[RUN_MAX_BACKENDS] = {0}, *tcolour[RUN_MAX_BACKENDS] = {0};
	const char *fl[RUN_MAX_BACKENDS] = {0}, *sl[RUN_MAX_BACKENDS] = {0};
	const char *fc[RUN_MAX_BACKENDS] = {0}, *sc[RUN_MAX_BACKENDS] = {0};
	static struct bar up[RUN_MAX_BACKENDS], down[RUN_MAX_BACKENDS];
	static struct bar fast[RUN_MAX_BACKENDS], slow[RUN_MAX_BACKENDS];
	int n = 0, nt = 0, nf = 0, ns = 0;
	double least = 0;

	memset(up, 0, sizeof(up));
	memset(down, 0, sizeof(down));
	for (int i = 0; i < r->nbackends; i++) {
		const char *b = r->backends[i];
		double ready = figure(r, "startup", b, NULL, "startup", ST_P50) / 1000;
		int after = 0, any = 0;

		for (int q = 0; q < nph; q++) {
			if (strcmp(ph[q].backend, b) != 0)
				continue;
			any = 1;
			if (is_teardown(ph[q].phase, after))
				bar_add(&down[nt], ph[q].phase, ph[q].since_prev_ns / 1e6);
			else
				bar_add(&up[n], ph[q].phase, ph[q].since_prev_ns / 1e6);
			after |= strcmp(ph[q].phase, "ready") == 0;
		}
		if (!any)
			continue;
		if (up[n].n && ready > bar_total(&up[n]))
			bar_add(&up[n], "READY read", ready - bar_total(&up[n]));
		colour[n] = tcolour[nt] = roster_colour(r, b);
		list[n++] = b;
		if (down[nt].n)
			tlist[nt++] = b;
	}
	for (int x = 0; x < n; x++)
		if (bar_total(&up[x]) > 0 && (least == 0 || bar_total(&up[x]) < least))
			least = bar_total(&up[x]);
	for (int x = 0; x < n; x++) {
		if (bar_total(&up[x]) > 5 * least) {
			slow[ns] = up[x];
			sl[ns] = list[x];
			sc[ns++] = colour[x];
		} else {
			fast[nf] = up[x];
			fl[nf] = list[x];
			fc[nf++] = colour[x];
		}
	}
	phase_panel(p, "phases", "ph", fast, fl, fc, nf);
	phase_panel(p, "phases-slow", "pb", slow, sl, sc, ns);
	phase_panel(p, "phases-teardown", "td", down, tlist, tcolour, nt);
	if (n > 0)
		made(p, "phases");
}

static double mem(const struct rundir *r, const char *b, const char *m)
{
	return figure(r, "memory", b, "idle", m, ST_P50);
}

/* The N of the memory plot's system panel: the largest density N at which
 * the process and every backend in list[0..n) that ran the density
 * experiment have a system figure (the claims take theirs from there too:
 * with one instance, MemAvailable's fall is mostly noise). 0: none. */
static int system_n(const struct rundir *r, const char *const *list, int n)
{
	int best = 0;

	for (int j = 0; j < r->nrows; j++) {
		const struct sum_row *row = &r->rows[j];
		int ok = row->n > best && strcmp(row->experiment, "density") == 0 &&
			 strcmp(row->backend, "process") == 0 && strcmp(row->metric, "system") == 0;

		for (int i = 0; ok && i < n; i++)
			ok = density_max_ok(r, list[i]) == 0 ||
			     !isnan(density_at(r, list[i], row->n, "system"));
		if (ok)
			best = row->n;
	}
	return best;
}

/* Memory: a block per metric (of pss, cgroup, system; those with
 * figures): x, MiB per instance, colour, label; mm[] titles the panels
 * and mm_proc[] is the plain process's figure there (the dashed line).
 * Linear: the bars compare as the numbers do; a figure below 0 (a
 * MemAvailable rise: noise) is drawn below the axis, not dropped. */
static void memory(struct plotting *p)
{
	static const char *const ms[] = {"pss", "cgroup", "system"};
	const struct rundir *r = p->r;
	const char *list[RUN_MAX_BACKENDS] = {0};
	struct datafile d;
	int n = 0, k = 0, sn;
	char title[3][160];
	double proc[3];

	open_dat(p, &d, "memory");
	for (int i = 0; i < r->nbackends; i++)
		if (!isnan(mem(r, r->backends[i], "pss")) ||
		    !isnan(mem(r, r->backends[i], "cgroup")) ||
		    !isnan(mem(r, r->backends[i], "system")))
			list[n++] = r->backends[i];
	sn = system_n(r, list, n);
	for (int m = 0; m < 3; m++) {
		int any = 0;

		for (int i = 0; i < n; i++) {
			double v = m == 2 && sn ? density_at(r, list[i], sn, "system")
						: mem(r, list[i], ms[m]);
			char t[32];

			if (isnan(v))
				continue;
			if (fabs(v) < 1024)
				snprintf(t, sizeof(t), "%.0f KiB", v);
			else
				snprintf(t, sizeof(t), "%.1f MiB", v / 1024);
			emit(&d, "%d %.6g %ld \"%s\"\n", i + 1, v / 1024,
			     lighten(roster_colour(r, list[i]), 0), t);
			any = 1;
		}
		if (!any)
			continue;
		emit(&d, "\n\n");
		proc[k] = (m == 2 && sn ? density_at(r, "process", sn, "system")
					: mem(r, "process", ms[m])) /
			  1024;
		if (m == 0)
			snprintf(title[k], sizeof(title[k]), "pss: the instance's processes");
		else if (m == 1)
			snprintf(title[k], sizeof(title[k]), "cgroup: memory.current");
		else if (sn)
			snprintf(title[k], sizeof(title[k]),
				 "system: MemAvailable fall / N\n(density run, N = %d)", sn);
		else
			snprintf(title[k], sizeof(title[k]),
				 "system: MemAvailable fall\n(memory run, one instance)");
		k++;
	}
	garray(p, "mem", list, n);
	fprintf(p->vars, "array mm[%d]\narray mm_proc[%d]\nmm_n = %d\n", k ? k : 1, k ? k : 1, k);
	for (int m = 0; m < k; m++) {
		fprintf(p->vars, "mm[%d] = ", m + 1);
		gdq(p->vars, title[m]);
		if (isnan(proc[m]))
			fprintf(p->vars, "\nmm_proc[%d] = NaN\n", m + 1);
		else
			fprintf(p->vars, "\nmm_proc[%d] = %.6g\n", m + 1, proc[m]);
	}
	finish_dat(p, &d, k > 0, "memory");
}

/* The density rows of backend b and metric m, sorted by N, into rows;
 * returns their count. */
static int density_rows(const struct rundir *r, const char *b, const char *m,
			const struct sum_row **rows)
{
	int nr = 0;

	for (int j = 0; j < r->nrows; j++)
		if (strcmp(r->rows[j].experiment, "density") == 0 &&
		    strcmp(r->rows[j].backend, b) == 0 && strcmp(r->rows[j].metric, m) == 0 &&
		    !isnan(r->rows[j].v[ST_P50]))
			rows[nr++] = &r->rows[j];
	for (int j = 1; j < nr; j++) { /* by N, stable */
		const struct sum_row *x = rows[j];
		int q = j - 1;

		while (q >= 0 && rows[q]->n > x->n) {
			rows[q + 1] = rows[q];
			q--;
		}
		rows[q + 1] = x;
	}
	return nr;
}

/* Least squares: y = a + s x over (x[i], y[i]); 0 when it cannot. */
static int fit_line(const double *x, const double *y, int n, double *a, double *s)
{
	double mx = 0, my = 0, sxx = 0, sxy = 0;

	for (int i = 0; i < n; i++) {
		mx += x[i] / n;
		my += y[i] / n;
	}
	for (int i = 0; i < n; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		sxy += (x[i] - mx) * (y[i] - my);
	}
	if (n < 2 || sxx <= 0)
		return 0;
	*s = sxy / sxx;
	*a = my - *s * mx;
	return 1;
}

/* Density memory: each N's MemAvailable fall for all N instances (the
 * per-instance figure times N) and the line fitted through them: its
 * slope is the memory one more instance takes, a figure that a single
 * noisy point cannot swing. density-memory.dat: a block per backend: N,
 * total fall MiB; vars: dm arrays, dm_a[] and dm_s[] (MiB, MiB per
 * instance), dm_fit[] (1: a line was fitted). */
static void density_memory(struct plotting *p, const struct sum_row **rows)
{
	const struct rundir *r = p->r;
	const char *list[RUN_MAX_BACKENDS] = {0};
	double a[RUN_MAX_BACKENDS], s[RUN_MAX_BACKENDS];
	int fit[RUN_MAX_BACKENDS], n = 0;
	struct datafile d;

	open_dat(p, &d, "density-memory");
	for (int i = 0; i < r->nbackends; i++) {
		int nr = density_rows(r, r->backends[i], "system", rows);
		double x[64], y[64];
		int m = 0;

		if (nr == 0)
			continue;
		for (int j = 0; j < nr; j++) {
			double total = rows[j]->v[ST_P50] * rows[j]->n / 1024;

			emit(&d, "%d %.6g\n", rows[j]->n, total);
			if (m < 64) {
				x[m] = rows[j]->n;
				y[m++] = total;
			}
		}
		emit(&d, "\n\n");
		fit[n] = fit_line(x, y, m, &a[n], &s[n]);
		list[n++] = r->backends[i];
	}
	garray(p, "dm", list, n);
	fprintf(p->vars, "array dm_a[%d]\narray dm_s[%d]\narray dm_fit[%d]\n", n ? n : 1, n ? n : 1,
		n ? n : 1);
	for (int i = 0; i < n; i++)
		fprintf(p->vars, "dm_a[%d] = %.6g\ndm_s[%d] = %.6g\ndm_fit[%d] = %d\n", i + 1,
			fit[i] ? a[i] : 0, i + 1, fit[i] ? s[i] : 0, i + 1, fit[i]);
	finish_dat(p, &d, n > 0, "density-memory");
}

/* Density start-up: a block per backend: N, start-up p50 and p95 ms. */
static void density(struct plotting *p)
{
	const struct rundir *r = p->r;
	const char *list[RUN_MAX_BACKENDS] = {0};
	const struct sum_row **rows = calloc((size_t)r->nrows + 1, sizeof(*rows));
	struct datafile d;
	int n = 0;

	if (rows == NULL) {
		p->rc = -1;
		return;
	}
	open_dat(p, &d, "density");
	for (int i = 0; i < r->nbackends; i++) {
		int nr = density_rows(r, r->backends[i], "startup", rows);

		if (nr == 0)
			continue;
		list[n++] = r->backends[i];
		for (int j = 0; j < nr; j++)
			emit(&d, "%s %.6g %.6g\n", rows[j]->n_parallel, rows[j]->v[ST_P50] / 1000,
			     rows[j]->v[ST_P95] / 1000);
		emit(&d, "\n\n");
	}
	garray(p, "dn", list, n);
	finish_dat(p, &d, n > 0, "density-startup");
	density_memory(p, rows);
	free(rows);
}

/* Overhead: a block per backend (not the process): bar x, ratio to the
 * process, label ("13.2×" and the backend's own time); clusters are the
 * (workload, parameter) pairs the process ran, their tic label with the
 * process's time. */
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
			char t[32];

			if (q == NULL || isnan(q->v[ST_P50]) || isnan(pv) || pv <= 0)
				continue;
			duration(q->v[ST_P50] / 1e6, t, sizeof(t));
			/* bars side by side inside a cluster of width 0.8 */
			emit(&d, "%.4f %.6g \"%.*f×\" \"%s\"\n", j + 1 - 0.4 + 0.8 * (i + 0.5) / n,
			     q->v[ST_P50] / pv, q->v[ST_P50] / pv < 10 ? 2 : 0, q->v[ST_P50] / pv,
			     t);
			any = 1;
		}
		emit(&d, "\n\n");
	}
	garray(p, "ov", list, n);
	fprintf(p->vars, "array cluster[%d]\ncluster_n = %d\nbar_w = %.4f\n", nc ? nc : 1, nc,
		n ? 0.8 / n : 0.8);
	for (int j = 0; j < nc; j++) {
		char label[256], t[32];

		duration(cl[j]->v[ST_P50] / 1e6, t, sizeof(t));
		snprintf(label, sizeof(label), "%s (N = %s)\nprocess: %s", cl[j]->workload,
			 cl[j]->parameter, t);
		fprintf(p->vars, "cluster[%d] = ", j + 1);
		gdq(p->vars, label);
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
