#!/usr/bin/env bash
# compare.sh - compare two benchmark runs, for regression tracking.
#
#   scripts/compare.sh [--threshold X] [--stat p50|min|mean] [--all] BASE NEW
#
# BASE and NEW are run directories (env.csv and summary.csv in each).
# Every backend's p50 is divided by the plain process's p50 of the same
# run, and the two runs' ratios are compared: absolute times differ from
# machine to machine and day to day, ratios much less. Prints a table of
# changes per metric; exits 1 when a ratio grows by more than X (default
# 2.0, tolerant: CI machines are noisy) and by more than a small absolute
# floor, 0 otherwise, 2 on bad input. --all also compares the secondary
# metrics (lifetime, teardown, uss, rss, failed). --stat compares another
# summary column than p50 for times (min: steadier when other work runs in
# bursts, as on CI machines). Rules: scripts/README.md.
set -euo pipefail

usage() { sed -n '2,16s/^# \{0,1\}//p' "$0"; }

threshold=2.0 all=0 stat=p50
while [ $# -gt 0 ]; do
	case $1 in
	-h | --help) usage; exit 0 ;;
	--threshold)
		[ $# -ge 2 ] || { echo "compare: --threshold needs a value" >&2; exit 2; }
		threshold=$2; shift 2 ;;
	--threshold=*) threshold=${1#*=}; shift ;;
	--all) all=1; shift ;;
	--stat)
		[ $# -ge 2 ] || { echo "compare: --stat needs a value" >&2; exit 2; }
		stat=$2; shift 2 ;;
	--stat=*) stat=${1#*=}; shift ;;
	--) shift; break ;;
	-*) echo "compare: unknown option $1 (see --help)" >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -ne 2 ]; then
	echo "compare: give two run directories, BASE and NEW (see --help)" >&2
	exit 2
fi
if ! [[ $threshold =~ ^[0-9]+(\.[0-9]+)?$ ]] || awk -v t="$threshold" 'BEGIN { exit !(t <= 1) }'; then
	echo "compare: --threshold must be a number above 1 (got '$threshold')" >&2
	exit 2
fi
case $stat in
p50 | min | mean) ;;
*) echo "compare: --stat must be p50, min or mean (got '$stat')" >&2; exit 2 ;;
esac
base=${1%/} new=${2%/}
for d in "$base" "$new"; do
	for f in env.csv summary.csv; do
		if [ ! -r "$d/$f" ]; then
			echo "compare: $d/$f: no such file (is $d a run directory?)" >&2
			exit 2
		fi
	done
done
lib="$(cd "$(dirname "$0")" && pwd)/report"
exec awk -v threshold="$threshold" -v all="$all" -v stat="$stat" -v BASE="$base" -v NEW="$new" \
	-f "$lib/csv.awk" -f "$lib/stats.awk" -f "$lib/compare.awk" \
	"$base/env.csv" "$base/summary.csv" "$new/env.csv" "$new/summary.csv"
