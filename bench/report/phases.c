/* phases.c - median start-up phases; see phases.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "measure/stats.h"
#include "report/phases.h"

/* The differences and stamps of one (backend, phase), over samples. */
struct series {
	const char *backend, *phase;
	double *diff, *at;
	size_t n;
};

static int same_sample(const struct stamp *a, const struct stamp *b)
{
	return strcmp(a->backend, b->backend) == 0 && strcmp(a->workload, b->workload) == 0 &&
	       strcmp(a->iteration, b->iteration) == 0;
}

static struct series *series_of(struct series *s, int *ns, const char *b, const char *ph)
{
	for (int i = 0; i < *ns; i++)
		if (strcmp(s[i].backend, b) == 0 && strcmp(s[i].phase, ph) == 0)
			return &s[i];
	s[*ns] = (struct series){.backend = b, .phase = ph};
	return &s[(*ns)++];
}

static double median(double *v, size_t n)
{
	struct summary sum;

	summarize(v, n, &sum);
	return sum.p50;
}

static int by_stamp(const void *a, const void *b)
{
	const struct stamp *x = *(const struct stamp *const *)a,
			   *y = *(const struct stamp *const *)b;

	if (x->ns != y->ns)
		return x->ns < y->ns ? -1 : 1;
	return x < y ? -1 : x > y; /* equal stamps keep the file's order */
}

/* Walk every sample once: sort its stamps, record each difference. */
static int collect(const struct rundir *r, struct series *s, int *ns)
{
	size_t total = r->nstamps > 0 ? (size_t)r->nstamps : 0;
	char *done = calloc(total + 1, 1);
	const struct stamp **one = calloc(total + 1, sizeof(*one));

	if (done == NULL || one == NULL) {
		free(done);
		free(one);
		return -1;
	}
	for (int i = 0; i < r->nstamps; i++) {
		size_t k = 0;
		double prev = 0;

		if (done[i])
			continue;
		for (int j = i; j < r->nstamps; j++)
			if (!done[j] && same_sample(&r->stamps[i], &r->stamps[j])) {
				done[j] = 1;
				one[k++] = &r->stamps[j];
			}
		qsort(one, k, sizeof(*one), by_stamp);
		for (size_t j = 0; j < k; j++) {
			struct series *q = series_of(s, ns, one[j]->backend, one[j]->phase);

			q->diff[q->n] = one[j]->ns - prev;
			q->at[q->n++] = one[j]->ns;
			prev = one[j]->ns;
		}
	}
	free(done);
	free(one);
	return 0;
}

int phase_medians(const struct rundir *r, struct phase_median **out)
{
	struct series *s;
	struct phase_median *m;
	int ns = 0, rc = 0;

	*out = NULL;
	if (r->nstamps == 0)
		return 0;
	s = calloc((size_t)r->nstamps, sizeof(*s));
	m = calloc((size_t)r->nstamps, sizeof(*m));
	if (s == NULL || m == NULL)
		goto oom;
	/* First the (backend, phase) pairs in first-seen order, each with
	 * room for every stamp. */
	for (int i = 0; i < r->nstamps; i++)
		series_of(s, &ns, r->stamps[i].backend, r->stamps[i].phase);
	for (int i = 0; i < ns; i++) {
		s[i].diff = calloc((size_t)r->nstamps, sizeof(double));
		s[i].at = calloc((size_t)r->nstamps, sizeof(double));
		if (s[i].diff == NULL || s[i].at == NULL)
			goto oom;
	}
	{
		int before = ns;

		if (collect(r, s, &ns) != 0 || ns != before)
			goto oom;
	}
	/* Backends in first-seen order; within one, phases by median stamp
	 * (the same rounding to whole ns as the numbers shown). */
	for (int i = 0; i < ns; i++) {
		int first = 1, start = rc;

		for (int j = 0; j < i; j++)
			first &= strcmp(s[j].backend, s[i].backend) != 0;
		if (!first)
			continue;
		for (int j = i; j < ns; j++) {
			if (strcmp(s[j].backend, s[i].backend) != 0)
				continue;
			m[rc].backend = s[j].backend;
			m[rc].phase = s[j].phase;
			m[rc].since_prev_ns = rint(median(s[j].diff, s[j].n));
			m[rc].at_ns = median(s[j].at, s[j].n);
			rc++;
		}
		/* Insertion sort: stable, so phases with the same median
		 * stamp keep their first-seen order. */
		for (int a = start + 1; a < rc; a++) {
			struct phase_median v = m[a];
			int b = a - 1;

			while (b >= start && m[b].at_ns > v.at_ns) {
				m[b + 1] = m[b];
				b--;
			}
			m[b + 1] = v;
		}
		for (int a = start; a < rc; a++)
			m[a].at_ns = rint(m[a].at_ns);
	}
	for (int i = 0; i < ns; i++) {
		free(s[i].diff);
		free(s[i].at);
	}
	free(s);
	*out = m;
	return rc;
oom:
	for (int i = 0; s && i < ns; i++) {
		free(s[i].diff);
		free(s[i].at);
	}
	free(s);
	free(m);
	return -1;
}
