/*
 * sequence.h - order.csv: every sample in the order it was taken
 * (`experiment,seq,backend,workload,iteration`, warm-ups included), so
 * the report can check whether one backend's sample disturbs the next
 * one's (a carry-over: teardown work the kernel finishes late). Written
 * a row at a time, like samples.csv.
 */
#ifndef BENCH_SEQUENCE_H
#define BENCH_SEQUENCE_H

#define CSV_ORDER "experiment,seq,backend,workload,iteration"

int sequence_open(const char *dir); /* 0, or -1 after an error line */
void sequence_note(const char *experiment, const char *backend, const char *workload,
		   int iteration);
void sequence_close(void);

#endif
