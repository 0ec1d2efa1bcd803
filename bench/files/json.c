/*
 * json.c - JSON strings; see json.h.
 */
#include "json.h"

void json_chars(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc(*s, f);
	}
}

void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	json_chars(f, s);
	fputc('"', f);
}
