/*
 * string.c - the memory functions GCC may call even in freestanding code
 * (for struct copies and clears), written with the x86 string instructions
 * so that the compiler cannot turn them back into calls to themselves.
 * REP STOSB/MOVSB are fast on CPUs with ERMS (every recent x86).
 */
#include "kernel.h"

void *memset(void *dst, int c, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep stosb" : "+D"(d), "+c"(n) : "a"(c) : "memory");
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;

	__asm__ volatile("rep movsb" : "+D"(d), "+S"(src), "+c"(n) : : "memory");
	return dst;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}
