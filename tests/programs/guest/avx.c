/*
 * avx.c - can the program use AVX? glibc's string functions do when CPUID
 * says OSXSAVE and AVX and XCR0 has the SSE and AVX state enabled; the
 * guest kernel sets XCR0. Prints "avx usable" (after running a 256-bit
 * instruction and checking its result) or "avx absent".
 */
#include <cpuid.h>
#include <stdio.h>

__attribute__((target("avx"))) static int avx_add(void)
{
	// cppcheck-suppress constVariable ; written by the asm below
	float out[8];

	__asm__ volatile("vbroadcastss %1, %%ymm1\n\t"
			 "vaddps %%ymm1, %%ymm1, %%ymm2\n\t"
			 "vmovups %%ymm2, %0\n\t"
			 "vzeroupper"
			 : "=m"(out)
			 : "m"((float){1.5f})
			 : "xmm1", "xmm2");
	return out[0] == 3.0f && out[7] == 3.0f;
}

int main(void)
{
	unsigned int a, b, c, d, lo, hi;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_AVX)) {
		printf("avx absent (cpu)\n");
		return 0;
	}
	if (!(c & bit_OSXSAVE)) {
		printf("avx absent (no OSXSAVE)\n");
		return 0;
	}
	__asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
	if ((lo & 6) != 6) {
		printf("avx absent (XCR0 %#x)\n", lo);
		return 0;
	}
	if (!avx_add()) {
		printf("avx wrong result\n");
		return 1;
	}
	printf("avx usable\n");
	return 0;
}
