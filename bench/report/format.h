/*
 * format.h - numbers as the report writes them: about three significant
 * digits, no exponent for the sizes a run has, "–" for a missing one.
 */
#ifndef BENCH_REPORT_FORMAT_H
#define BENCH_REPORT_FORMAT_H

#include <stddef.h>

#include "report/interval.h"

/* Room for any figure the functions below write. */
#define FMT_LEN 48

/* 1234567 -> "1234567", 12.345 -> "12.3", 0.01234 -> "0.0123", NAN -> "–". */
const char *fmt_num(char buf[FMT_LEN], double x);
/* a / b as "2.35×"; "–" when either is missing or b is not positive. */
const char *fmt_ratio(char buf[FMT_LEN], double a, double b);
/* " [lo–hi]" for an interval, "" when there is none. */
const char *fmt_ci(char buf[2 * FMT_LEN + 8], const struct interval *ci);
/* A string safe inside a Markdown table cell: '|' escaped, line breaks
 * made spaces, "–" for an empty or NULL one. Returns buf. */
const char *md_cell(char *buf, size_t cap, const char *s);

#endif
