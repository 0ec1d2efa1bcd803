/*
 * signals.c - the signal calls a libc makes at start-up, asked with bad
 * arguments: each answer must be the one Linux gives. Prints "call result"
 * lines; the test runs this program on the host and in the guest and
 * compares the two. Raw system calls, so that libc checks nothing first.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* struct kernel_sigaction as the kernel reads it (not libc's sigaction):
 * four words, handler, flags, restorer and a mask of 64 bits. */
#define KSIGACTION_WORDS 4

/* Addresses no program can use: the first page, and one far above any
 * memory (user space ends below 2^47). */
#define LOW_PTR	 ((void *)8)
#define HIGH_PTR ((void *)0x7fff00000000UL)

static void show(const char *what, long rc)
{
	printf("%s %s\n", what, rc == 0 ? "ok" : strerror(errno));
}

int main(void)
{
	unsigned long act[KSIGACTION_WORDS] = {(unsigned long)SIG_IGN}, old[KSIGACTION_WORDS];
	stack_t ss = {.ss_flags = SS_DISABLE};

	show("sigaction_bad_act_low", syscall(SYS_rt_sigaction, SIGUSR1, LOW_PTR, NULL, 8));
	show("sigaction_bad_act_high", syscall(SYS_rt_sigaction, SIGUSR1, HIGH_PTR, NULL, 8));
	show("sigaction_bad_old", syscall(SYS_rt_sigaction, SIGUSR1, NULL, LOW_PTR, 8));
	show("sigaction_bad_size", syscall(SYS_rt_sigaction, SIGUSR1, act, NULL, 4));
	show("sigaction_bad_signal", syscall(SYS_rt_sigaction, 65, act, NULL, 8));
	show("sigaction_signal_0", syscall(SYS_rt_sigaction, 0, NULL, old, 8));
	show("sigaction_kill", syscall(SYS_rt_sigaction, SIGKILL, act, NULL, 8));
	show("sigaction_stop", syscall(SYS_rt_sigaction, SIGSTOP, act, NULL, 8));
	show("sigaction_kill_query", syscall(SYS_rt_sigaction, SIGKILL, NULL, old, 8));
	/* A bad act is found before a bad signal number, as in Linux. */
	show("sigaction_bad_both", syscall(SYS_rt_sigaction, 65, LOW_PTR, NULL, 8));
	show("sigaction_good", syscall(SYS_rt_sigaction, SIGUSR1, act, old, 8));
	show("sigprocmask_bad_set", syscall(SYS_rt_sigprocmask, SIG_BLOCK, LOW_PTR, NULL, 8));
	show("sigaltstack_bad_ss", syscall(SYS_sigaltstack, LOW_PTR, NULL));
	show("sigaltstack_bad_old", syscall(SYS_sigaltstack, NULL, LOW_PTR));
	show("sigaltstack_disable", syscall(SYS_sigaltstack, &ss, NULL));
	return 0;
}
