#!/usr/bin/env bash
# The verdict rules on hand-made fixtures: each of "holds", "holds with a
# caveat" and "does not hold" must come out where the figures say so, per
# claim and per VM, and move when a figure crosses a rule's margin.
set -u
cd "$(dirname "$0")/../../.." || exit 1
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# report DIR: copy fixture DIR, make its report without plots; echoes the copy.
report() {
	cp -r "$fx/$1" "$tmp/$2"
	scripts/report.sh --no-plots "$tmp/$2" 2>"$tmp/$2.err" || { bad "report.sh failed on $1: $(cat "$tmp/$2.err")"; return 1; }
}

# expect COPY CLAIM AGAINST OUTCOME: a row of verdicts.csv
expect() {
	local got
	got=$(awk -F, -v c="$2" -v a="$3" '$1 == c && $3 == a { print $4; exit }' "$tmp/$1/verdicts.csv")
	[ "$got" = "$4" ] || bad "$1: claim $2 against $3: expected '$4', got '${got:-nothing}'"
}

for v in holds caveat fails; do
	report "verdict-$v" "$v" || continue
	want=$v
	[ $v = caveat ] && want="holds with a caveat"
	[ $v = fails ] && want="does not hold"
	for c in 1 2 3 4 5; do
		expect "$v" $c all "$want"
	done
	# the claims table shows the same verdict for every claim
	n=$(grep -c "| ✅ holds\(<br>[^|]*\)\? |\|| ⚠️ holds with a caveat\(<br>[^|]*\)\? |\|| ❌ does not hold\(<br>[^|]*\)\? |" "$tmp/$v/REPORT.md")
	[ "$n" = 5 ] || bad "$v: expected 5 verdict cells in REPORT.md, found $n"
done

# The caveat fixture: the claims hold against the full Linux guest and not
# (or only partly) against the minimal microVM: the lesson of the suite.
for c in 1 2 3; do
	expect caveat $c linuxvm holds
done
expect caveat 1 microvm partly
expect caveat 2 microvm "does not hold"
expect caveat 3 microvm partly
expect caveat 5 microvm partly
grep -q "^| linuxvm | .* | \*\*skipped\*\*: not part of this hand-made fixture" "$tmp/holds/REPORT.md" ||
	bad "holds: the skipped linuxvm's reason is not in REPORT.md"

# The margin: a microVM that starts 1.25x slower than the container (below
# the 1.5x margin) gives a caveat, not "holds"; 0.9x gives "does not hold".
for f in 1.25:partly:"holds with a caveat" 0.9:"does not hold":"does not hold"; do
	IFS=: read -r factor outcome verdict <<<"$f"
	name="margin-$factor"
	cp -r "$fx/verdict-holds" "$tmp/$name"
	awk -F, -v OFS=, -v k="$factor" '$1 == "startup" && $2 == "microvm" { for (i = 9; i <= 14; i++) $i = $i / 10 * k } 1' \
		"$fx/verdict-holds/summary.csv" >"$tmp/$name/summary.csv"
	scripts/report.sh --no-plots "$tmp/$name" 2>/dev/null || bad "report.sh failed on $name"
	expect "$name" 2 microvm "$outcome"
	expect "$name" 2 all "$verdict"
	expect "$name" 1 all holds
done

# Memory: a microVM whose system overhead is only 1.33x the container's
# (400 vs 300 KiB) is lighter, but not by the margin: a caveat.
cp -r "$fx/verdict-holds" "$tmp/mem-margin"
awk -F, -v OFS=, '$1 == "memory" && $2 == "microvm" && $6 == "system" { $10 = 700 } 1' \
	"$fx/verdict-holds/summary.csv" >"$tmp/mem-margin/summary.csv"
scripts/report.sh --no-plots "$tmp/mem-margin" 2>/dev/null || bad "report.sh failed on mem-margin"
expect mem-margin 1 microvm partly
expect mem-margin 1 all "holds with a caveat"

# The run-like fixtures: linuxvm skipped on PVM, and a hardware run.
report pvm-run pvm && {
	expect pvm 1 all holds
	expect pvm 2 all "holds with a caveat"
	expect pvm 3 all "holds with a caveat"
	expect pvm 4 all holds
	expect pvm 5 all "holds with a caveat"
	expect pvm 1 linuxvm "not measured"
}
report hw-run hw && {
	expect hw 1 all holds
	expect hw 2 microvm "does not hold"
	expect hw 2 linuxvm holds
	expect hw 2 all "holds with a caveat"
}

