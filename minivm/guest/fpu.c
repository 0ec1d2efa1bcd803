/*
 * fpu.c - let the program use AVX.
 *
 * The VMM sets CR4.OSFXSR (SSE works) and, where the CPU has XSAVE, may set
 * CR4.OSXSAVE. Then XCR0 says which register sets the CPU keeps enabled:
 * after reset it holds only x87. A program that sees OSXSAVE in CPUID and
 * AVX in XCR0 (via XGETBV, as glibc's start-up checks) uses the YMM
 * registers; without AVX enabled here a VEX instruction would raise #UD.
 * The kernel itself never touches SSE/AVX registers (-mgeneral-regs-only),
 * so it never needs to save them.
 */
#include "kernel.h"
#include "cpu.h"

#define CPUID1_ECX_XSAVE (1U << 26)
#define CR4_OSXSAVE	 (1UL << 18)

/* XCR0 bits (Intel SDM vol. 1, 13.3): x87, SSE, AVX, and AVX-512's three. */
#define XCR0_X87    (1ULL << 0)
#define XCR0_SSE    (1ULL << 1)
#define XCR0_AVX    (1ULL << 2)
#define XCR0_AVX512 (7ULL << 5)

static void xsetbv(uint32_t reg, uint64_t v)
{
	__asm__ volatile("xsetbv" : : "c"(reg), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)));
}

void fpu_init(void)
{
	uint64_t supported, xcr0 = XCR0_X87 | XCR0_SSE;

	/* CR4 first: one instruction, where CPUID is several at ring 0. */
	if (!(read_cr4() & CR4_OSXSAVE) || !(cpuid(1, 0).ecx & CPUID1_ECX_XSAVE))
		return;
	/* CPUID leaf 0xD, sub-leaf 0: EAX = the XCR0 bits this CPU supports. */
	supported = cpuid(0xd, 0).eax;
	if (supported & XCR0_AVX)
		xcr0 |= XCR0_AVX;
	/* AVX-512 state is usable only with all three of its parts and AVX. */
	if ((supported & XCR0_AVX512) == XCR0_AVX512 && (xcr0 & XCR0_AVX))
		xcr0 |= XCR0_AVX512;
	xsetbv(0, xcr0);
}
