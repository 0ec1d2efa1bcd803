/*
 * statusfile.c - the --status-file of `minivm run`; see statusfile.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "minivm.h"
#include "statusfile.h"

const char *mv_status_reason(int status)
{
	switch (status) {
	case MINIVM_EXIT_NOKVM:
		return "nokvm";
	case MINIVM_EXIT_CRASH:
		return "crash";
	case MINIVM_EXIT_UNSUPPORTED:
		return "unsupported";
	case MINIVM_EXIT_GATE_CLOSED: /* the library's gate only; the command has none */
		return "gate_closed";
	case MINIVM_EXIT_TIMEOUT:
		return "timeout";
	case MINIVM_EXIT_ERROR:
		return "error";
	case MINIVM_EXIT_NOEXEC:
		return "noexec";
	case MINIVM_EXIT_SIGNAL:
		return "signal";
	default:
		return "unknown";
	}
}

/* PATH's folder: what precedes its last '/', "/" for "/name", "." for a
 * name without one. */
static int folder_of(const char *path, char *dir, size_t size)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 0;

	if (len >= size)
		return -1;
	if (!slash)
		snprintf(dir, size, ".");
	else if (slash == path)
		snprintf(dir, size, "/");
	else
		snprintf(dir, size, "%.*s", (int)len, path);
	return 0;
}

int mv_status_file_check(const char *path)
{
	char dir[PATH_MAX];
	size_t len = strlen(path);

	if (len == 0 || path[len - 1] == '/' || folder_of(path, dir, sizeof(dir))) {
		fprintf(stderr, "minivm: --status-file: not a file name: \"%s\"\n", path);
		return MINIVM_EXIT_ERROR;
	}
	/* Write and search permission on the folder: what creating the
	 * temporary file and renaming it need. */
	if (access(dir, W_OK | X_OK) < 0) {
		fprintf(stderr, "minivm: --status-file %s: access %s: %s\n", path, dir,
			strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}

int mv_status_file_write(const char *path, int status, int by_program)
{
	char tmp[PATH_MAX], text[96];
	int len, fd, ok;

	if (snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid()) >= (int)sizeof(tmp)) {
		fprintf(stderr, "minivm: --status-file %s: name too long\n", path);
		return -1;
	}
	len = snprintf(text, sizeof(text), "status %d\nby %s\nreason %s\n", status,
		       by_program ? "program" : "minivm",
		       by_program ? "exit" : mv_status_reason(status));
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		fprintf(stderr, "minivm: --status-file: open %s: %s\n", tmp, strerror(errno));
		return -1;
	}
	ok = write(fd, text, (size_t)len) == len;
	if (!ok)
		fprintf(stderr, "minivm: --status-file: write %s: %s\n", tmp, strerror(errno));
	if (close(fd) < 0 && ok) {
		fprintf(stderr, "minivm: --status-file: close %s: %s\n", tmp, strerror(errno));
		ok = 0;
	}
	/* rename() replaces PATH in one step: a reader never sees half. */
	if (ok && rename(tmp, path) < 0) {
		fprintf(stderr, "minivm: --status-file: rename %s: %s\n", tmp, strerror(errno));
		ok = 0;
	}
	if (!ok)
		unlink(tmp);
	return ok ? 0 : -1;
}

int mv_status_file_run(const char *path, int (*run)(void *cfg), void *cfg,
		       const struct minivm_stats *stats)
{
	int rc;

	if (path && (rc = mv_status_file_check(path)))
		return rc;
	rc = run(cfg);
	if (path)
		mv_status_file_write(path, rc, stats->program_exited);
	return rc;
}
