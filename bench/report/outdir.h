/* outdir.h - a folder the analysis writes into, made when missing. (Its
 * own file: <sys/stat.h>'s struct stat and run.h's enum stat cannot meet
 * in one translation unit.) */
#ifndef BENCH_REPORT_OUTDIR_H
#define BENCH_REPORT_OUTDIR_H

/* 0 when path is (now) a folder; else -1 after one line of error. */
int ensure_dir(const char *path);

#endif
