#!/usr/bin/env bash
# A glibc static program runs too, quietly (no "unsupported" lines), with
# its arguments and exit status.
. "$(dirname "$0")/common.bash"

guest glibc-hello world >"$TMP/out" 2>"$TMP/err"
rc=$?
cat "$TMP/out" "$TMP/err"
[ "$rc" = 7 ] || fail "exit status $rc, not 7"
[ "$(cat "$TMP/out")" = "glibc hello: argc 2 argv[1] world strlen 1048576" ] || fail "stdout differs"
[ ! -s "$TMP/err" ] || fail "unexpected stderr"
