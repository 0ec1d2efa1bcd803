/*
 * json.h - JSON strings, for the two JSON files the harness writes: runc's
 * config.json (backends/runc.c) and `bench export-json`
 * (report/benchjson.c). Their strings are paths, argv words and series
 * names: text without control characters, so a quote and a backslash are
 * all that need a backslash before them (RFC 8259, section 7).
 */
#ifndef BENCH_JSON_H
#define BENCH_JSON_H

#include <stdio.h>

/* S's characters, '"' and '\' escaped, without the enclosing quotes. */
void json_chars(FILE *f, const char *s);

/* S as a JSON string: in quotes, escaped as json_chars does. */
void json_string(FILE *f, const char *s);

#endif
