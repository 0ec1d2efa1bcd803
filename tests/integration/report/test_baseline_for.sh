#!/usr/bin/env bash
# scripts/baseline-for.sh picks the committed baseline of a run's kind of
# host (CPU vendor and KVM flavour from env.csv), exits 3 with a reason
# when there is none, and 2 on bad input.
set -u
cd "$(dirname "$0")/../../.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# mkrun NAME CPU_MODEL FLAVOUR: a run directory with only an env.csv.
mkrun() {
	mkdir -p "$tmp/$1"
	printf 'key,value\ncpu_model,%s\nkvm_flavour,%s\n' "$2" "$3" >"$tmp/$1/env.csv"
}
# pick EXPECTED-EXIT EXPECTED-STDOUT ARGS...
pick() {
	local want=$1 want_out=$2 rc=0 out
	shift 2
	out=$(scripts/baseline-for.sh "$@" 2>"$tmp/err") || rc=$?
	[ "$rc" = "$want" ] || bad "baseline-for $*: exit $rc, expected $want ($(cat "$tmp/err"))"
	[ "$out" = "$want_out" ] || bad "baseline-for $*: printed '$out', expected '$want_out'"
}

mkrun amd "AMD EPYC" pvm
mkrun amd-quoted '"AMD EPYC 7B13 64-Core Processor, rev 1"' pvm
mkrun intel "Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz" pvm
mkrun amd-other "AMD EPYC" no-such-flavour
mkrun unknown "Fixture CPU" pvm
mkdir -p "$tmp/empty"

pick 0 results/baselines/amd-pvm "$tmp/amd"
pick 0 results/baselines/amd-pvm "$tmp/amd-quoted"
pick 0 results/baselines/amd-pvm results/baselines/amd-pvm
pick 0 intel-pvm --kind "$tmp/intel"
pick 3 "" "$tmp/amd-other"
grep -q "no baseline for this kind of host (amd-no-such-flavour)" "$tmp/err" || bad "no reason for a missing kind: $(cat "$tmp/err")"
pick 3 "" "$tmp/unknown"
grep -q "CPU vendor not recognised" "$tmp/err" || bad "no reason for an unknown vendor: $(cat "$tmp/err")"
pick 2 "" "$tmp/empty"
pick 2 ""
exit $fail
