/*
 * clone.c - the clone that starts the container's first process, in the
 * namespaces namespaces.c chose, on a stack of its own in our memory.
 *
 * On cgroup v2 the child is also born in its cgroup (clone3 with
 * CLONE_INTO_CGROUP); on v1, or where clone3 is missing, plain clone, and
 * the child joins its cgroup by writing a file (child.c).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

/* clone3's argument block, as struct clone_args in linux/sched.h (that
 * header's CLONE_* macros clash with the C library's sched.h). The fields
 * we leave at zero are there for the layout the kernel reads. */
struct clone3_args {
	uint64_t flags;
	uint64_t pidfd;	     // cppcheck-suppress unusedStructMember ; kernel ABI layout
	uint64_t child_tid;  // cppcheck-suppress unusedStructMember ; kernel ABI layout
	uint64_t parent_tid; // cppcheck-suppress unusedStructMember ; kernel ABI layout
	uint64_t exit_signal;
	uint64_t stack, stack_size;
	uint64_t tls;	       // cppcheck-suppress unusedStructMember ; kernel ABI layout
	uint64_t set_tid;      // cppcheck-suppress unusedStructMember ; kernel ABI layout
	uint64_t set_tid_size; // cppcheck-suppress unusedStructMember ; kernel ABI layout
	uint64_t cgroup;
};
#define MC_CLONE_INTO_CGROUP 0x200000000ull /* Linux 5.7 */
#define MC_SYS_clone3	     435

/* clone3 that starts fn(arg) on the new stack. It needs a few lines of
 * assembly, as the C library's clone() has: the child comes out of the
 * system call on an empty stack, so it cannot return into C code; it calls
 * fn and exits with its value. fn and arg travel in r12 and r13, which the
 * system call leaves alone in both processes. Returns the pid or -errno. */
static long clone3_start(struct clone3_args *args, int (*fn)(void *), void *arg)
{
#if !defined(__x86_64__)
	(void)args, (void)fn, (void)arg;
	return -ENOSYS; /* the assembly below is x86-64's: clone() then */
#else
	register long rax __asm__("rax") = MC_SYS_clone3;
	register struct clone3_args *rdi __asm__("rdi") = args;
	register unsigned long rsi __asm__("rsi") = sizeof(*args);
	register int (*r12)(void *) __asm__("r12") = fn;
	register void *r13 __asm__("r13") = arg;

	__asm__ volatile("syscall\n\t"
			 "test %%rax, %%rax\n\t"
			 "jnz 1f\n\t"
			 "xor %%ebp, %%ebp\n\t" /* the child: no caller frame */
			 "mov %%r13, %%rdi\n\t"
			 "call *%%r12\n\t"
			 "mov %%eax, %%edi\n\t"
			 "mov $60, %%eax\n\t" /* exit(fn's value) */
			 "syscall\n\t"
			 "ud2\n"
			 "1:"
			 : "+r"(rax)
			 : "r"(rdi), "r"(rsi), "r"(r12), "r"(r13)
			 : "rcx", "r11", "memory");
	return rax;
#endif
}

/* Start fn(arg) on the stack [stack, stack + size), in the new namespaces.
 * With cgroup_fd >= 0 (a v2 cgroup directory) the child is born in that
 * cgroup (clone3 with CLONE_INTO_CGROUP) and *born_in is set: it need not
 * join it by writing cgroup.procs, which takes the cgroup core's
 * threadgroup lock for writing and so waits for an RCU grace period
 * (README, Phases). Where clone3 is missing (ENOSYS: before Linux 5.3, or
 * a seccomp profile that hides it) it falls back to clone and *born_in
 * stays 0. Returns the child's pid, or -errno. */
pid_t mc_clone(unsigned long flags, int (*fn)(void *), void *arg, void *stack, size_t size,
	       int cgroup_fd, int *born_in)
{
	struct clone3_args a;
	long r;

	*born_in = 0;
	if (cgroup_fd >= 0) {
		memset(&a, 0, sizeof(a));
		a.flags = flags | MC_CLONE_INTO_CGROUP;
		a.exit_signal = SIGCHLD;
		a.stack = (uintptr_t)stack;
		a.stack_size = size;
		a.cgroup = (uint64_t)cgroup_fd;
		/* set before the call: the child reads it (same memory) */
		*born_in = 1;
		r = clone3_start(&a, fn, arg);
		if (r >= 0)
			return (pid_t)r;
		*born_in = 0;
		if (r != -ENOSYS && r != -E2BIG)
			return (pid_t)r;
	}
	r = clone(fn, (char *)stack + size, (int)flags | SIGCHLD, arg);
	if (r < 0)
		return -errno;
	return (pid_t)r;
}
