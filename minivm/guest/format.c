/*
 * format.c - the two formatting helpers kernel messages need. Each writes
 * from p up to end (exclusive) and returns where it stopped, so calls chain.
 */
#include "kernel.h"

char *fmt_str(char *p, const char *end, const char *s)
{
	while (*s && p < end)
		*p++ = *s++;
	return p;
}

char *fmt_dec(char *p, const char *end, uint64_t v)
{
	char digits[20];
	int n = 0;

	do {
		digits[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n > 0 && p < end)
		*p++ = digits[--n];
	return p;
}
