#!/usr/bin/env bash
# Order effects (APPENDIX.md's table and REPORT.md's sentence, start-up):
# from order.csv, each backend's samples right after another backend's
# against its others. A synthetic
# carry-over: every container sample taken right after runc is made twice
# as slow; the report must flag that pair, and no pair of an untouched run.
set -u
cd "$(dirname "$0")/../../.." || exit 1
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bench=build/bench
bad() { echo "FAIL: $*"; fail=1; }

# order.csv for the fixture's start-up samples: in even iterations runc
# goes just before the container, in odd ones the process does.
order() {
	awk -F, 'BEGIN { print "experiment,seq,backend,workload,iteration"; s = 0 }
		$1 == "startup" && $7 == "startup" && $2 == "process" { if ($6 > max) max = $6 }
		END { for (i = 0; i <= max; i++) {
			n = split(i % 2 ? "process,runc,container,microvm" : "runc,process,container,microvm", b, ",")
			for (k = 1; k <= n; k++) print "startup," s++ "," b[k] ",noop," i } }' "$1"
}
for run in flat leak; do
	mkdir -p "$tmp/$run"
	cp "$fx/pvm-run/env.csv" "$fx/pvm-run/facts.csv" "$tmp/$run/"
	order "$fx/pvm-run/samples.csv" >"$tmp/$run/order.csv"
done
cp "$fx/pvm-run/samples.csv" "$tmp/flat/samples.csv"
# leak: the container's start-up doubled in odd iterations (after runc).
awk -F, -v OFS=, '$1 == "startup" && $2 == "container" && $7 == "startup" && $6 % 2 == 1 { $9 = $9 * 2 } { print }' \
	"$fx/pvm-run/samples.csv" >"$tmp/leak/samples.csv"
for run in flat leak; do
	awk -f tests/fixtures/summarize.awk "$tmp/$run/samples.csv" >"$tmp/$run/summary.csv"
	"$bench" report --no-plots "$tmp/$run" 2>/dev/null || bad "report failed on $run"
done
grep -q '^| container | runc | .* | \*\*slower after it\*\* |' "$tmp/leak/APPENDIX.md" ||
	bad "leak: the container's carry-over after runc is not flagged"
grep -q '^| container | process | .* | \*\*faster after it\*\* |' "$tmp/leak/APPENDIX.md" ||
	bad "leak: the container after the process (the other half) is not flagged faster"
grep -q '^\*\*Order effects\*\*.*Clear of 1: container after process: faster, .*container after runc: slower, ' "$tmp/leak/REPORT.md" ||
	bad "leak: REPORT.md's sentence does not name the two pairs clear of 1"
grep -q '^| container | runc | .* | no sign |' "$tmp/flat/APPENDIX.md" ||
	bad "flat: the container after runc is flagged without a carry-over"
grep -q '^\*\*Order effects\*\*.*No pair is clear of 1' "$tmp/flat/REPORT.md" ||
	bad "flat: REPORT.md's sentence does not say no pair is clear of 1"
# A run without order.csv says so.
cp -r "$fx/pvm-run" "$tmp/old"
"$bench" report --no-plots "$tmp/old" 2>/dev/null
grep -q 'no order.csv in this run' "$tmp/old/APPENDIX.md" || bad "old: no word on the missing order.csv in the appendix"
grep -q 'not recorded (no order.csv in this run)' "$tmp/old/REPORT.md" || bad "old: no word on the missing order.csv"
[ $fail = 0 ] && echo "order effects: a carry-over is flagged, none where there is none"
exit $fail
