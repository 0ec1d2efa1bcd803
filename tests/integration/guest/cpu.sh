#!/usr/bin/env bash
# What a system call must preserve (registers, red zone, flags, SSE), and
# AVX available in the guest where the host CPU has it.
. "$(dirname "$0")/common.bash"

out=$(guest regs) || fail "regs: $out"
[ "$out" = ok ] || fail "regs: $out"
out=$(guest avx) || fail "avx: exit $?: $out"
echo "avx: $out"
if grep -qw avx /proc/cpuinfo; then
	[ "$out" = "avx usable" ] || fail "the host has AVX, the guest: $out"
fi
echo "cpu: ok"
