/*
 * fdlimit.h - enough file descriptors for N live instances. The harness
 * holds a few per live instance (instance.h: INSTANCE_FDS); ten thousand
 * of them pass the usual soft limit of 1024 and often the hard one too.
 */
#ifndef BENCH_FDLIMIT_H
#define BENCH_FDLIMIT_H

/* Descriptors the harness keeps for itself (results files, epoll, the
 * watchdog's pidfd, /dev/null, a directory being read, ...). */
#define FDLIMIT_RESERVE 64

/* Raise RLIMIT_NOFILE so that `need` descriptors fit: the soft limit to
 * the hard one, and the hard one itself (up to fs.nr_open) where we may
 * (CAP_SYS_RESOURCE). Says on stderr when need cannot be met. Returns the
 * soft limit now in force. */
long fdlimit_raise(long need);
/* The soft limit now in force (-1 if getrlimit fails). */
long fdlimit_current(void);
/* env.csv: fd_limit, and fd_limit_note when it fell short. */
void fdlimit_to_env(void);

#endif
