/*
 * seccomp.c - install the filter of seccomp_filter.c on the container's
 * first process, last thing before execve (it is inherited across execve
 * and fork, and can never be removed). no_new_privs must be set first
 * (nnp.c).
 */
#include <pthread.h>
#include <sys/prctl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "internal.h"
#include "childfail.h"
#include "trace.h"

/* Built once per process, by the parent before its first clone (building
 * takes a few microseconds: sorting the table into ranges); the child runs
 * in the parent's memory and installs it from there. */
static struct sock_filter program[128];
static size_t program_len;
static pthread_once_t program_once = PTHREAD_ONCE_INIT;

static void build_program(void)
{
	program_len = mc_seccomp_program(program, sizeof(program) / sizeof(program[0]));
}

void mc_seccomp_prepare(void)
{
	pthread_once(&program_once, build_program);
}

int mc_seccomp_install(void)
{
	struct sock_fprog fprog;

	fprog.len = (unsigned short)program_len;
	fprog.filter = program;
	if (fprog.len == 0 || prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &fprog, 0, 0) < 0)
		return mc_child_fail("prctl PR_SET_SECCOMP", "filter");
	if (mc_trace_fd >= 0)
		mc_trace("seccomp",
			 "BPF filter: mount, ptrace, new namespaces ... refused (EPERM); sockets: "
			 "unix, inet, inet6, netlink only",
			 NULL);
	return 0;
}