# No verdict from missing data. backend-failed: container and runc failed
# every sample (as in a plain chroot, where pivot_root fails): both listed
# as failed with their reasons, every claim "not measured", exit 3.
cp -r "$fx/backend-failed" "$tmp/failed"
scripts/report.sh --no-plots "$tmp/failed" 2>"$tmp/failed.err"
rc=$?
[ $rc = 3 ] || bad "backend-failed: exit $rc, want 3"
grep -q "container produced no figures" "$tmp/failed.err" || bad "backend-failed: no line on stderr naming the container"
for b in container runc; do
	grep -q "^| $b | .* | \*\*failed\*\*, every sample: .*failed (dropped); last: " "$tmp/failed/REPORT.md" ||
		bad "backend-failed: $b not listed as failed with its reason"
done
grep -q "^| container | .*| measured |" "$tmp/failed/REPORT.md" && bad "backend-failed: the container called measured"
for c in 1 2 3 4 5; do
	expect failed $c all "not measured"
	expect failed $c microvm "not measured"
done
grep -q "0 KiB vs 0 KiB\|container: no isolation checks recorded.*does not hold" "$tmp/failed/verdicts.csv" &&
	bad "backend-failed: a figure made up from missing data"
# Only the VM failed: its pairs are not measured, the claims still
# judged against nothing else (linuxvm skipped): not measured, exit 3.
cp -r "$fx/pvm-run" "$tmp/vm-failed"
awk -F, '$2 != "microvm"' "$fx/pvm-run/summary.csv" >"$tmp/vm-failed/summary.csv"
echo "fail.microvm.startup,5 of 5 failed (dropped); last: guest crashed" >>"$tmp/vm-failed/env.csv"
scripts/report.sh --no-plots "$tmp/vm-failed" 2>/dev/null
[ $? = 3 ] || bad "vm-failed: exit status is not 3"
expect vm-failed 2 microvm "not measured"
expect vm-failed 2 all "not measured"
grep -q '^2,not measured,microvm,not measured,failed: 5 of 5 failed (dropped); last: guest crashed,' "$tmp/vm-failed/verdicts.csv" ||
	bad "vm-failed: the pair does not give the VM's failure as the reason"

# Within noise: the microVM's start-up samples are the container's, 2%
# slower. The p50s alone say "partly" (1.02x); the 95% interval of the
# ratio holds 1, so the pair, and the claim, are inconclusive, and
# verdicts.csv carries the interval (its last columns: measure, ratio,
# ci_low, ci_high, container, pair).
mkdir -p "$tmp/noise"
cp "$fx/pvm-run/env.csv" "$fx/pvm-run/facts.csv" "$tmp/noise/"
awk -F, -v OFS=, 'NR > 1 && $1 == "startup" && $2 == "container" { c[$6, $7] = $9 }
	{ r[NR] = $0; b[NR] = $2; e[NR] = $1; it[NR] = $6; m[NR] = $7 }
	END { for (i = 1; i <= NR; i++) {
		if (i > 1 && e[i] == "startup" && b[i] == "microvm") {
			split(r[i], f, ","); f[9] = c[it[i], m[i]] * 1.02
			r[i] = f[1]; for (k = 2; k <= 9; k++) r[i] = r[i] OFS f[k]
		}
		print r[i] } }' "$fx/pvm-run/samples.csv" >"$tmp/noise/samples.csv"
awk -f tests/fixtures/summarize.awk "$tmp/noise/samples.csv" >"$tmp/noise/summary.csv"
scripts/report.sh --no-plots "$tmp/noise" 2>/dev/null || bad "report.sh failed on noise"
expect noise 2 microvm inconclusive
expect noise 2 all inconclusive
awk -F, '$1 == 2 && $3 == "microvm" && $(NF-5) == "p50" { lo = $(NF-3); hi = $(NF-2); ok = lo < 1 && hi > 1 } END { exit !ok }' \
	"$tmp/noise/verdicts.csv" || bad "noise: verdicts.csv has no p50 interval around 1"
