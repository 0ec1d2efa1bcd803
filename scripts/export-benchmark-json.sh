#!/usr/bin/env bash
# export-benchmark-json.sh - write a run's figures in the JSON that
# github-action-benchmark reads as tool "customSmallerIsBetter".
#
#   scripts/export-benchmark-json.sh DIR [OUT]
#
# A thin wrapper of `build/bench export-json` (bench/report/benchjson.c),
# kept for the command line people know.
here=$(cd "$(dirname "$0")" && pwd)
bench=$here/../build/bench
if [ ! -x "$bench" ]; then
	echo "export-benchmark-json: $bench is not built: run make first" >&2
	exit 1
fi
exec "$bench" export-json "$@"
