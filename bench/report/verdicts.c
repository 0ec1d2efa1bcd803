/* verdicts.c - gather each pair's figures and apply the rules; see verdicts.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/lookup.h"
#include "report/roster.h"
#include "report/verdicts.h"

const char *const claim_text[NCLAIMS] = {
    "are much lighter",
    "start faster",
    "need less computing power",
    "use the host's operating system",
    "can run in parallel, in isolation",
};
const char *const claim_dutch[NCLAIMS] = {
    "veel lichter",
    "sneller opstarten",
    "vereisen minder computer kracht",
    "gebruikt de OS van de gebruiker",
    "kunnen in paralel uitgevoerd worden in isolatie",
};

const char *claims_container(const struct rundir *r)
{
	char why[8];

	/* minictr's container; runc when only runc was measured. A container
	 * that failed every sample is not replaced: its claims are then not
	 * measured, and the report says why. */
	if (!has_figures(r, "container") && has_figures(r, "runc") &&
	    !failed_backend(r, "container", why, sizeof(why)))
		return "runc";
	return "container";
}

double memory_overhead(const struct rundir *r, const char *b, const char *metric)
{
	double v = figure(r, "memory", b, "idle", metric, ST_P50);
	double p = figure(r, "memory", "process", "idle", metric, ST_P50);

	return v - p; /* NAN when either is */
}

double system_overhead_at(const struct rundir *r, const char *b, int n)
{
	return density_at(r, b, n, "system") - density_at(r, "process", n, "system");
}

double cost_ratio(const struct rundir *r, const char *b, const char *w)
{
	double v = figure(r, "overhead", b, w, "elapsed", ST_P50);
	double p = figure(r, "overhead", "process", w, "elapsed", ST_P50);

	return p > 0 ? v / p : NAN;
}

/* The bootstrap interval of statistic f over the samples of backends
 * b[0..k) in one series; ok 0 when any has too few. */
static void ci_of(const struct rundir *r, const char *ex, const char *w, const char *m,
		  const char *const *b, int k, median_stat f, const void *arg, struct interval *out)
{
	struct series_ref s[4];
	double *v[4] = {NULL, NULL, NULL, NULL};

	out->ok = 0;
	for (int i = 0; i < k && i < 4; i++) {
		v[i] = sample_values(r, ex, b[i], w, m, &s[i].n);
		s[i].v = v[i];
	}
	if (k <= 4 && bootstrap(s, k, f, arg, out) != 0)
		out->ok = 0; /* out of memory: no interval, said nowhere else */
	for (int i = 0; i < 4; i++)
		free(v[i]);
}

double startup_p50_ci(const struct rundir *r, const char *b, struct interval *ci)
{
	const char *s[1] = {b};

	ci_of(r, "startup", NULL, "startup", s, 1, stat_median, NULL, ci);
	return figure(r, "startup", b, NULL, "startup", ST_P50);
}

void startup_ci(const struct rundir *r, const char *b, const char *ctr, struct interval *ci)
{
	const char *s[2] = {b, ctr};

	ci_of(r, "startup", NULL, "startup", s, 2, stat_ratio, NULL, ci);
}

void pss_ci(const struct rundir *r, const char *b, const char *ctr, double floor_kib,
	    struct interval *ci)
{
	const char *s[3] = {b, ctr, "process"};

	ci_of(r, "memory", "idle", "pss", s, 3, stat_overhead_ratio, &floor_kib, ci);
}

void cost_ci(const struct rundir *r, const char *b, const char *ctr, const char *w,
	     struct interval *ci)
{
	const char *s[2] = {b, ctr};

	/* (b ÷ process) ÷ (container ÷ process): the process cancels. */
	ci_of(r, "overhead", w, "elapsed", s, 2, stat_ratio, NULL, ci);
}

static void memory_of(const struct rundir *r, const char *vm, const char *ctr,
		      struct memory_figures *f)
{
	int n = density_common_n(r, vm, ctr);

	f->vm_pss = memory_overhead(r, vm, "pss");
	f->ctr_pss = memory_overhead(r, ctr, "pss");
	/* System memory: from the density run at the largest N both reached
	 * (with one instance MemAvailable's fall is mostly noise), else from
	 * the memory experiment; both sides always from the same place. */
	f->system_n = n;
	f->vm_system = n > 0 ? system_overhead_at(r, vm, n) : memory_overhead(r, vm, "system");
	f->ctr_system = n > 0 ? system_overhead_at(r, ctr, n) : memory_overhead(r, ctr, "system");
	pss_ci(r, vm, ctr, RULE_FLOOR_KIB, &f->pss_ci);
}

