#!/usr/bin/env bash
# build/syscall-split (minivm/tools/syscall-split.c): inside minivm's guest
# it splits system calls into entry and return and reports both; it puts
# the guest's handler back before it prints (so its own output arriving at
# all, and the exit status, show the handler works again); it refuses to
# run outside minivm's guest and on a kernel without the header.
. "$(dirname "$0")/common.bash"

# Outside the VM: a refusal, not a crash on the unmapped header address.
build/syscall-split >"$WORK/out" 2>"$WORK/err"
rc=$?
expect_rc 1 "syscall-split as a plain process"
grep -q "not in minivm's guest" "$WORK/err" || fail "plain process: stderr '$(cat "$WORK/err")'"

need_kvm

run_vm "$WORK/out" "$WORK/err" run build/syscall-split 200
expect_rc 0 "syscall-split 200 in the VM"
grep -qx "calls 200" "$WORK/out" || fail "no 'calls 200' line: $(cat "$WORK/out")"
for half in entry return; do
	grep -Eq "^$half +\(.*\) +mean [0-9]+ min [0-9]+ cycles$" "$WORK/out" ||
		fail "no $half line: $(cat "$WORK/out")"
done
# A system call after the split still reaches the real handler: the
# program's exit_group ended the VM with its status (a stub left behind
# would return to the program, which would loop or crash instead).
[ ! -s "$WORK/err" ] || fail "stderr: $(cat "$WORK/err")"

# The ring-0 entry's kernel has no header: refused, handler untouched.
run_vm "$WORK/out" "$WORK/err" run --kernel build/guest/kernel-ring0.elf build/syscall-split 10
expect_rc 1 "syscall-split on kernel-ring0.elf"
grep -q "no kernel header" "$WORK/err" || fail "ring-0 kernel: stderr '$(cat "$WORK/err")'"
echo "ok: syscall-split"
