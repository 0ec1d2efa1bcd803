#!/usr/bin/env bash
# No /dev/kvm (simulated with --kvm and $MINIVM_KVM): one line, status 120.
. "$(dirname "$0")/common.bash"

run_vm "$WORK/out" "$WORK/err" run --kvm /nonexistent/kvm "$PROGS/argv"
expect_rc 120 "--kvm /nonexistent/kvm"
[ "$(wc -l <"$WORK/err")" -eq 1 ] || { cat "$WORK/err"; fail "want exactly one line"; }
grep -q "/nonexistent/kvm" "$WORK/err" || fail "the line does not name the path"

MINIVM_KVM=/nonexistent/kvm run_vm "$WORK/out" "$WORK/err" run "$PROGS/argv"
expect_rc 120 "MINIVM_KVM=/nonexistent/kvm"
[ "$(wc -l <"$WORK/err")" -eq 1 ] || { cat "$WORK/err"; fail "want exactly one line"; }

# Not a KVM device at all.
run_vm "$WORK/out" "$WORK/err" run --kvm /dev/null "$PROGS/argv"
expect_rc 120 "--kvm /dev/null"

MINIVM_KVM=/nonexistent/kvm timeout 10 "$MINIVM" info >"$WORK/out" 2>&1
rc=$?
expect_rc 120 "info without KVM"
grep -q "^flavour none" "$WORK/out" || fail "info does not say flavour none"
echo "ok: missing KVM is one line and status 120"
