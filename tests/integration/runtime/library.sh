#!/usr/bin/env bash
# The library as the harness uses it (tests/programs/runtime/libcheck.c);
# nothing may be left behind.
set -u
. "$(dirname "$0")/common.inc"

[ -x "$ROOT/build/programs/runtime/libcheck" ] || fail "libcheck not built (make build)"
# libcheck sets a memory limit, which minictr refuses where it cannot apply
[ ${#LIMITS[@]} -gt 0 ] || skip "cgroup controllers unavailable: libcheck needs a memory limit"
"$ROOT/build/programs/runtime/libcheck" "$IMAGE" || fail "libcheck"
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "library: ok"
