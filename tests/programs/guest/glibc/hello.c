/*
 * hello.c - a glibc static program (built with gcc -static, not musl): its
 * start-up makes more system calls than musl's (brk, arch_prctl,
 * set_tid_address, set_robust_list, rseq, prlimit64, readlink, newfstatat,
 * getrandom) and its string functions use AVX2 where the CPU has it.
 * Prints what it found and exits 7.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int main(int argc, char **argv)
{
	size_t n = 1 << 20;
	char *s = malloc(n + 1);
	struct timespec ts;

	if (!s)
		return 1;
	memset(s, 'a', n);
	s[n] = '\0';
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		free(s);
		return 1;
	}
	printf("glibc hello: argc %d argv[1] %s strlen %zu\n", argc, argc > 1 ? argv[1] : "-",
	       strlen(s));
	free(s);
	return 7;
}
