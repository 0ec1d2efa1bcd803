/*
 * signals.c - stopping a running vCPU: --timeout, SIGTERM and SIGINT.
 *
 * A vCPU inside KVM_RUN leaves the guest when a signal arrives for its
 * thread: KVM_RUN returns -1 with errno EINTR (our handlers are installed
 * without SA_RESTART). A signal that lands just before KVM_RUN is entered
 * would be missed, so the handler also sets kvm_run->immediate_exit: KVM
 * then returns EINTR at once instead of entering the guest (KVM's
 * documented way to close that race).
 *
 * The timeout is a POSIX timer on CLOCK_MONOTONIC that sends SIGALRM to
 * the vCPU's thread. One VM per process (the library's rule): the state
 * below is the process's.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "vm.h"

/* glibc before 2.41 lacks the name the man page uses for the target thread. */
#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static volatile sig_atomic_t stop_reason = MV_STOP_NONE;
static struct kvm_run *volatile signal_run;
static struct sigaction old_term, old_int, old_alrm;
static timer_t timer;
static int timer_armed;
static int installed; /* our handlers are in place: restore the old ones */

static void on_signal(int sig)
{
	/* The first reason wins: a timeout stays a timeout. */
	if (stop_reason == MV_STOP_NONE)
		stop_reason = sig == SIGALRM ? MV_STOP_TIMEOUT : MV_STOP_SIGNAL;
	if (signal_run)
		signal_run->immediate_exit = 1;
}

enum mv_stop mv_stop_requested(void)
{
	return (enum mv_stop)stop_reason;
}

static int arm_timer(struct mv_vm *vm, double timeout_s)
{
	struct sigevent ev;

	memset(&ev, 0, sizeof(ev));
	/* To this thread, the one in KVM_RUN, even in a threaded process. */
	ev.sigev_notify = SIGEV_THREAD_ID;
	ev.sigev_signo = SIGALRM;
	ev.sigev_notify_thread_id = (pid_t)syscall(SYS_gettid);
	if (timer_create(CLOCK_MONOTONIC, &ev, &timer) < 0) {
		mv_diag(vm, "timer_create: %s", strerror(errno));
		return -1;
	}
	timer_armed = 1;
	struct itimerspec its;
	memset(&its, 0, sizeof(its));
	its.it_value.tv_sec = (time_t)timeout_s;
	its.it_value.tv_nsec = (long)((timeout_s - (double)its.it_value.tv_sec) * 1e9);
	if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0)
		its.it_value.tv_nsec = 1; /* all zero would disarm it */
	if (timer_settime(timer, 0, &its, NULL) < 0) {
		mv_diag(vm, "timer_settime: %s", strerror(errno));
		return -1;
	}
	return 0;
}

int mv_signals_start(struct mv_vm *vm, double timeout_s)
{
	struct sigaction sa;

	stop_reason = MV_STOP_NONE;
	signal_run = NULL; /* no vCPU yet: mv_signals_attach() */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: blocking calls return EINTR */
	if (sigaction(SIGTERM, &sa, &old_term) < 0 || sigaction(SIGINT, &sa, &old_int) < 0 ||
	    sigaction(SIGALRM, &sa, &old_alrm) < 0) {
		mv_diag(vm, "sigaction: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	installed = 1;
	if (timeout_s > 0 && arm_timer(vm, timeout_s) < 0)
		return MINIVM_EXIT_ERROR;
	return 0;
}

/* From here on a signal also makes KVM_RUN return at once. */
void mv_signals_attach(struct kvm_run *run)
{
	signal_run = run;
	/* A signal that came before the vCPU existed is not lost: the run
	 * loop checks mv_stop_requested() before its first KVM_RUN. */
}

void mv_signals_stop(void)
{
	if (timer_armed) {
		timer_delete(timer);
		timer_armed = 0;
	}
	if (installed) {
		sigaction(SIGTERM, &old_term, NULL);
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGALRM, &old_alrm, NULL);
		installed = 0;
	}
	signal_run = NULL;
}
