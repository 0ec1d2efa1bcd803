/*
 * syscall.c - the system call table: Linux x86-64 numbers and meanings,
 * with one line per call on what Linux does and what we do instead.
 *
 * A call we do not know returns -ENOSYS, as Linux does for a number it has
 * no entry for, and is reported once on the program's stderr so that an
 * unsupported workload is obvious.
 */
#include "kernel.h"
#include "cpu.h"

extern char syscall_entry[]; /* syscall_entry.S */
/* Where syscall_entry switches stacks; static data, so that a VMM entering
 * us at ring 3 (header.c) needs no set-up code to run first. */
uint64_t kernel_stack_top = MINIVM_KSTACK_TOP;

/*
 * STAR bits 47:32: the CS SYSCALL loads (SS = that + 8), the kernel's code
 * and data selectors. Bits 63:48: SYSRET loads SS = that + 8 and CS = that
 * + 16, our user data and code selectors (used only where SYSCALL really
 * enters ring 0, see syscall_entry.S). FMASK: RFLAGS bits SYSCALL clears on entry: IF (no
 * interrupts in the kernel), TF (no single-stepping into it), DF (the C ABI wants it clear), AC (no
 * alignment checks in the kernel).
 */
void syscall_init(void)
{
	wrmsr(MSR_STAR, (uint64_t)MINIVM_SEL_CODE << 32 | (uint64_t)(SEL_USER_DATA - 8) << 48);
	wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
	wrmsr(MSR_FMASK, SYSCALL_FMASK);
}

/* Names of calls a program may well try, for the "unsupported" line. */
struct syscall_name {
	int nr;
	const char *name;
};

#define NAME(n)                                                                                    \
	{                                                                                          \
		__NR_##n, #n                                                                       \
	}
/* clang-format off */
static const struct syscall_name names[] = {
	NAME(open), NAME(stat), NAME(lstat), NAME(poll),
	NAME(pread64), NAME(pwrite64), NAME(access), NAME(pipe), NAME(select), NAME(dup),
	NAME(dup2), NAME(socket), NAME(connect), NAME(accept), NAME(sendto), NAME(recvfrom),
	NAME(bind), NAME(listen), NAME(clone), NAME(fork), NAME(vfork), NAME(execve),
	NAME(wait4), NAME(kill), NAME(fcntl), NAME(flock), NAME(fsync), NAME(ftruncate),
	NAME(getdents64), NAME(getcwd), NAME(chdir), NAME(rename), NAME(mkdir), NAME(rmdir),
	NAME(unlink), NAME(chmod), NAME(umask), NAME(getrusage), NAME(sysinfo), NAME(times),
	NAME(setsid), NAME(prctl), NAME(futex), NAME(sched_getaffinity), NAME(epoll_create1),
	NAME(epoll_ctl), NAME(epoll_wait), NAME(openat), NAME(faccessat), NAME(pselect6),
	NAME(ppoll), NAME(pipe2), NAME(dup3), NAME(eventfd2), NAME(timerfd_create),
	NAME(statx), NAME(clone3), NAME(faccessat2), NAME(membarrier), NAME(tgkill),
	NAME(rt_sigreturn), NAME(rt_sigsuspend), NAME(memfd_create), NAME(copy_file_range),
	NAME(sendfile), NAME(mincore), NAME(sync), NAME(getpgrp), NAME(setpgid),
};
/* clang-format on */

static const char *syscall_name(uint64_t nr)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((uint64_t)names[i].nr == nr)
			return names[i].name;
	return NULL;
}

/* One bit per number already reported; numbers above are reported always. */
#define REPORTED_MAX 512
static uint64_t reported[REPORTED_MAX / 64];

