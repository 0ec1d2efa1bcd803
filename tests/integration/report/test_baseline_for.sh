#!/usr/bin/env bash
# `bench baseline-for` picks the committed baseline of a run's kind of host
# (CPU vendor and KVM flavour from env.csv, the rule of
# bench/report/hostkind.c), exits 3 with a reason when none of that kind
# is committed, and 2 on bad input. The runs are the env.csv fixtures of
# tests/fixtures/hostkind/; the baselines a folder made here, so that the
# answers do not change when a kind is added to results/baselines/.
set -u
cd "$(dirname "$0")/../../.." || exit 1
fx=tests/fixtures/hostkind
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }

# pick EXPECTED-EXIT EXPECTED-STDOUT ARGS...
pick() {
	local want=$1 want_out=$2 rc=0 out
	shift 2
	out=$(build/bench baseline-for "$@" 2>"$tmp/err") || rc=$?
	[ "$rc" = "$want" ] || bad "baseline-for $*: exit $rc, expected $want ($(cat "$tmp/err"))"
	[ "$out" = "$want_out" ] || bad "baseline-for $*: printed '$out', expected '$want_out'"
}
# reason TEXT: the last command's stderr is one line that holds TEXT.
reason() {
	grep -qF "$1" "$tmp/err" || bad "no reason '$1' on stderr: $(cat "$tmp/err")"
	[ "$(wc -l <"$tmp/err")" -eq 1 ] || bad "not one line of reason: $(cat "$tmp/err")"
}

# The baselines: amd-pvm complete; intel-vmx without its summary.csv (what
# `bench compare` reads), so not a baseline.
b=$tmp/baselines
mkdir -p "$b/amd-pvm" "$b/intel-vmx"
cp "$fx/amd-pvm/env.csv" "$b/amd-pvm/"
echo "experiment,backend,workload,parameter,n_parallel,metric,unit,n,min,p50,p95,p99,max,mean,stddev" \
	>"$b/amd-pvm/summary.csv"
cp "$fx/intel-vendor/env.csv" "$b/intel-vmx/"

# The kinds: vendor from cpu_model (quoted, with a comma), or from
# cpu_vendor when the run has one (it wins over the model).
pick 0 amd-pvm --kind "$fx/amd-pvm"
pick 0 intel-pvm --kind "$fx/intel-pvm"
pick 0 intel-vmx --kind "$fx/intel-vendor"

# A kind with a baseline: its folder, without a doubled '/'.
pick 0 "$b/amd-pvm" --baselines "$b" "$fx/amd-pvm"
pick 0 "$b/amd-pvm" --baselines "$b/" "$fx/amd-pvm/"
# The default folder is results/baselines, relative to the repository's
# root; the committed baseline names its own kind.
pick 0 results/baselines/amd-pvm "$fx/amd-pvm"
pick 0 results/baselines/amd-pvm results/baselines/amd-pvm

# No baseline of that kind (this Intel PVM host's, for one): exit 3, one
# line naming the kind and the kinds committed.
pick 3 "" --baselines "$b" "$fx/intel-pvm"
reason "no baseline for this kind of host (intel-pvm) in $b/ (committed: amd-pvm)"
# A folder without summary.csv is no baseline.
pick 3 "" --baselines "$b" "$fx/intel-vendor"
reason "(intel-vmx)"
# A vendor neither AMD nor Intel: no baseline can be of its kind.
pick 3 "" --baselines "$b" "$fx/unknown"
reason "CPU vendor not recognised (cpu_model 'Fixture CPU')"
pick 3 "" --kind "$fx/unknown"

# Bad input: exit 2, one line.
pick 2 "" "$fx/no-flavour"
reason "has no kvm_flavour"
pick 2 "" --kind "$fx/bad-flavour"
reason "kvm_flavour '../amd-pvm' is not a flavour's name"
pick 2 "" --baselines "$b" "$tmp/no-such-run"
reason "env.csv: no such file"
pick 2 "" --baselines "$tmp/no-such-folder" "$fx/amd-pvm"
reason "opendir $tmp/no-such-folder: No such file or directory"
pick 2 ""
pick 2 "" "$fx/amd-pvm" "$fx/intel-pvm"
pick 2 "" --no-such-option "$fx/amd-pvm"

build/bench baseline-for --help | grep -q "usage: bench baseline-for" || bad "--help: no usage"
exit $fail
