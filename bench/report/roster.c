/* roster.c - which backends a run has, in report order; see roster.h. */
#include <stdlib.h>
#include <string.h>

#include "report/roster.h"
#include "report/run.h"

const char *roster_what(const char *name)
{
	const struct backend *b = backend_by_name(name);

	return b ? b->what : "(not a backend of this build)";
}

/* The place of NAME in the backend table; unknown names after all. */
static int rank(const char *name)
{
	for (int i = 0; i < backend_count(); i++)
		if (strcmp(backend_at(i)->name, name) == 0)
			return i;
	return backend_count();
}

static int by_rank(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int rx = rank(x), ry = rank(y);

	return rx != ry ? rx - ry : strcmp(x, y);
}

static void add(struct rundir *r, const char *name)
{
	if (name == NULL || name[0] == '\0')
		return;
	for (int i = 0; i < r->nbackends; i++)
		if (strcmp(r->backends[i], name) == 0)
			return;
	if (r->nbackends < RUN_MAX_BACKENDS)
		r->backends[r->nbackends++] = name;
}

void roster_collect(struct rundir *r)
{
	r->nbackends = 0;
	for (int i = 0; i < r->nenv; i++)
		if (strncmp(r->env[i].key, "skip.", 5) == 0)
			add(r, r->env[i].key + 5);
	for (int i = 0; i < r->nrows; i++)
		add(r, r->rows[i].backend);
	for (int i = 0; i < r->nfacts; i++)
		add(r, r->facts[i].backend);
	for (int i = 0; i < r->nstamps; i++)
		add(r, r->stamps[i].backend);
	qsort(r->backends, (size_t)r->nbackends, sizeof(r->backends[0]), by_rank);
}

/* Colours from the palette most plotting tools share (matplotlib's
 * "tab10"), fixed per backend so that a reader learns them once. */
static const struct {
	const char *name, *colour;
} fixed[] = {
    {"process", "#4d4d4d"},	 {"container", "#1f77b4"}, {"microvm", "#2ca02c"},
    {"microvm-snap", "#98df8a"}, /* microvm's light twin: the same VM, warm */
    {"microvm-pool", "#005a32"}, /* microvm's dark twin: the same VM, made ahead */
    {"linuxvm", "#d62728"},	 {"runc", "#9467bd"},
};
static const char *const spare[] = {"#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#bcbd22"};

const char *roster_colour(const struct rundir *r, const char *name)
{
	int unknown = 0;

	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(fixed[i].name, name) == 0)
			return fixed[i].colour;
	for (int i = 0; i < r->nbackends && strcmp(r->backends[i], name) != 0; i++)
		unknown += rank(r->backends[i]) == backend_count();
	return spare[unknown % (int)(sizeof(spare) / sizeof(spare[0]))];
}