static long unsupported(uint64_t nr)
{
	char line[96], *p = line, *end = line + sizeof(line);
	const char *name = syscall_name(nr);

	if (nr < REPORTED_MAX) {
		if (reported[nr / 64] & (1ULL << nr % 64))
			return -ENOSYS;
		reported[nr / 64] |= 1ULL << nr % 64;
	}
	p = fmt_str(p, end, "minivm: unsupported system call ");
	p = fmt_dec(p, end, nr);
	if (name) {
		p = fmt_str(p, end, " (");
		p = fmt_str(p, end, name);
		p = fmt_str(p, end, ")");
	}
	p = fmt_str(p, end, "\n");
	host_write(2, line, p - line);
	return -ENOSYS;
}

/*
 * Signals are never delivered (no second process to send one, no timer,
 * and a CPU exception ends the VM), so their bookkeeping is all we keep:
 * the blocked mask, so that a program reads back what it set.
 */
static uint64_t blocked_signals;

#define SIG_BLOCK   0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

static long sys_rt_sigprocmask(int how, uint64_t set, uint64_t oldset, size_t size)
{
	if (size != sizeof(uint64_t))
		return -EINVAL;
	if ((set && !user_ok(set, size)) || (oldset && !user_ok(oldset, size)))
		return -EFAULT;
	if (oldset)
		*(uint64_t *)oldset = blocked_signals;
	if (!set)
		return 0;
	switch (how) {
	case SIG_BLOCK:
		blocked_signals |= *(uint64_t *)set;
		break;
	case SIG_UNBLOCK:
		blocked_signals &= ~*(uint64_t *)set;
		break;
	case SIG_SETMASK:
		blocked_signals = *(uint64_t *)set;
		break;
	default:
		return -EINVAL;
	}
	return 0;
}

/* struct kernel_sigaction: handler, flags, restorer, mask: 32 bytes. */
#define KERNEL_SIGACTION_SIZE 32

#define SIGKILL 9
#define SIGSTOP 19

/* The checks in Linux's order (kernel/signal.c): the mask size, then the
 * new action is read (a bad pointer: -EFAULT, even with a bad signal
 * number), then the signal number, which for a new action may not be
 * SIGKILL or SIGSTOP, then the old action is written. */
