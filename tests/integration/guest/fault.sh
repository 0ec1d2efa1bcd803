#!/usr/bin/env bash
# A program that faults ends minivm with the crash status (121) and a
# report naming the exception and the faulting address: a NULL write, a
# stack overflow into the guard page (the handler runs on its own stack),
# an invalid instruction.
. "$(dirname "$0")/common.bash"

check() {
	local what=$1 pattern=$2
	guest fault "$what" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	cat "$TMP/err"
	[ "$rc" = 121 ] || fail "fault $what: exit $rc, not 121"
	grep -q "$pattern" "$TMP/err" || fail "fault $what: no '$pattern' in the report"
}
check null "#PF.*"
grep -q "cr2=0x0 " "$TMP/err" || fail "fault null: CR2 is not 0"
check stack "#PF"
check ud2 "#UD"
echo "fault: ok"
