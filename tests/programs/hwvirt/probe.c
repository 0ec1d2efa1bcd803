/*
 * probe.c - an ordinary static program that knows nothing of minivm: it
 * prints its arguments, uses the heap, reads the clock and asks uname, then
 * exits 3. The hardware-virtualization tier runs it unmodified through each
 * guest entry: if the guest kernel's start-up or system calls break on
 * VMX or SVM, one of these lines is missing or the status is wrong.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec t1, t2;
	struct utsname u;
	size_t len = 1 << 20;
	char *buf;

	for (int i = 0; i < argc; i++)
		printf("argv[%d] %s\n", i, argv[i]);
	/* 1 MiB: past musl's small-object pool, so this is an mmap or brk. */
	buf = malloc(len);
	if (buf == NULL) {
		printf("malloc failed\n");
		return 1;
	}
	memset(buf, 'x', len);
	printf("malloc %zu %s\n", len, buf[len - 1] == 'x' ? "ok" : "bad");
	free(buf);
	if (clock_gettime(CLOCK_MONOTONIC, &t1) != 0 || clock_gettime(CLOCK_MONOTONIC, &t2) != 0) {
		printf("clock_gettime failed\n");
		return 1;
	}
	/* A monotonic clock never runs backwards. */
	int forward = t2.tv_sec > t1.tv_sec || (t2.tv_sec == t1.tv_sec && t2.tv_nsec >= t1.tv_nsec);

	printf("clock %s\n", forward ? "ok" : "backwards");
	if (uname(&u) != 0) {
		printf("uname failed\n");
		return 1;
	}
	printf("uname %s %s\n", u.sysname, u.machine);
	printf("READY\n");
	return 3;
}
