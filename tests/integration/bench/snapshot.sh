#!/usr/bin/env bash
# The warm microVM backend (microvm-snap) in a real run: it starts the
# workload (READY, status 0: start-up samples, no failure), its phases are
# a VM's without the guest kernel's entry, and the report lists it but
# judges no claim against it (the claims are about cold start). Needs
# root and /dev/kvm (else skipped).
set -u
cd "$(dirname "$0")/../../.."
bench=build/bench
[ -x "$bench" ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
	echo "skip: /dev/kvm is not usable here"
	exit 77
fi
out=$(mktemp -d /tmp/bench-snap.XXXXXX)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

timeout 120 "$bench" --quick --runs 4 --backends process,container,microvm,microvm-snap \
	--experiments facts,startup --out "$out/run" 2>"$out/stderr" ||
	{ cat "$out/stderr"; fail "bench exited $?"; }
n=$(awk -F, '$1 == "startup" && $2 == "microvm-snap" && $7 == "startup"' "$out/run/samples.csv" | wc -l)
[ "$n" -eq 4 ] || fail "microvm-snap: $n start-up samples, want 4"
! grep -q '^\(fail\|skip\|cut\)\.microvm-snap' "$out/run/env.csv" ||
	fail "microvm-snap failed or was skipped: $(grep microvm-snap "$out/run/env.csv")"
phases=$(awk -F, '$2 == "microvm-snap" { print $5 }' "$out/run/phases.csv" | sort -u | tr '\n' ' ')
for p in forked cgroup_joined kvm_opened vm_created memory_mapped vcpu_ready first_syscall program_exit; do
	[[ " $phases" == *" $p "* ]] || fail "phase $p missing: $phases"
done
[[ " $phases" != *" guest_entered "* ]] || fail "a warm start stamped guest_entered"
grep -q '^microvm-snap,uname,minivm' "$out/run/facts.csv" || fail "facts: not the guest kernel's uname"

"$bench" report "$out/run" >/dev/null 2>"$out/report.err" || { cat "$out/report.err"; fail "bench report"; }
grep -q '^| microvm-snap | .*warm' "$out/run/REPORT.md" || fail "REPORT.md does not list microvm-snap as warm"
grep -q 'A _warm_ backend (microvm-snap)' "$out/run/REPORT.md" || fail "REPORT.md does not say why it is not judged"
! grep -q ',microvm-snap,' "$out/run/verdicts.csv" || fail "verdicts.csv judges microvm-snap"
grep -q ',microvm,' "$out/run/verdicts.csv" || fail "verdicts.csv does not judge the cold microvm"
echo "ok: microvm-snap ran 4 warm starts with a VM's phases; the report lists it, the claims leave it out"