grep -q "❓ inconclusive" "$tmp/noise/REPORT.md" || bad "noise: REPORT.md does not show the inconclusive verdict"
grep -q "95% CI" "$tmp/noise/REPORT.md" || bad "noise: REPORT.md does not show the interval"

# Named pairs. The isolation-matched pair: container-sharednet (here the
# container's own samples, start-up halved) against the microVM; its rows
# name the container and the pair, and the default pair is unchanged.
mkdir -p "$tmp/pairs"
cp "$fx/pvm-run/env.csv" "$tmp/pairs/"
awk -F, -v OFS=, '{ print } NR > 1 && $2 == "container" { $2 = "container-sharednet"; if ($1 == "startup") $9 = $9 / 2; print }' \
	"$fx/pvm-run/samples.csv" >"$tmp/pairs/samples.csv"
awk -F, -v OFS=, '{ print } $1 == "container" { $1 = "container-sharednet"; print }' \
	"$fx/pvm-run/facts.csv" >"$tmp/pairs/facts.csv"
awk -f tests/fixtures/summarize.awk "$tmp/pairs/samples.csv" >"$tmp/pairs/summary.csv"
scripts/report.sh --no-plots "$tmp/pairs" 2>/dev/null || bad "report.sh failed on pairs"
grep -q '^2,.*,microvm,.*,container-sharednet,isolation-matched$' "$tmp/pairs/verdicts.csv" ||
	bad "pairs: no isolation-matched row (container-sharednet vs microvm) for claim 2"
grep -q '^2,.*,microvm,.*,container,minimal$' "$tmp/pairs/verdicts.csv" ||
	bad "pairs: no minimal row (container vs microvm) for claim 2"
grep -q 'container-sharednet vs microvm \[isolation-matched pair' "$tmp/pairs/REPORT.md" ||
	bad "pairs: REPORT.md does not name the isolation-matched pair"
# linuxvm was skipped on this PVM host: the report says the seed's pair
# was not measured, so the run does not answer the seed's claim.
grep -q "the container against a full Linux guest (linuxvm).*It was \*\*not measured\*\*" "$tmp/pairs/REPORT.md" ||
	bad "pairs: REPORT.md does not say the seed's pair was not measured"
# A run before the variant existed lists no isolation-matched pair.
grep -q 'isolation-matched$' "$tmp/noise/verdicts.csv" && bad "noise: an isolation-matched pair in a run without container-sharednet"
# hw-run measured linuxvm: the seed's pair is measured and named.
report hw-run hw-seed &&
	{ grep -q "It was measured in this run; its outcome, claim by claim" "$tmp/hw-seed/REPORT.md" ||
		bad "hw-run: REPORT.md does not give the seed pair's outcome"
	  grep -q ',linuxvm,.*,container,seed$' "$tmp/hw-seed/verdicts.csv" || bad "hw-run: no seed row"; }

# Claim 1 reads the system figure from the density run (largest N all
# reached), not from the memory experiment. Here the microVM's density
# system samples are made the container's: equal overheads there, so pss
# alone says more and the pair is "partly"; the memory experiment's
# system figures (4256 vs 725 KiB) would have said "holds".
mkdir -p "$tmp/dens"
cp "$fx/pvm-run/env.csv" "$fx/pvm-run/facts.csv" "$tmp/dens/"
awk -F, -v OFS=, 'NR == FNR { if ($1 == "density" && $2 == "container" && $7 == "system") c[$5, $6] = $9; next }
	$1 == "density" && $2 == "microvm" && $7 == "system" && (($5, $6) in c) { $9 = c[$5, $6] } { print }' \
	"$fx/pvm-run/samples.csv" "$fx/pvm-run/samples.csv" >"$tmp/dens/samples.csv"
awk -f tests/fixtures/summarize.awk "$tmp/dens/samples.csv" >"$tmp/dens/summary.csv"
scripts/report.sh --no-plots "$tmp/dens" 2>/dev/null || bad "report.sh failed on dens"
expect dens 1 microvm partly
grep -q '^1,.*at N = 16' "$tmp/dens/verdicts.csv" || bad "dens: claim 1 does not say the density N it used"
[ $fail = 0 ] && echo "verdict rules: all expected verdicts"
exit $fail
