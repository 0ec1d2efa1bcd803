#!/usr/bin/env bash
# The signal calls with bad arguments (a bad pointer for the new action,
# SIGKILL, a bad size, ...) get the answers Linux gives: the program runs on
# the host first, and the guest's lines must be the same.
. "$(dirname "$0")/common.bash"

"$PROGS/guest-signals" >"$TMP/host" || fail "signals on the host: exit $?"
guest signals >"$TMP/guest" 2>"$TMP/err" || fail "signals in the guest: exit $?: $(cat "$TMP/err")"
grep -qx "sigaction_bad_act_low Bad address" "$TMP/host" ||
	fail "the host does not answer EFAULT: $(cat "$TMP/host")"
diff "$TMP/host" "$TMP/guest" || fail "the guest's answers differ from Linux's (left: host)"
echo "signals: $(wc -l <"$TMP/guest") answers as Linux's"
