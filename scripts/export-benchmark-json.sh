#!/usr/bin/env bash
# export-benchmark-json.sh - write a run's figures in the JSON that
# github-action-benchmark reads as tool "customSmallerIsBetter", so that a
# dashboard can track them run after run.
#
#   scripts/export-benchmark-json.sh DIR [OUT]
#
# Reads DIR/summary.csv; writes OUT (default: standard output) as a JSON
# array of {"name", "unit", "value"}: every p50, and each backend's p50
# divided by the plain process's (unit "x"). Smaller is better for all.
set -euo pipefail
if [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
	sed -n '2,11s/^# \{0,1\}//p' "$0"
	exit 0
fi
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
	echo "export-benchmark-json: give a run directory and optionally an output file (see --help)" >&2
	exit 2
fi
dir=${1%/}
if [ ! -r "$dir/summary.csv" ]; then
	echo "export-benchmark-json: $dir/summary.csv: no such file" >&2
	exit 1
fi
lib="$(cd "$(dirname "$0")" && pwd)/report"
run() { awk -f "$lib/csv.awk" -f "$lib/stats.awk" -f "$lib/benchjson.awk" "$dir/summary.csv"; }
if [ $# -eq 2 ]; then
	if ! run >"$2.tmp"; then
		rm -f "$2.tmp"
		exit 1
	fi
	mv "$2.tmp" "$2"
else
	run
fi
