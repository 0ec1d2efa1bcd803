/*
 * gpa.c - the checks every guest physical address must pass before the
 * VMM touches it: pure functions on (memory size, address, length), used
 * by the hypercalls, the loaders, the page-table walk and the trace.
 */
#include "vm.h"

/* Written as "len <= size and gpa <= size - len" so that no sum can wrap:
 * gpa + len could overflow 64 bits for a hostile gpa near 2^64. */
int mv_gpa_ok(uint64_t mem_size, uint64_t gpa, uint64_t len)
{
	return len <= mem_size && gpa <= mem_size - len;
}

void *mv_gpa_ptr(uint8_t *mem, uint64_t mem_size, uint64_t gpa, uint64_t len)
{
	if (!mem || !mv_gpa_ok(mem_size, gpa, len))
		return NULL;
	return mem + gpa;
}
