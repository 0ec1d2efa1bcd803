/* verdicts_csv.c - verdicts.csv: one row per claim and measured pair, and
 * one per claim against "all"; see markdown.h. */
#include <stdio.h>

#include "csv.h"
#include "report/markdown.h"

static int row(FILE *f, const char *const *fields)
{
	char buf[2048];
	long len = csv_format_row(buf, sizeof(buf), fields, 5);

	return len < 0 || fputs(buf, f) < 0 ? -1 : 0;
}

int write_verdicts_csv(FILE *f, const struct rundir *r, const struct verdicts *v)
{
	int rc = fputs("claim,verdict,against,outcome,figures\n", f) < 0 ? -1 : 0;

	for (int c = 0; c < NCLAIMS; c++) {
		char num[8];
		const char *all[5] = {num, v->verdict[c], "all", v->verdict[c], ""};

		snprintf(num, sizeof(num), "%d", c + 1);
		for (int i = 0; i < v->nvm; i++) {
			if (pair_listed(r, v, c, i)) {
				const char *pair[5] = {num, v->verdict[c], v->vm[i],
						       outcome_word(v->j[c][i].outcome),
						       v->j[c][i].evidence};

				rc |= row(f, pair);
			}
		}
		rc |= row(f, all);
	}
	return rc;
}
