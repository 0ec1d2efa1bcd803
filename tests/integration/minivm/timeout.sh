#!/usr/bin/env bash
# --timeout on a spinning program: status 124, with a message.
. "$(dirname "$0")/common.bash"
need_kvm

run_vm "$WORK/out" "$WORK/err" run --timeout 1 "$PROGS/spin"
expect_rc 124 "spin with --timeout 1"
grep -qx READY "$WORK/out" || fail "the program did not run: $(cat "$WORK/out")"
grep -q "^minivm: timeout" "$WORK/err" || fail "no timeout message"

# A guest asleep in the sleep hypercall is stopped too.
run_vm "$WORK/out" "$WORK/err" run --timeout 0.5 --kernel "$TINYGUEST" "$PROGS/argv" zzz
expect_rc 124 "sleeping guest with --timeout 0.5"
echo "ok: --timeout stops a spinning and a sleeping guest with 124"
