/*
 * userptr.c - the check every system call makes on a pointer the program
 * passed: inside guest memory, off the NULL page, no wrap-around. The
 * program and the kernel share one address space (and the kernel's page
 * faults are fatal), so a bad pointer would fault inside the kernel; this
 * turns the common cases into -EFAULT, as Linux returns.
 */
#include "kernel.h"

int user_ok(uint64_t addr, uint64_t len)
{
	return addr >= MINIVM_PAGE_SIZE && addr + len >= addr && addr + len <= boot->mem_size;
}
