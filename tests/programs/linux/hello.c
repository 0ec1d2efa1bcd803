/*
 * hello.c - the workload of the Linux boot tests: says READY (as the real
 * workload does when it is up), tells what kernel it runs on, and exits
 * with the status given as its argument.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct utsname u;

	printf("READY pid=%d\n", (int)getpid());
	if (uname(&u) == 0)
		printf("uname %s %s\n", u.sysname, u.release);
	fflush(stdout);
	return argc > 1 ? atoi(argv[1]) : 0;
}
