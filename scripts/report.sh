#!/usr/bin/env bash
# report.sh - make the plots and REPORT.md of one benchmark run.
#
#   scripts/report.sh [--no-plots] DIR
#
# A thin wrapper of `build/bench report` (the analysis is C, in
# bench/report/), kept for the command line people know: same options,
# same exit statuses (build/bench report --help).
here=$(cd "$(dirname "$0")" && pwd)
bench=$here/../build/bench
if [ ! -x "$bench" ]; then
	echo "report: $bench is not built: run make first" >&2
	exit 1
fi
exec "$bench" report "$@"
