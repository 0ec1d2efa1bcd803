#!/usr/bin/env bash
# Plots made from fixture runs exist and are real images: every plot in
# PNG (signature, IHDR size 960x600, not tiny) and SVG (an <svg> root,
# closed, with drawing in it); a run without samples/phases still gets the
# plots it has data for, and REPORT.md links exactly the plots made.
set -u
cd "$(dirname "$0")/../../.." || exit 1
if ! command -v gnuplot >/dev/null; then
	echo "gnuplot not installed (Debian: gnuplot-nox): cannot make plots"
	exit 77
fi
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
all="startup phases memory density-memory density-startup overhead"

check_png() {
	local f=$1 sig size
	[ -f "$f" ] || { bad "$f missing"; return; }
	sig=$(od -An -tx1 -N8 "$f" | tr -d ' \n')
	[ "$sig" = 89504e470d0a1a0a ] || bad "$f: no PNG signature ($sig)"
	# IHDR: width and height, big-endian, at bytes 16..23
	size=$(od -An -tu1 -j16 -N8 "$f" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4 "x" $5*16777216 + $6*65536 + $7*256 + $8 }')
	[ "$size" = 960x600 ] || bad "$f: image is $size, expected 960x600"
	[ "$(wc -c <"$f")" -gt 10000 ] || bad "$f: only $(wc -c <"$f") bytes: an empty plot?"
}

check_svg() { # FILE [least number of drawn elements, default 20]
	local f=$1 least=${2:-20}
	[ -f "$f" ] || { bad "$f missing"; return; }
	# gnuplot writes the root element over several lines: <svg, then its attributes
	head -n 5 "$f" | grep -q '^<svg' && head -n 8 "$f" | grep -q 'xmlns="http://www.w3.org/2000/svg"' ||
		bad "$f: no <svg> root element"
	tail -n 3 "$f" | grep -q '</svg>' || bad "$f: not closed by </svg>"
	[ "$(grep -c '<path\|<rect\|<polygon' "$f")" -gt "$least" ] || bad "$f: hardly anything drawn"
}

for run in pvm-run hw-run; do
	cp -r "$fx/$run" "$tmp/$run"
	scripts/report.sh "$tmp/$run" 2>"$tmp/err" || { bad "report.sh $run failed: $(cat "$tmp/err")"; continue; }
	grep -q "gnuplot failed" "$tmp/err" && bad "$run: $(cat "$tmp/err")"
	for p in $all; do
		check_png "$tmp/$run/plots/$p.png"
		check_svg "$tmp/$run/plots/$p.svg"
		grep -q "](plots/$p.png)" "$tmp/$run/REPORT.md" || bad "$run: REPORT.md does not show plots/$p.png"
	done
	[ -z "$(find "$tmp/$run/plots" -name '*.tmp')" ] || bad "$run: temporary files left in plots/"
done
# Every backend's colour, as the brief fixes them, is in the hardware run's
# start-up plot (gnuplot's SVG writes them as rgb(r, g, b)).
for c in 4d4d4d 1f77b4 2ca02c d62728 9467bd ff7f0e; do
	rgb=$(printf 'rgb(%3d, %3d, %3d)' "0x${c:0:2}" "0x${c:2:2}" "0x${c:4:2}")
	grep -qF "$rgb" "$tmp/hw-run/plots/startup.svg" || bad "hw-run startup.svg: colour #$c ($rgb) missing"
done

# Summary only (no samples.csv, phases.csv): no start-up or phase plot,
# the others made, and the report says which are missing.
cp -r "$fx/verdict-holds" "$tmp/summary-only"
scripts/report.sh "$tmp/summary-only" 2>"$tmp/err" || bad "report.sh on a summary-only run failed: $(cat "$tmp/err")"
for p in memory overhead density-startup; do # (it has no density system figure)
	check_png "$tmp/summary-only/plots/$p.png"
	check_svg "$tmp/summary-only/plots/$p.svg"
done
for p in startup phases density-memory; do
	[ -e "$tmp/summary-only/plots/$p.png" ] && bad "summary-only: $p.png made without data"
	grep -q "plot $p not made" "$tmp/summary-only/REPORT.md" || bad "summary-only: REPORT.md does not say $p is missing"
done
# The harness's own files (process only, MemAvailable falls of 0 and
# below): gnuplot must not fail on any plot it is given.
cp -r "$fx/bench-quick-process" "$tmp/real"
scripts/report.sh "$tmp/real" 2>"$tmp/err" || bad "report.sh on the harness's files failed"
grep -q "gnuplot failed" "$tmp/err" && bad "real: $(cat "$tmp/err")"
for p in startup phases memory; do
	check_png "$tmp/real/plots/$p.png"
	check_svg "$tmp/real/plots/$p.svg" 8 # one backend, 5 samples
done

# A plot from an earlier report does not outlive its data.
cp -r "$tmp/pvm-run/plots" "$tmp/summary-only/" && scripts/report.sh "$tmp/summary-only" 2>/dev/null
[ -e "$tmp/summary-only/plots/startup.png" ] && bad "stale startup.png kept"
[ $fail = 0 ] && echo "plots: all present and well-formed"
exit $fail
