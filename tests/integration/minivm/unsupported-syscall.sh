#!/usr/bin/env bash
# A program calling an unsupported system call twice (socket, 41): it is
# reported once on stderr with its number, the program gets ENOSYS and goes on.
. "$(dirname "$0")/common.bash"
need_kvm

run_vm "$WORK/out" "$WORK/err" run "$PROGS/badsyscall"
expect_rc 0 "badsyscall"
grep -qx "still running" "$WORK/out" || fail "program did not continue: $(cat "$WORK/out")"
n=$(grep -c "unsupported system call 41\b" "$WORK/err")
[ "$n" -eq 1 ] || { cat "$WORK/err"; fail "system call 41 reported $n times, want once"; }
echo "ok: reported once, program continued"
