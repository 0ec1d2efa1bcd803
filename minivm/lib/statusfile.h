/*
 * statusfile.h - `minivm run --status-file PATH`: who ended the run, and
 * why, in a file, because the exit status alone cannot say it. minivm's own
 * statuses (120 to 126, 130) are numbers a program may exit with too; a
 * program that exits 124 and a run stopped by --timeout look the same to
 * the caller's wait(). The file tells them apart:
 *
 *   status 124          the exit status minivm returns
 *   by minivm           "program": the program's (or /init's workload's)
 *                       own status; "minivm": minivm ended the run
 *   reason timeout      with "by minivm": nokvm, crash, unsupported,
 *                       timeout, error, noexec or signal (enum
 *                       minivm_status); with "by program": exit
 *
 * It is written when the run ends, under a temporary name renamed into
 * place, so a reader sees the whole file or none. No file: minivm refused
 * its command line before reading --status-file, or was killed (SIGKILL).
 */
#ifndef MINIVM_LIB_STATUSFILE_H
#define MINIVM_LIB_STATUSFILE_H

/* Before the run: can a file be made in PATH's folder? 0, or
 * MINIVM_EXIT_ERROR after one line on stderr. */
int mv_status_file_check(const char *path);

/* After the run: write PATH as above. 0, or -1 after one line on stderr
 * (the temporary file is removed then, PATH is left as it was). */
int mv_status_file_write(const char *path, int status, int by_program);

struct minivm_stats;

/* A whole run with its status file: check PATH, RUN(CFG), then write PATH
 * with RUN's status and who ended the run (STATS->program_exited, which
 * RUN fills). PATH NULL: no --status-file, only RUN. Returns RUN's status,
 * or check's MINIVM_EXIT_ERROR without running. */
int mv_status_file_run(const char *path, int (*run)(void *cfg), void *cfg,
		       const struct minivm_stats *stats);

/* The word for one of minivm's own statuses ("timeout"), or "unknown". */
const char *mv_status_reason(int status);

#endif
