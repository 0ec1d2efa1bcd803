/*
 * cmdline.h - the kernel command line minivm gives a Linux guest.
 */
#ifndef MINIVM_LINUX_CMDLINE_H
#define MINIVM_LINUX_CMDLINE_H

#include <stddef.h>

/*
 * Write into buf the default command line, then " console=ttyS0" when
 * console is set, then " " and extra when extra is non-empty. Returns 0,
 * or -1 when it does not fit in size bytes (NUL included).
 */
int linux_cmdline_build(char *buf, size_t size, int console, const char *extra);

#endif
