/* Unit tests: the one whole-buffer write loop (common/write_all.h). */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "write_all.h"

/* More than a pipe holds (64 KiB by default), so the writer blocks while
 * a slow reader drains it. A blocked write(2) on a pipe returns only when
 * all is written, unless a signal arrives: then it returns what it wrote so
 * far (short), or fails with EINTR when that was nothing. A timer signal
 * every millisecond, whose handler does not restart calls, makes both
 * happen, and the loop must go on where each stopped. */
#define BIG (256 * 1024)

static volatile sig_atomic_t ticks;

static void on_tick(int sig)
{
	(void)sig;
	ticks++;
}

/* Interrupt this process every ms (interval 0: stop). */
static void tick_every_ms(int on)
{
	struct itimerval t = {{0, on ? 1000 : 0}, {0, on ? 1000 : 0}};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_tick; /* no SA_RESTART: the write returns early */
	assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
	assert_int_equal(setitimer(ITIMER_REAL, &t, NULL), 0);
}

/* A child reads the pipe slowly, in small pieces, and checks the bytes
 * arrive whole and in order: exit 0 when all BIG bytes did. */
static void slow_reader(int fd)
{
	static unsigned char got[BIG];
	size_t have = 0;

	while (have < BIG) {
		ssize_t n = read(fd, got + have, 4096);

		if (n <= 0)
			_exit(1);
		have += (size_t)n;
		usleep(200);
	}
	for (size_t i = 0; i < BIG; i++)
		if (got[i] != (unsigned char)(i * 7))
			_exit(2);
	_exit(0);
}

static void test_whole_buffer_through_short_writes(void **state)
{
	static unsigned char buf[BIG];
	int p[2], status;
	pid_t pid;

	(void)state;
	for (size_t i = 0; i < BIG; i++)
		buf[i] = (unsigned char)(i * 7);
	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(p[1]);
		slow_reader(p[0]);
	}
	close(p[0]);
	ticks = 0;
	tick_every_ms(1);
	assert_int_equal(write_all(p[1], buf, BIG), 0);
	tick_every_ms(0);
	close(p[1]);
	assert_true(ticks > 0); /* the writes were interrupted */
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void test_error_is_reported(void **state)
{
	int p[2];

	(void)state;
	/* A pipe nobody reads: EPIPE (SIGPIPE ignored, as a test must). */
	assert_int_not_equal(signal(SIGPIPE, SIG_IGN), SIG_ERR);
	assert_int_equal(pipe(p), 0);
	close(p[0]);
	errno = 0;
	assert_int_equal(write_all(p[1], "x", 1), -1);
	assert_int_equal(errno, EPIPE);
	close(p[1]);
	/* A descriptor that is not open. */
	assert_int_equal(write_all(-1, "x", 1), -1);
	assert_int_equal(errno, EBADF);
}

static void test_nothing_to_write(void **state)
{
	(void)state;
	/* Zero bytes: done, without a write(2) on the (invalid) descriptor. */
	assert_int_equal(write_all(-1, "", 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_whole_buffer_through_short_writes),
	    cmocka_unit_test(test_error_is_reported),
	    cmocka_unit_test(test_nothing_to_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
