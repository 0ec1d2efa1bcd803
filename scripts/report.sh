#!/usr/bin/env bash
# report.sh - make the plots and REPORT.md of one benchmark run.
#
#   scripts/report.sh [--no-plots] DIR
#
# Reads only DIR's CSV files (env.csv and summary.csv are required;
# samples.csv, phases.csv and facts.csv are used when there). Writes
# DIR/plots/*.png and *.svg (gnuplot), DIR/verdicts.csv and DIR/REPORT.md.
# Shell and awk (any POSIX awk, mawk included) plus gnuplot for the plots:
# no Python. See scripts/README.md for the verdict rules.
set -euo pipefail

usage() {
	sed -n '2,10s/^# \{0,1\}//p' "$0"
}

plots=yes
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--no-plots) plots=no; shift ;;
	--) shift; break ;;
	-*) echo "report: unknown option $1 (see --help)" >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -ne 1 ]; then
	echo "report: give one run directory (see --help)" >&2
	exit 2
fi
dir=${1%/}
for f in env.csv summary.csv; do
	if [ ! -r "$dir/$f" ]; then
		echo "report: $dir/$f: no such file (is $dir a run directory?)" >&2
		exit 1
	fi
done

here=$(cd "$(dirname "$0")" && pwd)
lib="$here/report"
work=$(mktemp -d "${TMPDIR:-/tmp}/vmbench-report.XXXXXX")
trap 'rm -rf "$work"' EXIT

inputs=("$dir/env.csv" "$dir/summary.csv")
[ -r "$dir/facts.csv" ] && inputs+=("$dir/facts.csv")
if [ -r "$dir/phases.csv" ]; then
	awk -f "$lib/csv.awk" -f "$lib/stats.awk" -f "$lib/phases.awk" \
		"$dir/phases.csv" >"$work/phase-medians.csv"
	inputs+=("$work/phase-medians.csv")
fi

made=""
if [ "$plots" = yes ]; then
	if command -v gnuplot >/dev/null; then
		made=$("$here/plots/plots.sh" "$dir" "$work")
	else
		echo "report: gnuplot not found: REPORT.md without plots (install gnuplot-nox)" >&2
	fi
fi

# Write beside the final files, then rename: never a half-written report.
awk -v plots="$made" -v plotting="$plots" -v verdicts="$work/verdicts.csv" \
	-f "$lib/csv.awk" -f "$lib/stats.awk" -f "$lib/load.awk" \
	-f "$lib/lookup.awk" -f "$lib/verdicts.awk" -f "$lib/markdown.awk" \
	"${inputs[@]}" >"$work/REPORT.md"
cp "$work/verdicts.csv" "$dir/.verdicts.csv.tmp"
mv "$dir/.verdicts.csv.tmp" "$dir/verdicts.csv"
cp "$work/REPORT.md" "$dir/.REPORT.md.tmp"
mv "$dir/.REPORT.md.tmp" "$dir/REPORT.md"
echo "report: wrote $dir/REPORT.md${made:+ and plots/ (${made// /, })}" >&2
