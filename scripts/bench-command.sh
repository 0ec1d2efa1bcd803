#!/usr/bin/env bash
# bench-command.sh - what the wrappers compare.sh, report.sh and
# export-benchmark-json.sh share: run one command of build/bench, or say
# that it is not built.
#
#   scripts/bench-command.sh WHO STATUS COMMAND [ARGS...]
#
# Runs build/bench COMMAND ARGS (exec: its exit status is theirs); when
# build/bench is not built, one line "WHO: ... is not built" on stderr and
# exit STATUS (each wrapper keeps the status its users know).
who=$1 status=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
bench=$here/../build/bench
if [ ! -x "$bench" ]; then
	echo "$who: $bench is not built: run make first" >&2
	exit "$status"
fi
exec "$bench" "$@"
