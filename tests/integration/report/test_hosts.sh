#!/usr/bin/env bash
# bench report DIR1 DIR2: each run gets its own report, and one more shows
# each claim's verdict run by run, whether the runs agree, and the spread
# of every ratio across them. The fixtures: a PVM run and a VMX run that
# disagree on claim 2 against the microVM (partly vs does not hold).
set -u
cd "$(dirname "$0")/../../.." || exit 1
bench=build/bench
[ -x "$bench" ] || { echo "build/bench missing: run make"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

cp -r tests/fixtures/pvm-run "$tmp/a"
cp -r tests/fixtures/hw-run "$tmp/b"
"$bench" report --no-plots --hosts-out "$tmp/hosts" "$tmp/a" "$tmp/b" 2>"$tmp/err" ||
	bad "bench report a b exited $?: $(cat "$tmp/err")"
for d in a b; do
	[ -s "$tmp/$d/REPORT.md" ] && [ -s "$tmp/$d/verdicts.csv" ] || bad "run $d got no report of its own"
done
md=$tmp/hosts/REPORT.md
[ -s "$md" ] || bad "no merged REPORT.md"
grep -q '^| 1 | .*/a | fixture-pvm | .* | pvm |' "$md" || bad "the runs table does not list run 1"
grep -q '^| 2 | .*/b | fixture-hw | .* | vmx |' "$md" || bad "the runs table does not list run 2"
# Claim 1 holds on both: they agree. Claim 2 vs the microVM: they do not.
grep -q '^| 1. are much lighter | holds | holds | yes |' "$md" || bad "claim 1: not 'holds, holds, agree'"
awk '/^\*\*container vs microvm\*\*/ { on = 1 } on && /^\| 2 \| partly \| does not hold \| \*\*no\*\* \|/ { ok = 1 } END { exit !ok }' "$md" ||
	bad "minimal pair, claim 2: the disagreement is not shown"
# linuxvm ran only on the VMX host: nothing to agree on.
awk '/^\*\*container vs linuxvm\*\*/ { on = 1 } on && /^\| 2 \| not measured \| holds \| – \|/ { ok = 1 } END { exit !ok }' "$md" ||
	bad "seed pair, claim 2: not 'not measured, holds, –'"
# The spread: start-up ratio 1.41x on one, 0.382x on the other.
grep -q '^| 2 | container vs microvm | p50 | 1.41× \[.*\] | 0.382× \[.*\] | 0.382–1.41 (3.70×) |' "$md" ||
	bad "no spread row for the start-up ratio"
# Each backend's own start-up p50 with its interval: the container's
# agree, the microVM's (3.23 vs 0.881 ms) do not.
grep -q '^| container | 2.28 \[.*\] | 2.31 \[.*\] | overlap |' "$md" || bad "container start-up: no overlapping intervals"
grep -q '^| microvm | 3.23 \[.*\] | 0.881 \[.*\] | \*\*no overlap\*\* |' "$md" || bad "microvm start-up: the gap is not shown"
# verdicts.csv: a row per run, claim, pair and measure.
csv=$tmp/hosts/verdicts.csv
head -1 "$csv" | grep -qx 'run,host,cpu_model,kvm_flavour,claim,verdict,container,against,pair,outcome,measure,ratio,ci_low,ci_high' ||
	bad "verdicts.csv header"
grep -q '^1,fixture-pvm,.*,start faster,.*,container,microvm,minimal,partly,p50,1.41' "$csv" || bad "run 1's start-up row"
grep -q '^2,fixture-hw,.*,start faster,.*,container,linuxvm,seed,holds,p50,' "$csv" || bad "run 2's seed row"

# A run that cannot be read: exit 1, one line, no merged report.
"$bench" report --no-plots --hosts-out "$tmp/hosts2" "$tmp/a" "$tmp/nope" 2>"$tmp/err2"
rc=$?
[ $rc = 1 ] || bad "a missing run: exit $rc, want 1"
[ -e "$tmp/hosts2/REPORT.md" ] && bad "a merged report written with a run missing"
[ $fail = 0 ] && echo "multi-run report: per-run verdicts, agreement and spread"
exit $fail