static void startup_of(const struct rundir *r, const char *vm, const char *ctr,
		       struct startup_figures *f)
{
	f->vm_p50 = figure(r, "startup", vm, NULL, "startup", ST_P50);
	f->vm_p95 = figure(r, "startup", vm, NULL, "startup", ST_P95);
	f->ctr_p50 = figure(r, "startup", ctr, NULL, "startup", ST_P50);
	f->ctr_p95 = figure(r, "startup", ctr, NULL, "startup", ST_P95);
	startup_ci(r, vm, ctr, &f->ci);
}

static void cost_of(const struct rundir *r, const char *vm, const char *ctr, struct cost_figures *f)
{
	static const char *const w[COST_WORKLOADS] = {"cpu", "syscall", "io"};

	for (int i = 0; i < COST_WORKLOADS; i++) {
		f->workload[i] = w[i];
		f->vm[i] = cost_ratio(r, vm, w[i]);
		f->ctr[i] = cost_ratio(r, ctr, w[i]);
		cost_ci(r, vm, ctr, w[i], &f->ci[i]);
	}
}

/* One isolation check: 1 pass, 0 fail, -1 not recorded. */
static int check(const struct rundir *r, const char *b, const char *k)
{
	const char *v = run_fact(r, b, k);
	double n;

	if (v == NULL)
		return -1;
	if (strcmp(k, "pid") == 0)
		return strcmp(v, "1") == 0;
	if (strcmp(k, "hostname") == 0) {
		const char *host = run_fact(r, "process", "hostname");

		if (host == NULL)
			host = run_env(r, "host");
		return host == NULL || strcmp(v, host) != 0;
	}
	if (strcmp(k, "visible_pids") == 0)
		return strcmp(v, "n/a") == 0 || (parse_number(v, &n) && n <= 4);
	/* net_ifaces: bench joins the names with '+' (lo+eth0); any name but
	 * lo (or n/a, none) is a way out. */
	char list[256];

	snprintf(list, sizeof(list), "%s", v);
	for (char *save = NULL, *t = strtok_r(list, " ,;+", &save); t;
	     t = strtok_r(NULL, " ,;+", &save))
		if (strcmp(t, "lo") != 0 && strcmp(t, "n/a") != 0 && strcmp(t, "none") != 0)
			return 0;
	return 1;
}

void isolation_of(const struct rundir *r, const char *b, struct isolation *iso)
{
	static const char *const keys[] = {"pid", "hostname", "visible_pids", "net_ifaces"};

	memset(iso, 0, sizeof(*iso));
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		int c = check(r, b, keys[i]);
		size_t len = strlen(iso->failed);

		if (c < 0)
			continue;
		iso->checks++;
		iso->passed += c;
		if (c == 0)
			snprintf(iso->failed + len, sizeof(iso->failed) - len, "%s%s=%s",
				 len ? ", " : "", keys[i], run_fact(r, b, keys[i]));
	}
	iso->has_density = find_row(r, "density", b, NULL, "startup") != NULL;
	iso->max_n = density_max_ok(r, b);
}

/* The named pairs: the container against every VM of the table (the one
 * booting a whole Linux is the seed's pair, the minimal microVM the
 * smallest VM there is), then the isolation-matched pair: the container
 * without a network namespace of its own against the microVM, which has
 * no network device. */
static void add_pairs(struct verdicts *v)
{
	for (int i = 0; i < backend_count() && v->nvm < MAX_VMS; i++) {
		const char *b = backend_at(i)->name;

		/* Warm starts (microvm-snap) are not what the claims are
		 * about: they compare cold starts. */
		if (backend_at(i)->kind != BACKEND_VM || backend_at(i)->warm)
			continue;
		v->vm[v->nvm] = b;
		v->vctr[v->nvm] = v->ctr;
		v->role[v->nvm] = strcmp(b, "linuxvm") == 0   ? ROLE_SEED
				  : strcmp(b, "microvm") == 0 ? ROLE_MINIMAL
							      : "";
		v->nvm++;
	}
	if (backend_by_name(SHAREDNET) && backend_by_name("microvm") && v->nvm < MAX_VMS) {
		v->vm[v->nvm] = "microvm";
		v->vctr[v->nvm] = SHAREDNET;
		v->role[v->nvm] = ROLE_ISOMATCH;
		v->nvm++;
	}
}

