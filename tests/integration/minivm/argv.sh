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

# The same program built by glibc as a static PIE: loaded at 0x400000 and
# relocating itself.
run_vm "$WORK/out" "$WORK/err" run "$PROGS/argv-glibc-pie" one "two words"
expect_rc 3 "glibc static-PIE argv program"
printf '%s\n' "$PROGS/argv-glibc-pie" one "two words" >"$WORK/want"
cmp -s "$WORK/out" "$WORK/want" || { diff "$WORK/want" "$WORK/out"; fail "PIE output differs"; }
echo "ok: argv printed exactly, status 3 (musl static, glibc static-PIE)"

# Over 100,000 arguments: refused as Linux's execve refuses them (E2BIG),
# with that name, before the program runs.
mapfile -t many < <(yes x | head -n 100001)
run_vm "$WORK/out" "$WORK/err" run "$PROGS/argv" "${many[@]}"
expect_rc 125 "100,001 arguments"
grep -q "argument list too long" "$WORK/err" || fail "100,001 arguments: $(cat "$WORK/err")"
[ "$(wc -l <"$WORK/err")" -eq 1 ] || fail "100,001 arguments: want one line: $(cat "$WORK/err")"
echo "ok: 100,001 arguments refused: $(cat "$WORK/err")"
