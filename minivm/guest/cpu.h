/*
 * cpu.h - the few privileged x86 instructions the kernel uses, as inline
 * functions. Under KVM (and PVM) each of these traps to the hypervisor,
 * which emulates it: they are set-up costs, not hot-path ones.
 */
#ifndef GUEST_CPU_H
#define GUEST_CPU_H

#include <stdint.h>

/* Model-specific registers (Intel SDM vol. 4) */
#define MSR_FS_BASE 0xC0000100 /* base of the %fs segment: the program's TLS */
#define MSR_STAR    0xC0000081 /* selectors SYSCALL loads (bits 47:32) */
#define MSR_LSTAR   0xC0000082 /* 64-bit SYSCALL entry point */
#define MSR_FMASK   0xC0000084 /* RFLAGS bits SYSCALL clears */

/* RFLAGS bits */
#define RFLAGS_TF (1UL << 8)
#define RFLAGS_IF (1UL << 9)
#define RFLAGS_DF (1UL << 10)
#define RFLAGS_AC (1UL << 18)

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

struct cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

static inline struct cpuid_regs cpuid(uint32_t leaf, uint32_t subleaf)
{
	struct cpuid_regs r;

	__asm__ volatile("cpuid"
			 : "=a"(r.eax), "=b"(r.ebx), "=c"(r.ecx), "=d"(r.edx)
			 : "a"(leaf), "c"(subleaf));
	return r;
}

static inline uint64_t read_cr2(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr2, %0" : "=r"(v));
	return v;
}

static inline uint64_t read_cr4(void)
{
	uint64_t v;

	__asm__ volatile("mov %%cr4, %0" : "=r"(v));
	return v;
}

static inline void halt_forever(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

#endif
