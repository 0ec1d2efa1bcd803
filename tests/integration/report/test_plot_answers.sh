#!/usr/bin/env bash
# Each plot answers its one question, read from the words gnuplot wrote
# into the SVGs (made from the pvm-run fixture, its phases without the
# "ready" stamp, as the harness writes them): phases end at READY with a
# "READY read" segment and put teardown in a panel of its own, with names
# on the segments instead of a key; memory is on a linear axis and its
# system panel comes from the density run, as the claims' figures do;
# density-memory gives a slope per instance from a fitted line; overhead
# gives ratios as "N.NN×" with the backend's and the process's own times.
# A backend more than 5 times slower than the fastest gets its own panel.
set -u
cd "$(dirname "$0")/../../.." || exit 1
if ! command -v gnuplot >/dev/null; then
	echo "gnuplot not installed (Debian: gnuplot-nox): cannot make plots"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
has() { grep -qF -- "$2" "$tmp/run/plots/$1.svg" || bad "$1.svg: no \"$2\""; }
hasnt() { ! grep -qF -- "$2" "$tmp/run/plots/$1.svg" || bad "$1.svg: \"$2\" is there"; }

cp -r tests/fixtures/pvm-run "$tmp/run"
grep -v ',ready,' tests/fixtures/pvm-run/phases.csv >"$tmp/run/phases.csv"
scripts/report.sh "$tmp/run" 2>"$tmp/err" || bad "report.sh failed: $(cat "$tmp/err")"
grep -q "gnuplot failed" "$tmp/err" && bad "$(cat "$tmp/err")"

has phases 'READY read'
has phases 'teardown'
has phases 'vm_destroyed'
hasnt phases 'microvm: vm_destroyed' # the old 22-entry key
has memory 'density run, N = 8'
hasnt memory 'log scale'
has density-memory 'KiB) per instance'
has density-memory 'least-squares fit'
has overhead '9.42×'
has overhead 'process: 1.46 ms'
has overhead '13.8 ms'

# A Linux guest 30 times slower than the rest gets a start-up panel of
# its own scale (hw-run has linuxvm); pvm-run, without one, does not.
hasnt phases 'slower backends'
cp -r tests/fixtures/hw-run "$tmp/hw"
scripts/report.sh "$tmp/hw" 2>/dev/null || bad "report.sh failed on hw-run"
grep -qF 'slower backends' "$tmp/hw/plots/phases.svg" || bad "hw-run phases.svg: no panel for the slower backends"

# Without a density run the system panel says it is the memory run's, and
# a figure below 0 (noise) is drawn and labelled, not dropped.
grep -v '^density,' tests/fixtures/pvm-run/summary.csv |
	sed 's/^\(memory,container,idle,,1,system,KiB,[0-9]*\),[^,]*,[^,]*/\1,-90,-64/' >"$tmp/run/summary.csv"
scripts/report.sh "$tmp/run" 2>/dev/null || bad "report.sh failed without a density run"
has memory 'memory run, one instance'
has memory '-64 KiB'
[ $fail = 0 ] && echo "plots: each answers its question"
[ $fail = 0 ]
