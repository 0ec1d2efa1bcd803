/* verdicts_csv.c - verdicts.csv: one row per claim and measured pair, and
 * one per claim against "all"; see markdown.h. */
#include <math.h>
#include <stdio.h>

#include "files/csv.h"
#include "report/markdown.h"

#define COLS 11

static int row(FILE *f, const char *const *fields)
{
	char buf[2048];
	long len = csv_format_row(buf, sizeof(buf), fields, COLS);

	return len < 0 || fputs(buf, f) < 0 ? -1 : 0;
}

static void number(char *buf, size_t cap, double v, int ok)
{
	if (ok && !isnan(v))
		snprintf(buf, cap, "%.4g", v);
	else
		buf[0] = '\0';
}

/* The rows of one pair: one per ratio the rule used (with its interval),
 * or one with the measure columns empty. */
static int pair_rows(FILE *f, const char *num, const char *verdict, const struct verdicts *v, int p,
		     const struct judgement *j)
{
	const char *fields[COLS] = {num,	 verdict,    v->vm[p],	outcome_word(j->outcome),
				    j->evidence, "",	     "",	"",
				    "",		 v->vctr[p], v->role[p]};
	int rc = 0;

	if (j->nm == 0)
		return row(f, fields);
	for (int i = 0; i < j->nm; i++) {
		char q[32], lo[32], hi[32];

		number(q, sizeof(q), j->m[i].ratio, 1);
		number(lo, sizeof(lo), j->m[i].ci.lo, j->m[i].ci.ok);
		number(hi, sizeof(hi), j->m[i].ci.hi, j->m[i].ci.ok);
		fields[5] = j->m[i].name;
		fields[6] = q;
		fields[7] = lo;
		fields[8] = hi;
		rc |= row(f, fields);
	}
	return rc;
}

int write_verdicts_csv(FILE *f, const struct rundir *r, const struct verdicts *v)
{
	int rc =
	    fputs("claim,verdict,against,outcome,figures,measure,ratio,ci_low,ci_high,container,"
		  "pair\n",
		  f) < 0
		? -1
		: 0;

	for (int c = 0; c < NCLAIMS; c++) {
		char num[8];
		const char *all[COLS] = {num, v->verdict[c], "all", v->verdict[c], "", "", "", "",
					 "",  v->ctr,	     ""};

		snprintf(num, sizeof(num), "%d", c + 1);
		for (int i = 0; i < v->nvm; i++)
			if (pair_listed(r, v, c, i))
				rc |= pair_rows(f, num, v->verdict[c], v, i, &v->j[c][i]);
		rc |= row(f, all);
	}
	return rc;
}
