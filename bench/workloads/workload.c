/*
 * workload.c - the one program every backend runs (see docs/methodology.md).
 *
 * Built static with musl, the very same file runs as a plain process, as
 * PID 1 of a container and as the only program of a microVM. It therefore
 * uses only the system calls the project's small guest kernel implements:
 * read, write, writev, exit_group, brk, mmap, munmap, clock_gettime,
 * nanosleep, getpid and uname; `isolate` also tries open/getdents and
 * prints "n/a" where they fail.
 *
 * Output goes out with write(2) directly, never through stdio's buffer, so
 * that the READY line reaches the harness's pipe the moment it is written.
 * Numbers are formatted by hand, not with printf: musl's printf uses SSE
 * registers, which a minimal guest may not have set up, and the workload
 * should ask as little of its host as it can.
 *
 *   workload noop            READY, exit 0
 *   workload idle            READY, then sleep until killed
 *   workload mem MIB         touch MIB MiB of anonymous memory, READY, idle
 *   workload cpu N           N rounds of a fixed integer kernel, ELAPSED <ns>
 *   workload syscall N       N getpid() calls, ELAPSED <ns>
 *   workload io N            N short lines on stdout, ELAPSED <ns> last
 *   workload uname           UNAME <sysname> <release>
 *   workload isolate         PID, HOSTNAME, PIDS, NETIF lines
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "measure/clock.h"

/* One write(2) per line: a line is never split across two reads of the
 * harness unless the pipe itself splits it. */
static void say(int fd, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t n = write(fd, s, len);
		if (n <= 0)
			return;
		s += n;
		len -= (size_t)n;
	}
}

/* Append s at p; returns the new end. The caller sizes the buffer. */
static char *put_str(char *p, const char *s)
{
	while (*s)
		*p++ = *s++;
	*p = '\0';
	return p;
}

static char *put_dec(char *p, long long v)
{
	char digits[24];
	int n = 0;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

	if (v < 0)
		*p++ = '-';
	do {
		digits[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u > 0);
	while (n > 0)
		*p++ = digits[--n];
	*p = '\0';
	return p;
}

/* Print "KEY number\n" with one write. */
static void say_number(const char *key, long long v)
{
	char line[64];

	put_str(put_dec(put_str(put_str(line, key), " "), v), "\n");
	say(1, line);
}

static void print_elapsed(int64_t ns)
{
	say_number("ELAPSED", ns);
}

/* Sleep until a signal ends the process. Each nanosleep is one long wait,
 * so an idle instance costs no CPU time. */
static void idle_forever(void)
{
	struct timespec ts = {3600, 0};

	for (;;)
		nanosleep(&ts, NULL);
}

static int usage(void)
{
	say(2, "usage: workload noop|idle|mem MIB|cpu N|syscall N|io N|uname|isolate\n");
	return 2;
}

/* A number argument: digits only, so a typo is an error, not a zero. */
static int parse_count(const char *s, long *out)
{
	char *end;
	long v;

	if (s == NULL || *s == '\0')
		return -1;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < 0)
		return -1;
	*out = v;
	return 0;
}

static int mode_mem(long mib)
{
	size_t len = (size_t)mib << 20;

	if (len > 0) {
		char *p =
		    mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			say(2, "workload: mmap failed\n");
			return 1;
		}
		/* Write one byte per 4 KiB page: that is what makes the
		 * kernel (host or guest) back the page with real memory. */
		for (size_t off = 0; off < len; off += 4096)
			p[off] = 1;
	}
	say(1, "READY\n");
	idle_forever();
	return 0;
}

/* A fixed integer kernel (xorshift64*): no memory traffic and no system
 * calls, so it measures how fast the CPU runs the instance's code. */
static int mode_cpu(long rounds)
{
	volatile uint64_t sink;
	uint64_t x = 88172645463325252ull, acc = 0;
	int64_t t0 = now_ns();

	for (long i = 0; i < rounds; i++) {
		x ^= x >> 12;
		x ^= x << 25;
		x ^= x >> 27;
		acc += x * 2685821657736338717ull;
	}
	sink = acc;
	(void)sink;
	print_elapsed(now_ns() - t0);
	return 0;
}

