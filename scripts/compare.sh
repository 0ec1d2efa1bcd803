#!/usr/bin/env bash
# compare.sh - compare two benchmark runs, for regression tracking.
#
#   scripts/compare.sh [--threshold X] [--stat p50|min|mean] [--all] [--other-host] BASE NEW
#
# A thin wrapper of `build/bench compare` (bench/report/compare.c), kept
# for the command line people know: same options, same exit statuses
# (0 no regression, 1 worse, 2 bad input, 3 different kinds of host; see
# build/bench compare --help).
here=$(cd "$(dirname "$0")" && pwd)
bench=$here/../build/bench
if [ ! -x "$bench" ]; then
	echo "compare: $bench is not built: run make first" >&2
	exit 2
fi
exec "$bench" compare "$@"
