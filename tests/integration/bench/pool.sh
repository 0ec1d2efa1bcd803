#!/usr/bin/env bash
# The pre-warmed microVM backend (microvm-pool) in a real run: each VM is
# restored ahead of its start and paused at minivm's gate, so the timed
# start is a resume. It starts the workload (READY, status 0: 4 start-up
# samples, no failure); its phases begin at `resumed`, after t0 (none of
# the construction before the gate, no negative time) and run in order;
# the work before t0 is reported (the provision metric); the report
# lists it as warm and judges no claim with it; and nothing is left
# behind (no worker, no cgroup of the run), after a whole run and after
# SIGINT in the middle of its start-up samples. Needs /dev/kvm (else
# skipped). Every count is scoped to one run: bench leads a session of
# its own (setsid), and its pid is in its cgroups' names.
set -u
cd "$(dirname "$0")/../../.."
bench=build/bench
[ -x "$bench" ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
	echo "skip: /dev/kvm is not usable here"
	exit 77
fi
out=$(mktemp -d /tmp/bench-pool.XXXXXX)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# What run $1 left: processes of its session (not zombies) or in its
# cgroups, and its cgroups.
left() {
	local procs cgs
	procs=$({
		ps -eo pid=,sid=,stat= | awk -v s="$1" '$2 == s && $3 !~ /^Z/ { print $1 }'
		grep -lE "vmbench-$1-" /proc/[0-9]*/cgroup 2>/dev/null | cut -d/ -f3
	} | sort -u | wc -l)
	cgs=$(find /sys/fs/cgroup -maxdepth 6 -type d -name "vmbench-$1-*" 2>/dev/null | wc -l)
	echo "$procs processes, $cgs cgroups"
}
# Wait up to 5 s for run $1 to have left nothing (a reaped VM's memory
# and cgroup go a moment after its exit).
nothing_left() {
	for _ in $(seq 50); do
		[ "$(left "$1")" = "0 processes, 0 cgroups" ] && return 0
		sleep 0.1
	done
	return 1
}

setsid "$bench" --quick --runs 4 --backends process,microvm-snap,microvm-pool \
	--experiments facts,startup --out "$out/run" 2>"$out/stderr" &
pid=$!
wait $pid || { cat "$out/stderr"; fail "bench exited $?"; }
nothing_left $pid || fail "after the run: $(left $pid) left"
s=$out/run/samples.csv
n=$(awk -F, '$1 == "startup" && $2 == "microvm-pool" && $7 == "startup"' "$s" | wc -l)
[ "$n" -eq 4 ] || fail "microvm-pool: $n start-up samples, want 4"
! grep -q '^\(fail\|skip\|cut\)\.microvm-pool' "$out/run/env.csv" ||
	fail "microvm-pool failed or was skipped: $(grep microvm-pool "$out/run/env.csv")"
# The work moved off the clock is still reported, once per sample, and is
# not nothing (a fork, a VM, its memory and vCPU).
n=$(awk -F, '$1 == "startup" && $2 == "microvm-pool" && $7 == "provision" && $8 == "us" && $9 > 0' "$s" | wc -l)
[ "$n" -eq 4 ] || fail "microvm-pool: $n provision samples, want 4"
grep -q '^startup,microvm-pool,noop,,1,provision,us,4,' "$out/run/summary.csv" || fail "summary.csv: no provision row"
! awk -F, '$2 != "microvm-pool" && $7 == "provision"' "$s" | grep -q . || fail "another backend has a provision figure"
# Phases: from resumed on, each at or after t0 and after the one before.
awk -F, '$2 == "microvm-pool" {
	if ($6 < 0) { print "FAIL: iteration " $4 ": " $5 " at " $6 " ns, before t0"; bad = 1 }
	rank["resumed"] = 1; rank["first_syscall"] = 2; rank["program_exit"] = 3; rank["vm_destroyed"] = 4
	if (!($5 in rank)) { print "FAIL: phase " $5 " of a pooled VM (its construction was before t0)"; bad = 1; next }
	at[$4, rank[$5]] = $6; its[$4] = 1 }
	END {
		for (i in its) for (r = 1; r <= 4; r++) {
			if (!((i, r) in at)) { print "FAIL: iteration " i ": phase " r " missing"; bad = 1; continue }
			if (r > 1 && at[i, r] < at[i, r - 1]) { print "FAIL: iteration " i ": phases out of order"; bad = 1 }
		}
		if (length(its) != 4) { print "FAIL: phases of " length(its) " iterations, want 4"; bad = 1 }
		exit bad }' "$out/run/phases.csv" || exit 1
grep -q '^microvm-pool,uname,minivm' "$out/run/facts.csv" || fail "facts: not the guest kernel's uname"

"$bench" report "$out/run" >/dev/null 2>"$out/report.err" || { cat "$out/report.err"; fail "bench report"; }
r=$out/run/REPORT.md
grep -q '^| microvm-pool | .*its start is a resume; warm' "$r" || fail "REPORT.md does not list microvm-pool as warm"
grep -q '_warm_ backends (microvm-snap, microvm-pool)' "$r" || fail "REPORT.md does not say why neither is judged"
grep -q 'Pre-warmed (microvm-pool)' "$r" || fail "REPORT.md does not say what the pool's clock leaves out"
grep -q '^microvm-pool, before each start .*`provision`' "$r" || fail "REPORT.md does not show the provision figure"
! grep -q ',microvm-pool,' "$out/run/verdicts.csv" || fail "verdicts.csv judges microvm-pool"

# Ctrl-C in the middle of the start-up samples, at three moments (a
# VM being provisioned, paused, or running): exit 130, nothing left.
for delay in 0.3 0.55 0.8; do
	setsid "$bench" --runs 200 --warmup 0 --backends microvm-pool --experiments startup \
		--out "$out/int$delay" 2>"$out/int.err" &
	pid=$!
	# Until its start-up samples have begun (bench says so on stderr).
	for _ in $(seq 100); do
		grep -q 'startup \.\.\.$' "$out/int.err" && break
		sleep 0.05
	done
	grep -q 'startup \.\.\.$' "$out/int.err" || { cat "$out/int.err"; fail "run $pid never began its samples"; }
	sleep "$delay"
	kill -INT $pid
	wait $pid
	rc=$?
	[ $rc = 130 ] || { cat "$out/int.err"; fail "exit $rc after SIGINT, want 130"; }
	nothing_left $pid || fail "after SIGINT at +$delay s: $(left $pid) left"
done
echo "ok: microvm-pool ran 4 resumed starts (phases from resumed, provision reported, not judged); nothing left after a run or SIGINT"
