/*
 * child.h - the container's first process, between clone and execve.
 */
#ifndef MINICTR_CHILD_H
#define MINICTR_CHILD_H

#include "minictr.h"

/* What the child needs, all prepared by the parent before the clone: after
 * a clone without a new stack the child runs on a copy of the parent's
 * memory, and (if the caller had threads) may only make system calls - no
 * malloc, no stdio. */
struct mc_child_plan {
	const char *rootfs;
	char *const *argv;
	char *const *envp;
	const char *hostname;
	int phases_fd;
	int stdio[3];
	int userns;
	int netns_fd; /* -1: make a new network namespace */
	int go_fd;    /* read end: one byte when ids are mapped (userns), one when in the cgroup */
	int go_w;     /* the parent's write end, closed in the child */
	int err_fd;   /* write end, close-on-exec: a failure report, or EOF at exec */
	int err_r;    /* the parent's read end, closed in the child */
};

/* What a failing child sends back through err_fd. */
struct mc_child_error {
	int err;       /* errno */
	int exit_code; /* MINICTR_EXIT_* */
	char what[64];
	char path[160];
};

void mc_child_main(const struct mc_child_plan *plan) __attribute__((noreturn));
/* Report a failed step to the parent (errno as it is now); returns -1. */
int mc_child_fail(const char *what, const char *path);

#endif
