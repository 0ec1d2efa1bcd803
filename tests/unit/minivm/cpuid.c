/* Unit tests of minivm/lib/cpuid.c's decision: is AVX usable by a guest
 * program, given what KVM_GET_SUPPORTED_CPUID offers? The integration test
 * (tests/integration/guest/cpu.sh) expects the guest to match it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "vm.h"

/* Leaf 1 ECX as KVM_GET_SUPPORTED_CPUID reports it on PVM hosts, Intel
 * Xeon and AMD EPYC alike: no XSAVE (bit 26), no AVX (bit 28). */
#define PVM_LEAF1_ECX 0x81202000u
/* The leaf 1 ECX an AMD EPYC host's own CPUID gives (XSAVE, OSXSAVE, AVX):
 * what a hardware KVM passes on. */
#define EPYC_LEAF1_ECX 0xfffa3203u
/* Leaf 0xD sub-leaf 0 EAX: x87, SSE, AVX and the AVX-512 state. */
#define XCR0_ALL 0xe7u

static void pvm_offers_no_avx(void **state)
{
	assert_false(mv_cpuid_avx_offered(PVM_LEAF1_ECX, XCR0_ALL));
	assert_false(mv_cpuid_avx_offered(PVM_LEAF1_ECX, 0));
}

static void avx_with_xsave_and_ymm_state(void **state)
{
	assert_true(mv_cpuid_avx_offered(EPYC_LEAF1_ECX, XCR0_ALL));
	assert_true(mv_cpuid_avx_offered(EPYC_LEAF1_ECX, 0x7));
}

static void avx_needs_xsave(void **state)
{
	assert_false(mv_cpuid_avx_offered(EPYC_LEAF1_ECX & ~(1u << 26), XCR0_ALL));
}

static void avx_needs_ymm_state_in_xcr0(void **state)
{
	assert_false(mv_cpuid_avx_offered(EPYC_LEAF1_ECX, 0x3));
	assert_false(mv_cpuid_avx_offered(EPYC_LEAF1_ECX, 0x5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pvm_offers_no_avx),
	    cmocka_unit_test(avx_with_xsave_and_ymm_state),
	    cmocka_unit_test(avx_needs_xsave),
	    cmocka_unit_test(avx_needs_ymm_state_in_xcr0),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
