/*
 * nnp.c - no_new_privs: from here on, execve cannot raise privileges
 * (set-user-ID and set-group-ID bits and file capabilities are ignored), for
 * this process and everything it starts. The kernel also requires it (or
 * CAP_SYS_ADMIN) before an unprivileged process may install a seccomp
 * filter, since a filter could otherwise trick a set-user-ID program.
 */
#include <sys/prctl.h>

#include "internal.h"
#include "childfail.h"
#include "trace.h"

int mc_nnp(void)
{
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return mc_child_fail("prctl PR_SET_NO_NEW_PRIVS", "");
	if (mc_trace_fd >= 0)
		mc_trace("no_new_privs", "execve can no longer raise privileges", NULL);
	return 0;
}
