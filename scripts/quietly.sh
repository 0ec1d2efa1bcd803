#!/usr/bin/env bash
# quietly.sh WHAT COMMAND...: run COMMAND with its output kept aside, then
# print one line, "WHAT: ok", or on failure "WHAT: failed (exit N)" and
# the output it kept, so that `make test` starts with the tests, not with
# hundreds of compiler lines. V=1 in the environment runs COMMAND as is.
set -u
what=$1
shift
if [ "${V:-0}" = 1 ]; then
	exec "$@"
fi
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
"$@" >"$log" 2>&1
rc=$?
if [ $rc -ne 0 ]; then
	echo "$what: failed (exit $rc)"
	cat "$log"
	exit $rc
fi
echo "$what: ok"
