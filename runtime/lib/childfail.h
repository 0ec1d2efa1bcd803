/*
 * childfail.h - how the container's first process reports a failed step
 * to the parent, between clone and execve (childfail.c). Every step of
 * the child (child.c and the files it calls) reports through here, and
 * the parent (container.c) reads the report.
 */
#ifndef MINICTR_CHILDFAIL_H
#define MINICTR_CHILDFAIL_H

/* What a failing child sends back through its error pipe. */
struct mc_child_error {
	int err;       /* errno */
	int exit_code; /* MINICTR_EXIT_* */
	char what[64];
	char path[160];
};

/* Where reports go (the write end of the error pipe), and the exit status
 * for a failure from now on (MINICTR_EXIT_*). */
void mc_child_fail_to(int err_fd);
void mc_child_fail_code(int exit_code);
/* Report a failed step to the parent (errno as it is now); returns -1. */
int mc_child_fail(const char *what, const char *path);
/* End the child with the exit status set by mc_child_fail_code. */
void mc_child_die(void) __attribute__((noreturn));

/* The `what` of a failure to reach the image from a user namespace: the
 * parent adds what to do about it. */
#define MC_UNSEARCHABLE "the container's root user cannot search"

#endif
