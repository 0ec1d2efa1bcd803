#!/usr/bin/env bash
# A system call the guest kernel lacks gives ENOSYS and one line on stderr
# per number, with its name where the kernel knows it.
. "$(dirname "$0")/common.bash"

guest unsupported >"$TMP/out" 2>"$TMP/err" || fail "unsupported: exit $?"
cat "$TMP/out" "$TMP/err"
grep -qx "getcwd -1 ENOSYS" "$TMP/out" || fail "getcwd did not fail with ENOSYS"
grep -qx "nr440 -1 ENOSYS" "$TMP/out" || fail "syscall 440 did not fail with ENOSYS"
[ "$(grep -c 'unsupported system call 79 (getcwd)$' "$TMP/err")" = 1 ] ||
	fail "getcwd not reported exactly once"
[ "$(grep -c 'unsupported system call 440$' "$TMP/err")" = 1 ] ||
	fail "syscall 440 not reported exactly once"
[ "$(wc -l <"$TMP/err")" = 2 ] || fail "unexpected lines on stderr"
