/*
 * diag.c - minivm's own diagnostics: one line "minivm: ...\n" per event on
 * the diagnostic fd (stderr unless --quiet). Every file of the library and
 * the Linux boot reports through mv_diag; a harness keeps the last line as
 * the reason a run failed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include "vm.h"

static void diag_va(int fd, const char *fmt, va_list ap)
{
	char line[1024];
	int n = snprintf(line, sizeof(line), "minivm: ");

	if (fd < 0)
		return;
	n += vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	if (n > (int)sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	/* One write() per line: lines from parallel VMs do not interleave. */
	if (write(fd, line, (size_t)n) < 0)
		return; /* nowhere left to report it */
}

void mv_diag(const struct mv_vm *vm, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_va(vm->diag_fd, fmt, ap);
	va_end(ap);
}
