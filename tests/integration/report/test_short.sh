#!/usr/bin/env bash
# REPORT.md of a default run is short enough to read: at most 150 lines
# before its appendix link, one table row per backend (not one per N), a
# skipped backend's reason said once; and APPENDIX.md beside it holds the
# rest: every summary.csv row (density at every N), every env.csv key, the
# start-up phases and the order effects. The runs are real default runs
# (`make bench`) committed under results/: two of an AMD PVM host with
# six backends, the reference run, and one of them with linuxvm,
# microvm-snap and microvm-pool added (every backend measured: the
# longest report).
set -u
cd "$(dirname "$0")/../../.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bench=build/bench
bad() { echo "FAIL: $*"; fail=1; }

# The longest report a default run can give: every backend measured, as
# on a host with VMX/SVM. Made from amd-pvm-1 by copying the microVM's
# rows as linuxvm's, microvm-snap's and microvm-pool's, and its start-up
# once more as microvm-pool's provision (a shape, not a measurement).
all=$tmp/src/all
mkdir -p "$all"
cp results/multihost/amd-pvm-1/*.csv "$all/"
rm -f "$all/verdicts.csv"
grep -v '^skip\.linuxvm,' results/multihost/amd-pvm-1/env.csv >"$all/env.csv"
for f in summary:6 samples:7 facts:0; do
	awk -F, -v OFS=, -v m="${f#*:}" '{ print } NR > 1 && $0 ~ /(^|,)microvm,/ {
		for (i = 1; i <= NF; i++) if ($i == "microvm") {
			$i = "linuxvm"; print; $i = "microvm-snap"; print; $i = "microvm-pool"; print
			if (m > 0 && $1 == "startup" && $m == "startup") { $m = "provision"; print }
			break } }' \
		"results/multihost/amd-pvm-1/${f%:*}.csv" >"$all/${f%:*}.csv"
done

for src in results/multihost/amd-pvm-1 results/multihost/amd-pvm-2 results/reference "$all"; do
	name=$(basename "$src")
	mkdir "$tmp/$name"
	cp "$src"/*.csv "$tmp/$name/"
	rm -f "$tmp/$name/verdicts.csv"
	"$bench" report --no-plots "$tmp/$name" 2>"$tmp/err" || { bad "$name: report failed: $(cat "$tmp/err")"; continue; }
	r=$tmp/$name/REPORT.md a=$tmp/$name/APPENDIX.md
	# 150 lines before the appendix, and the appendix linked.
	link=$(grep -n '^## Appendix' "$r" | head -n 1 | cut -d: -f1)
	[ -n "$link" ] || { bad "$name: no appendix section"; continue; }
	[ "$link" -le 150 ] || bad "$name: $link lines before the appendix (at most 150)"
	grep -q '(APPENDIX.md)' "$r" || bad "$name: APPENDIX.md not linked"
	# No table of REPORT.md has more rows than the run has backends.
	nb=$({ awk -F, 'NR > 1 { print $2 }' "$src/summary.csv"
		awk -F, '$1 ~ /^skip\./ { sub(/^skip\./, "", $1); print $1 }' "$src/env.csv"; } | sort -u | wc -l)
	awk -v max="$((nb + 1))" -v name="$name" '
		/^\| / { rows++; next }
		{ if (rows > max + 1) { print "FAIL: " name ": a table of " rows " lines in REPORT.md"; bad = 1 } rows = 0 }
		END { exit bad }' "$r" || fail=1
	# The linuxvm skip reason (PVM host): said once, in the backends table.
	reason=$(awk -F, '$1 == "skip.linuxvm" { sub(/^[^,]*,/, ""); print }' "$src/env.csv")
	if [ -n "$reason" ]; then
		[ "$(grep -cF -- "$reason" "$r")" = 1 ] || bad "$name: linuxvm's skip reason said $(grep -cF -- "$reason" "$r") times"
	fi
	# Claim 1's pss ratio for the microVM is the memory table's.
	ratio=$(grep '^| 1 | ' "$r" | grep -o 'minimal pair\]\*\* — [a-z ]*: pss overhead [0-9.]* KiB vs [0-9.]* KiB ([0-9.]*×' | grep -o '([0-9.]*×' | tr -d '(')
	[ -n "$ratio" ] && grep -q "^| microvm | [^|]* | [^|]* | $ratio " "$r" ||
		bad "$name: claim 1's pss ratio (${ratio:-none}) is not the memory table's"
	# The appendix: every summary.csv row, every env.csv key, the phases.
	rows=$(awk -F, 'NR > 1' "$src/summary.csv" | wc -l)
	got=$(grep -c '^| [^|]* | [^|]* | [0-9]* | [a-z_]* | [A-Za-z]* | ' "$a")
	[ "$got" = "$rows" ] || bad "$name: the appendix has $got figure rows, summary.csv $rows"
	awk -F, '$1 == "density" { print $5 }' "$src/summary.csv" | sort -un | while read -r n; do
		grep -q "^| idle | – | $n | system | KiB | " "$a" || echo "FAIL: $name: the appendix lacks density at N = $n"
	done | grep FAIL && fail=1
	awk -F, 'NR > 1 && $1 !~ /"/ { print $1 }' "$src/env.csv" | while read -r k; do
		grep -qF "| $k | " "$a" || echo "FAIL: $name: the appendix lacks env.csv key $k"
	done | grep FAIL && fail=1
	if [ -s "$src/phases.csv" ]; then
		grep -q '^| container | exec | ' "$a" || bad "$name: the appendix lacks the container's exec phase"
	fi
done
[ $fail = 0 ] && echo "short report: under 150 lines, the rest in the appendix"
exit $fail
