/*
 * syscall-split - where the time of one system call goes in minivm's guest:
 * into the SYSCALL instruction's way to the guest's handler (entry), or
 * into the way back to the program (return). Run it inside the VM:
 *   build/minivm run build/syscall-split [N]
 *
 * The program runs at ring 3 and every guest page is writable from there
 * (minivm/guest/README.md, "What it does not do"), so it can replace the
 * first bytes of the kernel's SYSCALL handler with a stub that reads the
 * TSC, stores it here and jumps straight back to RCX. The TSC before
 * SYSCALL, in the stub and after the return then split each call in two.
 * The handler's own work (saving registers, the dispatch) is left out: the
 * split shows what the KVM flavour adds to the two transitions alone.
 * Under PVM the return is a plain jump at ring 3, so it should cost a few
 * cycles; anything the host does for a system call shows in the entry.
 *
 * Where the handler is: LSTAR in the kernel header at MINIVM_KERNEL_ADDR
 * (minivm/include/abi.h); a kernel without the header (the ring-0 entry's
 * kernel-ring0.elf) is refused. Output: cycles per call, mean and minimum,
 * of each half. The original handler is put back before the first printf,
 * which itself needs a working write().
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "abi.h"

/* The stub: rdtsc; shl $32,%rdx; or %rdx,%rax; movabs %rax,<stub_tsc>;
 * jmp *%rcx. It clobbers RAX (the system call's result register anyway)
 * and RDX, and leaves RFLAGS as SYSCALL left them (FMASK's bits clear):
 * the loop below needs none of them. */
static const unsigned char stub_head[] = {0x0f, 0x31, 0x48, 0xc1, 0xe2, 0x20,
					  0x48, 0x09, 0xd0, 0x48, 0xa3};
static const unsigned char stub_tail[] = {0xff, 0xe1};
#define STUB_SIZE (sizeof stub_head + 8 + sizeof stub_tail)

static volatile uint64_t stub_tsc; /* written by the stub */

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

struct half {
	uint64_t sum, min;
};

static void add(struct half *h, uint64_t cycles)
{
	h->sum += cycles;
	if (cycles < h->min)
		h->min = cycles;
}

/* One getpid (39) through the stub: the stub's stamp splits it. */
static void one_call(struct half *entry, struct half *ret)
{
	long nr = 39;
	uint64_t before = rdtsc();

	__asm__ volatile("syscall" : "+a"(nr) : : "rcx", "rdx", "r11", "memory");
	uint64_t after = rdtsc();
	add(entry, stub_tsc - before);
	add(ret, after - stub_tsc);
}

int main(int argc, char **argv)
{
	const struct minivm_kernel_header *hdr = (const void *)MINIVM_KERNEL_ADDR;
	long n = argc > 1 ? strtol(argv[1], NULL, 10) : 10000;

	if (n <= 0) {
		fprintf(stderr, "usage: syscall-split [N]   (inside minivm: minivm run "
				"build/syscall-split)\n");
		return 2;
	}
	/* Anywhere else the header's address is most likely unmapped: minivm's
	 * guest names itself in uname (minivm/guest/identity.c). */
	struct utsname u;
	if (uname(&u) != 0) {
		fprintf(stderr, "syscall-split: uname: %s\n", strerror(errno));
		return 1;
	}
	if (strcmp(u.sysname, "minivm") != 0) {
		fprintf(stderr, "syscall-split: not in minivm's guest (uname says %s)\n",
			u.sysname);
		return 1;
	}
	if (hdr->magic != MINIVM_KHDR_MAGIC) {
		fprintf(stderr, "syscall-split: no kernel header at %#llx (kernel-ring0.elf?)\n",
			MINIVM_KERNEL_ADDR);
		return 1;
	}

	unsigned char *handler = (unsigned char *)(uintptr_t)hdr->lstar;
	unsigned char saved[STUB_SIZE], stub[STUB_SIZE];
	uint64_t where = (uintptr_t)&stub_tsc;

	memcpy(stub, stub_head, sizeof stub_head);
	memcpy(stub + sizeof stub_head, &where, 8);
	memcpy(stub + sizeof stub_head + 8, stub_tail, sizeof stub_tail);
	memcpy(saved, handler, STUB_SIZE);
	memcpy(handler, stub, STUB_SIZE);

	struct half entry = {0, UINT64_MAX}, ret = {0, UINT64_MAX};
	for (long i = 0; i < n; i++)
		one_call(&entry, &ret);

	memcpy(handler, saved, STUB_SIZE); /* a real handler again, for printf */
	printf("calls %ld\n", n);
	printf("entry  (SYSCALL to the handler's first instruction) mean %llu min %llu "
	       "cycles\n",
	       (unsigned long long)(entry.sum / n), (unsigned long long)entry.min);
	printf("return (the handler's jump back to the program)     mean %llu min %llu "
	       "cycles\n",
	       (unsigned long long)(ret.sum / n), (unsigned long long)ret.min);
	return 0;
}
