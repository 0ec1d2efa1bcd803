#!/usr/bin/env bash
# plots.sh - make every plot of one run, PNG (pngcairo) and SVG.
#
#   scripts/plots/plots.sh DIR WORK
#
# DIR: the run directory (its CSVs); the plots go to DIR/plots/NAME.png and
# .svg. WORK: an empty scratch directory (report.sh makes it, with
# WORK/phase-medians.csv when the run has phases). Prints the names of the
# plots made, space-separated; a plot that has no data is left out, one
# that gnuplot fails on is left out with its error on stderr.
set -euo pipefail
if [ "${1:-}" = -h ] || [ "${1:-}" = --help ]; then
	sed -n '2,11s/^# \{0,1\}//p' "$0"
	exit 0
fi
if [ $# -ne 2 ] || [ ! -d "$1" ] || [ ! -d "$2" ]; then
	echo "plots: give a run directory and a scratch directory (see --help)" >&2
	exit 2
fi
dir=${1%/} work=$2
here=$(cd "$(dirname "$0")" && pwd)
lib="$here/../report"

inputs=("$dir/env.csv" "$dir/summary.csv")
[ -r "$dir/samples.csv" ] && inputs+=("$dir/samples.csv")
[ -r "$work/phase-medians.csv" ] && inputs+=("$work/phase-medians.csv")
names=$(awk -v work="$work" -f "$lib/csv.awk" -f "$lib/stats.awk" -f "$lib/load.awk" \
	-f "$lib/lookup.awk" -f "$here/plotdata.awk" "${inputs[@]}")

mkdir -p "$dir/plots"
# A plot of an earlier report of this run must not outlive its data.
for p in startup phases memory density-memory density-startup overhead; do
	rm -f "$dir/plots/$p.png" "$dir/plots/$p.svg"
done
made=()
for p in $names; do
	ok=yes
	for t in png svg; do
		tmp="$dir/plots/.$p.$t.tmp"
		if gnuplot -e "term='$t'; out='$tmp'; work='$work'; plotdir='$here'" "$here/$p.gp" 2>"$work/$p.$t.err" && [ -s "$tmp" ]; then
			mv "$tmp" "$dir/plots/$p.$t"
		else
			echo "plots: gnuplot failed on $p.$t:" >&2
			tail -n 5 "$work/$p.$t.err" >&2
			rm -f "$tmp"
			ok=no
		fi
	done
	[ $ok = yes ] && made+=("$p")
done
echo "${made[*]}"
