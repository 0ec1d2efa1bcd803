#!/usr/bin/env bash
# scripts/compare.sh on fixtures: no regression -> exit 0; a large one ->
# exit 1 naming it; bad input -> exit 2; and no false alarm over 20 runs
# that differ only by noise (a fixture re-made with 20 seeds and a wide
# spread). Also the github-action-benchmark export.
set -u
cd "$(dirname "$0")/../../.." || exit 1
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# run EXPECTED-EXIT ARGS...: compare.sh must exit so.
run() {
	local want=$1 rc
	shift
	scripts/compare.sh "$@" >"$tmp/out" 2>&1
	rc=$?
	[ $rc = "$want" ] || { bad "compare.sh $*: exit $rc, expected $want"; sed 's/^/    /' "$tmp/out" | tail -n 15; }
}

# The same run against itself: no change; the committed baseline (a real
# quick run) is a readable run directory that compares with itself.
run 0 "$fx/pvm-run" "$fx/pvm-run"
grep -q " 0 worse" "$tmp/out" || bad "identical runs: no '0 worse' line"
run 0 --stat min results/baseline results/baseline
grep -q " 0 worse" "$tmp/out" || bad "baseline against itself: no '0 worse' line"
# Different kinds of host (PVM base, VMX new): refused, one clear line,
# exit 3, no table; --other-host compares anyway, with a note.
run 3 "$fx/pvm-run" "$fx/hw-run"
grep -q "^compare: .* different kinds of host (kvm_flavour 'pvm' vs 'vmx')" "$tmp/out" ||
	bad "pvm vs vmx: no one-line refusal naming the flavours"
grep -q "WORSE\|compared:" "$tmp/out" && bad "pvm vs vmx: compared although refused"
run 0 --other-host "$fx/pvm-run" "$fx/hw-run"
grep -q "^note: different kinds of host (kvm_flavour 'pvm' vs 'vmx')" "$tmp/out" ||
	bad "pvm vs vmx with --other-host: no note on the flavours"
# Another CPU, same flavour (an Intel run against the AMD baseline).
mkdir -p "$tmp/intel"
cp "$fx/pvm-run/summary.csv" "$tmp/intel/"
sed 's/^cpu_model,.*/cpu_model,Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz/' "$fx/pvm-run/env.csv" >"$tmp/intel/env.csv"
sed 's/^cpu_model,.*/cpu_model,AMD EPYC 7B13/' "$fx/pvm-run/env.csv" >"$tmp/amd.env"
mkdir -p "$tmp/amd" && cp "$fx/pvm-run/summary.csv" "$tmp/amd/" && mv "$tmp/amd.env" "$tmp/amd/env.csv"
run 3 "$tmp/amd" "$tmp/intel"
grep -q "CPU vendor 'AMD' vs 'Intel'" "$tmp/out" || bad "AMD vs Intel: the vendors are not named"
[ "$(grep -c . "$tmp/out")" = 3 ] || bad "AMD vs Intel: expected the two run lines and one refusal line"