static long sys_rt_sigaction(int sig, uint64_t act, uint64_t oldact, size_t size)
{
	if (size != sizeof(uint64_t))
		return -EINVAL;
	if (act && !user_ok(act, KERNEL_SIGACTION_SIZE))
		return -EFAULT;
	if (sig < 1 || sig > 64 || (act && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	if (oldact) {
		if (!user_ok(oldact, KERNEL_SIGACTION_SIZE))
			return -EFAULT;
		/* We keep no handlers: the old action reads as SIG_DFL. */
		memset((void *)oldact, 0, KERNEL_SIGACTION_SIZE);
	}
	return 0;
}

/* stack_t: ss_sp, ss_flags (int, padded), ss_size: 24 bytes. */
#define SS_DISABLE 2

static long sys_sigaltstack(uint64_t ss, uint64_t old)
{
	if (ss && !user_ok(ss, 24))
		return -EFAULT;
	if (old) {
		if (!user_ok(old, 24))
			return -EFAULT;
		memset((void *)old, 0, 24);
		*(int *)(old + 8) = SS_DISABLE;
	}
	return 0;
}

#define MADV_DONTNEED 4

// cppcheck-suppress unusedFunction ; called from syscall_entry.S
long syscall_dispatch(struct syscall_frame *f)
{
	static int seen_first;
	uint64_t nr = f->rax, a1 = f->rdi, a2 = f->rsi, a3 = f->rdx;
	uint64_t a4 = f->r10, a5 = f->r8, a6 = f->r9;

	if (!seen_first) {
		seen_first = 1;
		phase(MINIVM_PHASE_FIRST_SYSCALL);
	}

	switch (nr) {
	/* Files: only fds 0, 1 and 2 exist, and they are the VMM's (console.c). */
	case __NR_read:
		return sys_read(a1, (void *)a2, a3);
	case __NR_write:
		return sys_write(a1, (const void *)a2, a3);
	case __NR_readv:
		return sys_readv(a1, a2, a3);
	case __NR_writev:
		return sys_writev(a1, a2, a3);
	case __NR_ioctl:
		return sys_ioctl(a1, a2, a3);
	case __NR_close:
		return sys_close(a1);
	case __NR_lseek:
		return sys_lseek(a1, a2, a3);
	case __NR_fstat:
		return sys_fstat(a1, a2);
	case __NR_newfstatat:
		return sys_newfstatat(a1, a2, a3, a4);
	case __NR_readlink:
	case __NR_readlinkat:
		/* Linux: read a symbolic link (glibc's start-up asks for
		 * /proc/self/exe). We: there is no file system, so no path
		 * exists: ENOENT, which callers handle, quietly. */
		return -ENOENT;

	/* Memory (memory.c). */
	case __NR_brk:
		return sys_brk(a1);
	case __NR_mmap:
		return sys_mmap(a1, a2, a3, a4, a5, a6);
	case __NR_munmap:
		return sys_munmap(a1, a2);
	case __NR_mremap:
		return sys_mremap(a1, a2, a3, a4, a5);
	case __NR_mprotect:
		return sys_mprotect(a1, a2, a3);
	case __NR_madvise:
		/* Linux: MADV_DONTNEED on private anonymous memory makes it
		 * read as zero again; the other advice is a hint. We: zero
		 * for DONTNEED, ignore the rest. */
		if (a3 == MADV_DONTNEED && user_ok(a1, a2))
			memset((void *)a1, 0, a2);
		return 0;

	/* Time (clock.c). */
	case __NR_clock_gettime:
		return sys_clock_gettime(a1, a2);
	case __NR_clock_getres:
		return sys_clock_getres(a1, a2);
	case __NR_gettimeofday:
		return sys_gettimeofday(a1, a2);
	case __NR_time:
		return sys_time(a1);
	case __NR_nanosleep:
		return sys_nanosleep(a1, a2);
	case __NR_clock_nanosleep:
		return sys_clock_nanosleep(a1, a2, a3, a4);
	case __NR_pause:
		return sys_pause();

	/* The process: there is one, pid 1, run by root (identity.c). */
	case __NR_exit:
	case __NR_exit_group:
		/* Linux: the parent sees the low 8 bits. We: the VMM does. */
		host_exit(a1 & 0xff);
	case __NR_getpid:
	case __NR_gettid:
		return 1;
	case __NR_getppid:
		return 0; /* Linux: pid 1's parent is 0 */
	case __NR_getuid:
	case __NR_geteuid:
	case __NR_getgid:
	case __NR_getegid:
		return 0;
	case __NR_set_tid_address:
		/* Linux: remembers the address to clear at thread exit and
		 * returns the tid. We: one thread that never exits alone. */
		return 1;
	case __NR_arch_prctl:
		return sys_arch_prctl(a1, a2);
	case __NR_uname:
		return sys_uname(a1);
	case __NR_prlimit64:
		return sys_prlimit64(a1, a2, a3, a4);
	case __NR_getrlimit:
		return sys_prlimit64(0, a1, 0, a2);
	case __NR_sched_yield:
		return 0; /* nothing else to run */
	case __NR_getrandom:
		return sys_getrandom(a1, a2, a3);

	/* Signals: accepted, never delivered (see above). */
	case __NR_rt_sigaction:
		return sys_rt_sigaction(a1, a2, a3, a4);
	case __NR_rt_sigprocmask:
		return sys_rt_sigprocmask(a1, a2, a3, a4);
	case __NR_sigaltstack:
		return sys_sigaltstack(a1, a2);

	/* Threads: Linux keeps the robust futex list for a dying thread and
	 * registers rseq areas. We: one thread, no preemption. glibc treats
	 * ENOSYS from rseq as "not available", quietly. */
	case __NR_set_robust_list:
		return 0;
	case __NR_rseq:
		return -ENOSYS;

	default:
		return unsupported(nr);
	}
}
