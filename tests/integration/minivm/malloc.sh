#!/usr/bin/env bash
# A program that mallocs 8 MiB and touches every page runs to the end.
. "$(dirname "$0")/common.bash"
need_kvm

run_vm "$WORK/out" "$WORK/err" run "$PROGS/malloc8"
expect_rc 0 "malloc8"
grep -qx "touched 8 MiB" "$WORK/out" || fail "no 'touched 8 MiB' line: $(cat "$WORK/out")"
# The same with guest memory too small to hold it: an error, not a hang.
run_vm "$WORK/out" "$WORK/err" run --mem 8 "$PROGS/malloc8"
[ "$rc" -ne 0 ] || fail "8 MiB allocated in an 8 MiB guest"
echo "ok: 8 MiB malloc'ed and touched"
