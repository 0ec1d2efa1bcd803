#!/usr/bin/env bash
# What a system call must preserve (registers, red zone, flags, SSE), and
# AVX usable in the guest where KVM offers it to guests.
#
# The expectation comes from KVM_GET_SUPPORTED_CPUID (`minivm info`'s
# guest.avx line), never from the host's /proc/cpuinfo: KVM may offer less
# than the host CPU has (PVM offers no XSAVE/AVX: leaf 1 ECX 0x81202000 on
# Intel and AMD hosts alike). Where KVM offers no AVX, a program at ring 3
# may still see the host's own CPUID (AMD has no CPUID faulting to hide
# it): either answer is accepted then, but the program must run cleanly.
. "$(dirname "$0")/common.bash"

out=$(guest regs) || fail "regs: $out"
[ "$out" = ok ] || fail "regs: $out"
offer=$("$MINIVM" info | awk '$1 == "guest.avx" { print $2 }')
out=$(guest avx) || fail "avx: exit $?: $out"
echo "avx: $out (KVM offers AVX to guests: ${offer:-no answer})"
case "$offer" in
yes) [ "$out" = "avx usable" ] || fail "KVM offers AVX, the guest: $out" ;;
no) case "$out" in "avx usable" | "avx absent"*) ;; *) fail "avx: $out" ;; esac ;;
*) fail "minivm info has no guest.avx line" ;;
esac
echo "cpu: ok"
