#!/usr/bin/env bash
# The VMM on its own, with a stand-in guest kernel of a few instructions
# (tests/programs/minivm/tinyguest.S): the stack it builds, hypercall
# checks, exits that end the VM, phase stamps, info.
. "$(dirname "$0")/common.bash"
need_kvm

# The guest prints the argv strings it finds through bootinfo and the
# stack the VMM built, and exits 7.
run_vm "$WORK/out" "$WORK/err" run --kernel "$TINYGUEST" "$PROGS/argv" hello "a b"
expect_rc 7 "tinyguest hello"
printf '%s\n' "$PROGS/argv" hello "a b" >"$WORK/want"
cmp -s "$WORK/out" "$WORK/want" || { diff "$WORK/want" "$WORK/out"; fail "argv differs"; }

# OUT to a port that is no hypercall.
run_vm "$WORK/out" "$WORK/err" run --kernel "$TINYGUEST" "$PROGS/argv" port
expect_rc 121 "bad port"
grep -q "port 0x600" "$WORK/err" || fail "bad port not named: $(cat "$WORK/err")"

# A hypercall block outside guest memory.
run_vm "$WORK/out" "$WORK/err" run --kernel "$TINYGUEST" "$PROGS/argv" block
expect_rc 121 "block outside memory"
grep -q "outside guest memory" "$WORK/err" || fail "no message: $(cat "$WORK/err")"

# A write from a buffer outside guest memory: -EFAULT (14) to the guest,
# which exits with it; nothing is written.
run_vm "$WORK/out" "$WORK/err" run --kernel "$TINYGUEST" "$PROGS/argv" efault
expect_rc 14 "write from outside memory"
[ ! -s "$WORK/out" ] || fail "bytes from outside guest memory were written"

# Phase stamps: every name once, in order, times not going back.
timeout 60 "$MINIVM" run --phases 3 --kernel "$TINYGUEST" "$PROGS/argv" 3>"$WORK/phases" >/dev/null
rc=$?
expect_rc 7 "phases run"
want="start kvm_opened vm_created memory_mapped vcpu_ready guest_entered first_syscall program_exit vm_destroyed"
[ "$(cut -d' ' -f1 "$WORK/phases" | tr '\n' ' ')" = "$want " ] ||
	{ cat "$WORK/phases"; fail "phase names"; }
sort -n -k2 -c "$WORK/phases" 2>/dev/null || { cat "$WORK/phases"; fail "phase times go back"; }

# info names the API version and a flavour.
timeout 10 "$MINIVM" info >"$WORK/out"
rc=$?
expect_rc 0 "info"
grep -qx "api_version 12" "$WORK/out" || fail "info: $(cat "$WORK/out")"
grep -qE "^flavour (vmx|svm|pvm)$" "$WORK/out" || fail "info: $(cat "$WORK/out")"
echo "ok: VMM alone: stack, hypercall checks, crash exits, phases, info"
