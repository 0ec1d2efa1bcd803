/*
 * childfail.c - the container's first process tells the parent what
 * failed, then ends. It runs between clone and execve on the parent's
 * memory (child.c), so only plain system calls: no stdio, no malloc.
 *
 * A report is one struct mc_child_error written on the error pipe, whose
 * write end is close-on-exec: the parent reads either a report or, once
 * execve succeeded, EOF (container.c).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "childfail.h"

/* Thread-local: the child uses the TLS block of the thread that cloned it,
 * which is asleep, so containers started by several threads at once do not
 * share these. */
static __thread int child_err_fd = -1;
static __thread int child_exit_code = MINICTR_EXIT_ERROR;

void mc_child_fail_to(int err_fd)
{
	child_err_fd = err_fd;
	child_exit_code = MINICTR_EXIT_ERROR;
}

void mc_child_fail_code(int exit_code)
{
	child_exit_code = exit_code;
}

static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	while (src && src[n] && n < size - 1) {
		dst[n] = src[n];
		n++;
	}
	dst[n] = '\0';
}

int mc_child_fail(const char *what, const char *path)
{
	struct mc_child_error e;

	memset(&e, 0, sizeof(e));
	e.err = errno;
	e.exit_code = child_exit_code;
	copy_str(e.what, sizeof(e.what), what);
	copy_str(e.path, sizeof(e.path), path);
	/* Smaller than PIPE_BUF: the parent gets it whole or not at all. */
	if (write(child_err_fd, &e, sizeof(e)) < 0) {
		/* the parent is gone; nothing to tell */
	}
	return -1;
}

void mc_child_die(void)
{
	_exit(child_exit_code);
}