# regress NAME AWK-CONDITION FACTOR: a copy of pvm-run whose matching
# summary rows are FACTOR times larger (all statistics).
regress() {
	mkdir -p "$tmp/$1"
	cp "$fx/pvm-run/env.csv" "$tmp/$1/"
	awk -F, -v OFS=, -v k="$3" "NR > 1 && ($2) { for (i = 9; i <= 14; i++) \$i = \$i * k } 1" \
		"$fx/pvm-run/summary.csv" >"$tmp/$1/summary.csv"
}
regress slow-container '$1 == "startup" && $2 == "container" && $6 == "startup"' 3
run 1 "$fx/pvm-run" "$tmp/slow-container"
grep -q "startup/noop//1/startup *container .*WORSE" "$tmp/out" || bad "3x slower container start-up: not shown as WORSE"
[ "$(grep -c WORSE "$tmp/out")" = 1 ] || bad "3x slower container start-up: other rows WORSE too"
regress fat-microvm '$1 == "memory" && $2 == "microvm"' 2.5
run 1 "$fx/pvm-run" "$tmp/fat-microvm"
grep -q "memory/idle//1/pss *microvm .*WORSE" "$tmp/out" || bad "2.5x microVM memory: not shown as WORSE"
# Below the threshold: 1.8x is no regression at the default 2.0, one at 1.5.
regress bit-slower '$1 == "startup" && $2 == "container" && $6 == "startup"' 1.8
run 0 "$fx/pvm-run" "$tmp/bit-slower"
run 1 --threshold 1.5 "$fx/pvm-run" "$tmp/bit-slower"
# A faster process alone makes every ratio grow: that is a change too.
regress fast-process '$2 == "process" && $1 == "startup"' 0.3
run 1 "$fx/pvm-run" "$tmp/fast-process"
# Above the threshold but tiny in absolute terms (the container's pss,
# 72 KiB, three times larger): below the floor, not a regression.
regress tiny '$1 == "memory" && $2 == "container" && $6 == "pss" && $3 == "idle"' 3
run 0 "$fx/pvm-run" "$tmp/tiny"

# Bad input.
run 2 "$fx/pvm-run"
run 2 "$fx/pvm-run" "$tmp/no-such-dir"
run 2 --threshold 0.5 "$fx/pvm-run" "$fx/pvm-run"
run 2 --threshold abc "$fx/pvm-run" "$fx/pvm-run"
run 2 --bogus "$fx/pvm-run" "$fx/pvm-run"
mkdir -p "$tmp/badhdr" && cp "$fx/pvm-run/env.csv" "$tmp/badhdr/" && echo "a,b,c" >"$tmp/badhdr/summary.csv"
run 2 "$fx/pvm-run" "$tmp/badhdr"
scripts/compare.sh --help | grep -q "BASE NEW" || bad "compare.sh --help says nothing of BASE NEW"

# Noise: 20 runs from different seeds with a wide spread (up to -30%/+60%
# on every figure) never fail against the base.
for seed in $(seq 1 20); do
	tests/fixtures/generate.sh "$tmp/noise$seed" pvm "$seed" 0.3 >/dev/null 2>&1 || { bad "generate.sh seed $seed failed"; continue; }
	cp "$fx/pvm-run/env.csv" "$tmp/noise$seed/"
	run 0 "$fx/pvm-run" "$tmp/noise$seed"
done

# The export: a JSON array of {name, unit, value}, one per p50 and one per
# ratio to the process, numbers unquoted.
scripts/export-benchmark-json.sh "$fx/pvm-run" "$tmp/bench.json" || bad "export failed"
rows=$(($(wc -l <"$fx/pvm-run/summary.csv") - 1))
# a ratio for every row of another backend whose process row has p50 > 0
ratios=$(awk -F, 'NR > 1 { k = $1 FS $3 FS $4 FS $5 FS $6 } NR > 1 && $2 == "process" && $10 > 0 { p[k] = 1 }
	NR > 1 && $2 != "process" { o[NR] = k } END { for (i in o) if (o[i] in p) n++; print n }' "$fx/pvm-run/summary.csv")
n=$(grep -c '^  {"name": "[^"]*", "unit": "[^"]*", "value": [-0-9.e+]*},\{0,1\}$' "$tmp/bench.json")
[ "$n" = $((rows + ratios)) ] || bad "export: $n well-formed entries, expected $rows p50 + $ratios ratios"
[ "$(head -c1 "$tmp/bench.json")" = "[" ] && [ "$(tail -n1 "$tmp/bench.json")" = "]" ] || bad "export: not a JSON array"
grep -q '"name": "startup/noop/startup container p50 / process", "unit": "x"' "$tmp/bench.json" || bad "export: no container start-up ratio"
scripts/export-benchmark-json.sh "$tmp/no-such-dir" >/dev/null 2>&1 && bad "export of a missing run succeeded"
[ $fail = 0 ] && echo "compare: all cases as expected"
exit $fail
