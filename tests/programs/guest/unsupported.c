/*
 * unsupported.c - system calls the guest kernel does not have: each gives
 * ENOSYS, and the kernel reports each number once on stderr.
 */
#include <errno.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long r1 = syscall(SYS_getcwd, NULL, 0);
	int e1 = errno;
	long r2 = syscall(SYS_getcwd, NULL, 0); /* again: no second report */
	long r3 = syscall(440);			/* a number with no name */
	int e3 = errno;

	printf("getcwd %ld %s\n", r1, e1 == ENOSYS ? "ENOSYS" : "other");
	printf("again %ld\n", r2);
	printf("nr440 %ld %s\n", r3, e3 == ENOSYS ? "ENOSYS" : "other");
	return 0;
}
