/*
 * fault.c - a program that crashes, for the crash report:
 *   fault null     write through a NULL pointer (#PF at address 0)
 *   fault stack    unbounded recursion into the stack's guard page
 *   fault ud2      an invalid instruction (#UD)
 */
#include <stdio.h>
#include <string.h>

static volatile int *volatile null_ptr;

static int recurse(int n)
{
	volatile char pad[1024];

	pad[0] = (char)n;
	return recurse(n + 1) + pad[0];
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: fault null|stack|ud2\n");
		return 2;
	}
	if (strcmp(argv[1], "null") == 0)
		*null_ptr = 1;
	else if (strcmp(argv[1], "stack") == 0)
		return recurse(0);
	else if (strcmp(argv[1], "ud2") == 0)
		__asm__ volatile("ud2");
	return 0;
}
