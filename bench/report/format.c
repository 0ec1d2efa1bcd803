/* format.c - figures as text; see format.h. */
#include <math.h>
#include <stdio.h>

#include "report/format.h"

const char *fmt_num(char buf[FMT_LEN], double x)
{
	double a = fabs(x);

	if (isnan(x))
		snprintf(buf, FMT_LEN, "–");
	else if (a >= 100)
		snprintf(buf, FMT_LEN, "%.0f", x);
	else if (a >= 10)
		snprintf(buf, FMT_LEN, "%.1f", x);
	else if (a >= 1)
		snprintf(buf, FMT_LEN, "%.2f", x);
	else if (a == 0)
		snprintf(buf, FMT_LEN, "0");
	else
		snprintf(buf, FMT_LEN, "%.3g", x);
	return buf;
}

const char *fmt_ratio(char buf[FMT_LEN], double a, double b)
{
	if (isnan(a) || isnan(b) || b <= 0) {
		snprintf(buf, FMT_LEN, "–");
	} else {
		char n[FMT_LEN];

		snprintf(buf, FMT_LEN, "%s×", fmt_num(n, a / b));
	}
	return buf;
}

const char *md_cell(char *buf, size_t cap, const char *s)
{
	size_t o = 0;

	if (s == NULL || s[0] == '\0')
		s = "–";
	for (; *s && o + 3 < cap; s++) {
		if (*s == '|')
			buf[o++] = '\\';
		buf[o++] = *s == '\n' || *s == '\r' ? ' ' : *s;
	}
	buf[o] = '\0';
	return buf;
}

const char *fmt_ci(char buf[2 * FMT_LEN + 8], const struct interval *ci)
{
	buf[0] = '\0';
	if (ci->ok) {
		char lo[FMT_LEN], hi[FMT_LEN];

		snprintf(buf, 2 * FMT_LEN + 8, " [%s–%s]", fmt_num(lo, ci->lo),
			 fmt_num(hi, ci->hi));
	}
	return buf;
}
