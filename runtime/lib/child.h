/*
 * child.h - the container's first process, between clone and execve.
 */
#ifndef MINICTR_CHILD_H
#define MINICTR_CHILD_H

#include "minictr.h"

/* What the child needs, all prepared by the parent before the clone. The
 * child shares the parent's memory (CLONE_VM) while the parent waits, so
 * it may only make system calls: no malloc, no stdio. */
struct mc_child_plan {
	const char *rootfs;
	char *const *argv;
	char *const *envp;
	const char *hostname;
	int phases_fd;
	int stdio[3];
	int userns;
	int may_setgroups;	     /* userns made by root: setgroups is allowed */
	int use_helper;		     /* make net/ipc/uts in a helper during the mounts */
	int netns_fd;		     /* -1: make a new network namespace */
	void *helper_stack;	     /* top of the namespace helper's stack; NULL: no helper */
	const char *cgroup_procs[3]; /* tasks (v1) or cgroup.procs files to join ("": none) */
	int born_in_cgroup;	     /* 1: clone3 put us in the v2 cgroup already */
	int go_fd;  /* read end: one byte when the id maps are written (userns only) */
	int go_w;   /* the parent's write end, closed in the child */
	int err_fd; /* write end, close-on-exec: a failure report, or EOF at exec */
	int err_r;  /* the parent's read end, closed in the child */
	int life_r; /* read end: hangs up when the parent has died */
	int life_w; /* the parent's write end, closed in the child */
};

int mc_child_main(void *plan);

#endif