static int mode_syscall(long n)
{
	int64_t t0 = now_ns();

	for (long i = 0; i < n; i++)
		getpid();
	print_elapsed(now_ns() - t0);
	return 0;
}

static int mode_io(long n)
{
	int64_t t0 = now_ns();

	for (long i = 0; i < n; i++)
		say(1, "io line\n");
	print_elapsed(now_ns() - t0);
	return 0;
}

static int mode_uname(void)
{
	struct utsname u;
	char line[300];

	if (uname(&u) != 0) {
		say(1, "UNAME n/a n/a\n");
		return 0;
	}
	/* utsname fields are 65 bytes each, NUL-terminated: they fit. */
	put_str(put_str(put_str(put_str(put_str(line, "UNAME "), u.sysname), " "), u.release),
		"\n");
	say(1, line);
	return 0;
}

/* How many processes this instance can see: numeric names in /proc. */
static void print_pids(void)
{
	struct dirent *e;
	long count = 0;
	DIR *d = opendir("/proc");

	if (d == NULL) {
		say(1, "PIDS n/a\n");
		return;
	}
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] >= '0' && e->d_name[0] <= '9')
			count++;
	closedir(d);
	say_number("PIDS", count);
}

/* The network interfaces: the names before ':' in /proc/net/dev, after
 * its two header lines, joined with '+' (a CSV-friendly separator). */
static void print_netif(void)
{
	char buf[4096], line[512] = "NETIF ", *p, *colon;
	ssize_t n = -1, total = 0;
	int fd = open("/proc/net/dev", O_RDONLY);
	int lineno = 0, first = 1;

	if (fd >= 0) {
		while (total < (ssize_t)sizeof(buf) - 1 &&
		       (n = read(fd, buf + total, sizeof(buf) - 1 - (size_t)total)) > 0)
			total += n;
		close(fd);
	}
	if (fd < 0 || n < 0 || total == 0) {
		say(1, "NETIF n/a\n");
		return;
	}
	buf[total] = '\0';
	for (p = strtok(buf, "\n"); p != NULL; p = strtok(NULL, "\n")) {
		if (++lineno <= 2)
			continue;
		colon = strchr(p, ':');
		if (colon == NULL)
			continue;
		*colon = '\0';
		while (*p == ' ')
			p++;
		if (strlen(line) + strlen(p) + 3 >= sizeof(line))
			break;
		if (!first)
			strcat(line, "+");
		strcat(line, p);
		first = 0;
	}
	strcat(line, first ? "n/a\n" : "\n");
	say(1, line);
}

static int mode_isolate(void)
{
	struct utsname u;
	char line[128];

	say_number("PID", getpid());
	put_str(put_str(put_str(line, "HOSTNAME "), uname(&u) == 0 ? u.nodename : "n/a"), "\n");
	say(1, line);
	print_pids();
	print_netif();
	return 0;
}

int main(int argc, char **argv)
{
	long n = 0;
	const char *mode = argc > 1 ? argv[1] : "";

	if (strcmp(mode, "noop") == 0) {
		say(1, "READY\n");
		return 0;
	}
	if (strcmp(mode, "idle") == 0) {
		say(1, "READY\n");
		idle_forever();
	}
	if (strcmp(mode, "uname") == 0)
		return mode_uname();
	if (strcmp(mode, "isolate") == 0)
		return mode_isolate();
	if (argc != 3 || parse_count(argv[2], &n) != 0)
		return usage();
	if (strcmp(mode, "mem") == 0)
		return mode_mem(n);
	if (strcmp(mode, "cpu") == 0)
		return mode_cpu(n);
	if (strcmp(mode, "syscall") == 0)
		return mode_syscall(n);
	if (strcmp(mode, "io") == 0)
		return mode_io(n);
	return usage();
}
