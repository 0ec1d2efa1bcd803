#!/usr/bin/env bash
# The library as the harness uses it (tests/programs/runtime/libcheck.c);
# nothing may be left behind.
set -u
. "$(dirname "$0")/common.inc"

[ -x "$ROOT/build/programs/runtime/libcheck" ] || fail "libcheck not built (make build)"
"$ROOT/build/programs/runtime/libcheck" "$IMAGE" || fail "libcheck"
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "library: ok"
