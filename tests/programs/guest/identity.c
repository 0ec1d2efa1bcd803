/*
 * identity.c - what the program learns about where it runs: uname, ids,
 * resource limits, random bytes. Prints "key value" lines for the script.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

int main(void)
{
	struct utsname u;
	struct rlimit rl;
	unsigned char a[64], b[64];

	if (uname(&u) != 0) {
		printf("uname: %s\n", strerror(errno));
		return 1;
	}
	printf("sysname %s\nnodename %s\nrelease %s\nmachine %s\n", u.sysname, u.nodename,
	       u.release, u.machine);
	printf("pid %d\nppid %d\nuid %d\ngid %d\n", (int)getpid(), (int)getppid(), (int)getuid(),
	       (int)getgid());
	if (getrlimit(RLIMIT_STACK, &rl) != 0) {
		printf("getrlimit: %s\n", strerror(errno));
		return 1;
	}
	printf("stack_limit_kib %llu\n", (unsigned long long)rl.rlim_cur / 1024);
	/* Two draws of 64 random bytes: both filled, and different. */
	if (getrandom(a, sizeof(a), 0) != sizeof(a) || getrandom(b, sizeof(b), 0) != sizeof(b)) {
		printf("getrandom: %s\n", strerror(errno));
		return 1;
	}
	printf("random %s\n", memcmp(a, b, sizeof(a)) ? "differs" : "SAME");
	return 0;
}
