#!/usr/bin/env bash
# A musl static program prints its argv and exits 3: minivm prints exactly
# that and exits 3.
. "$(dirname "$0")/common.bash"
need_kvm

run_vm "$WORK/out" "$WORK/err" run "$PROGS/argv" one "two words" ""
expect_rc 3 "argv program"
printf '%s\n' "$PROGS/argv" one "two words" "" >"$WORK/want"
cmp -s "$WORK/out" "$WORK/want" || { diff "$WORK/want" "$WORK/out"; fail "output differs"; }
[ ! -s "$WORK/err" ] || { cat "$WORK/err"; fail "unexpected stderr"; }
echo "ok: argv printed exactly, status 3"