/* Claim c against every VM; a pair with no evidence says why. */
static void judge_claim(const struct rundir *r, struct verdicts *v, int c, const char *ex)
{
	enum outcome o[MAX_VMS];

	for (int i = 0; i < v->nvm; i++) {
		struct judgement *j = &v->j[c][i];
		const char *vm = v->vm[i], *ctr = v->vctr[i];
		struct isolation ctr_iso;

		if (c == 0) {
			struct memory_figures f;

			memory_of(r, vm, ctr, &f);
			rule_lighter(&f, j);
		} else if (c == 1) {
			struct startup_figures f;

			startup_of(r, vm, ctr, &f);
			rule_faster(&f, j);
		} else if (c == 2) {
			struct cost_figures f;

			cost_of(r, vm, ctr, &f);
			rule_power(&f, j);
		} else if (c == 3) {
			struct os_figures f = {
			    run_fact(r, vm, "uname"), run_fact(r, vm, "kernel_shared"),
			    run_fact(r, ctr, "uname"), run_fact(r, ctr, "kernel_shared")};

			rule_os(&f, j);
		} else {
			struct isolation vm_iso;

			isolation_of(r, vm, &vm_iso);
			isolation_of(r, ctr, &ctr_iso);
			rule_parallel(&ctr_iso, &vm_iso, j);
		}
		o[i] = j->outcome;
		if (j->outcome != OUT_NOT_MEASURED || j->evidence[0])
			continue;
		/* Not measured: whose figures are missing, and why. */
		missing_reason(r, vm, ex, j->evidence, sizeof(j->evidence));
		if (has_figures(r, vm) && !has_figures(r, ctr) &&
		    strcmp(j->evidence, "no figures for this in the run") == 0) {
			char why[256];

			missing_reason(r, ctr, ex, why, sizeof(why));
			snprintf(j->evidence, sizeof(j->evidence), "%s: %s",
				 strcmp(ctr, v->ctr) == 0 ? "the container" : ctr, why);
		}
	}
	v->verdict[c] = combine(o, v->nvm);
}

void judge_run(const struct rundir *r, struct verdicts *v)
{
	static const char *const ex[NCLAIMS] = {"memory", "startup", "overhead", "facts",
						"density"};
	struct isolation iso;
	char why[200];

	memset(v, 0, sizeof(*v));
	v->ctr = claims_container(r);
	add_pairs(v);
	for (int c = 0; c < NCLAIMS; c++)
		judge_claim(r, v, c, ex[c]);
	/* Claims 4 and 5 say something of the container alone when no VM
	 * could be compared. */
	if (strcmp(v->verdict[3], "not measured") == 0)
		v->verdict[3] = rule_os_alone(run_fact(r, v->ctr, "kernel_shared"));
	isolation_of(r, v->ctr, &iso);
	if (strcmp(v->verdict[4], "not measured") == 0)
		v->verdict[4] = rule_parallel_alone(&iso);
	if (container_parallel(&iso, why, sizeof(why)) > 0)
		snprintf(v->ctr5, sizeof(v->ctr5),
			 "container isolated (%d/%d checks) and ran up to N = %d in parallel",
			 iso.passed, iso.checks, iso.max_n);
	else
		snprintf(v->ctr5, sizeof(v->ctr5), "container: %s", why);
}

/* Is b part of the run at all: figures, facts, skipped or failed? */
static int in_run(const struct rundir *r, const char *b)
{
	char why[8];

	if (skip_reason(r, b) != NULL || run_fact(r, b, "pid") != NULL)
		return 1;
	for (int k = 0; k < r->nrows; k++)
		if (strcmp(r->rows[k].backend, b) == 0)
			return 1;
	return failed_backend(r, b, why, sizeof(why));
}

int pair_listed(const struct rundir *r, const struct verdicts *v, int c, int i)
{
	if (v->j[c][i].outcome != OUT_NOT_MEASURED)
		return 1;
	/* The isolation-matched pair of a run made before the variant
	 * existed is not a pair of that run. */
	if (strcmp(v->vctr[i], v->ctr) != 0 && !in_run(r, v->vctr[i]))
		return 0;
	return in_run(r, v->vm[i]);
}

int seed_pair(const struct verdicts *v)
{
	for (int i = 0; i < v->nvm; i++)
		if (strcmp(v->role[i], ROLE_SEED) == 0)
			return i;
	return -1;
}
