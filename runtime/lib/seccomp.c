/*
 * seccomp.c - install the filter of seccomp_filter.c on the container's
 * first process, last thing before execve (it is inherited across execve
 * and fork, and can never be removed). no_new_privs must be set first
 * (nnp.c).
 */
#include <sys/prctl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "internal.h"
#include "child.h"
#include "trace.h"

int mc_seccomp_install(void)
{
	struct sock_filter prog[128];
	struct sock_fprog fprog;

	fprog.len = (unsigned short)mc_seccomp_program(prog, sizeof(prog) / sizeof(prog[0]));
	fprog.filter = prog;
	if (fprog.len == 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) < 0)
		return mc_child_fail("prctl PR_SET_SECCOMP", "filter");
	if (mc_trace_fd >= 0)
		mc_trace("seccomp",
			 "BPF filter: mount, ptrace, new namespaces ... refused (EPERM); sockets: "
			 "unix, inet, inet6, netlink only",
			 NULL);
	return 0;
}
