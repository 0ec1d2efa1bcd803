/*
 * hosts.h - several runs in one report (`bench report DIR1 DIR2 ...`):
 * each claim's verdict run by run (each run is one host, or one repeat on
 * a host), whether they agree, and the spread of each ratio a rule used
 * across the runs. One run's verdicts speak for its host only: this is
 * where a finding is shown to hold (or not) on more than one.
 */
#ifndef BENCH_REPORT_HOSTS_H
#define BENCH_REPORT_HOSTS_H

/* Read the n run directories, judge each, and write OUT/REPORT.md and
 * OUT/verdicts.csv (OUT is made if missing). 0, or -1 after one line of
 * error. */
int hosts_report(char *const dirs[], int n, const char *out);

#endif
