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
 * The VMM's own blocking calls (the guest's sleep, a read of its stdin)
 * have the same race one step later: a signal that lands after KVM_RUN
 * returned and before the call blocks runs the handler, and the call then
 * blocks for its whole length. mv_wait_unless_stopped() closes it the way
 * pselect(2) was made for: the stop signals are blocked while the flag is
 * checked, and ppoll() unblocks them and starts waiting in one step, so a
 * signal that came in between is pending and ends the wait at once.
 *
 * The timeout is a POSIX timer on CLOCK_MONOTONIC that sends SIGALRM to
 * the vCPU's thread. One VM per process (the library's rule): the state
 * below is the process's.
 */
#include <errno.h>
#include <poll.h>
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

static struct timespec ns_to_timespec(uint64_t ns)
{
	return (struct timespec){.tv_sec = (time_t)(ns / 1000000000ULL),
				 .tv_nsec = (long)(ns % 1000000000ULL)};
}

/* The time from now until deadline in *left; 0 when it has passed. */
static int time_left(const struct timespec *deadline, struct timespec *left)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	left->tv_sec = deadline->tv_sec - now.tv_sec;
	left->tv_nsec = deadline->tv_nsec - now.tv_nsec;
	if (left->tv_nsec < 0) {
		left->tv_sec--;
		left->tv_nsec += 1000000000L;
	}
	return left->tv_sec > 0 || (left->tv_sec == 0 && left->tv_nsec > 0);
}

int mv_wait_unless_stopped(int fd, short events, uint64_t ns)
{
	struct pollfd pfd = {.fd = fd, .events = events};
	struct timespec deadline, left;
	sigset_t stops, unblocked;
	int ret = 0;

	sigemptyset(&stops);
	sigaddset(&stops, SIGTERM);
	sigaddset(&stops, SIGINT);
	sigaddset(&stops, SIGALRM);
	/* From here a stop signal stays pending instead of running the
	 * handler; `unblocked` is the mask ppoll() waits with. */
	int err = pthread_sigmask(SIG_BLOCK, &stops, &unblocked);
	if (err)
		return -err;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	if (ns != MV_WAIT_FOREVER) {
		struct timespec add = ns_to_timespec(ns);
		deadline.tv_sec += add.tv_sec;
		deadline.tv_nsec += add.tv_nsec;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
	}
	for (;;) {
		/* A signal handled before the block above set the flag. */
		if (stop_reason != MV_STOP_NONE) {
			ret = -EINTR;
			break;
		}
		if (ns != MV_WAIT_FOREVER && !time_left(&deadline, &left))
			break;
		int n = ppoll(fd >= 0 ? &pfd : NULL, fd >= 0 ? 1 : 0,
			      ns == MV_WAIT_FOREVER ? NULL : &left, &unblocked);
		if (n > 0)
			break; /* fd ready (or in error: the caller's read says which) */
		if (n < 0 && errno != EINTR) {
			ret = -errno;
			break;
		}
		/* EINTR (a stop signal's handler ran: the loop checks the flag;
		 * another signal: wait on) or time up (checked above). */
	}
	pthread_sigmask(SIG_SETMASK, &unblocked, NULL);
	return ret;
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
