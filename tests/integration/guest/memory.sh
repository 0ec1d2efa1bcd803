#!/usr/bin/env bash
# brk, mmap, munmap, mremap under stress: fresh and reused memory reads as
# zero, blocks do not overlap, malloc of 8 MiB works. With the default
# memory and with a small VM.
. "$(dirname "$0")/common.bash"

out=$(guest memory) || fail "memory: exit $?: $out"
[ "$out" = ok ] || fail "memory: $out"
out=$("$MINIVM" run --mem 32 --timeout 30 "$PROGS/guest-memory") || fail "memory (32 MiB): $out"
[ "$out" = ok ] || fail "memory (32 MiB): $out"
echo "memory: ok"
