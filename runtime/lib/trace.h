/*
 * trace.h - `minictr run --trace`: each step of a container's start on
 * stderr as it happens, from both sides of the clone (trace.c). Every hook
 * in the other files is written
 *
 *     if (mc_trace_fd >= 0)
 *             mc_trace("pivot_root", "...", NULL);
 *
 * so that with the trace off a step costs one well-predicted branch.
 */
#ifndef MINICTR_TRACE_H
#define MINICTR_TRACE_H

/* Where the lines go, -1: off. Per thread, like the rest of a start: the
 * child runs on the memory (and thread-local block) of the thread that
 * cloned it, so it sees the same value. */
extern __thread int mc_trace_fd;

/* Parent, at the start of each container: fd -1 turns the trace off. */
void mc_trace_begin(int fd);
/* One line "minictr  TIME ms  +DELTA  STEP  WHAT[ARG]". No stdio, no
 * malloc: safe in the child between clone and execve. arg may be NULL. */
void mc_trace(const char *step, const char *what, const char *arg);
/* The clone line: which namespaces and how (flags as mc_clone_flags). */
void mc_trace_clone(unsigned long flags);

#endif
