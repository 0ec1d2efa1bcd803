#!/usr/bin/env bash
# build/bench --quick (made shorter still): its files exist, parse (every
# row has its header's column count), and hold every backend x experiment
# pair or a recorded skip with its reason (a backend that can run here and
# failed an experiment fails the test); every measured instance charged its
# own cgroup (it joined it). Then an interrupted run: it
# exits non-zero, says interrupted=yes, and leaves no instance or cgroup.
set -u
cd "$(dirname "$0")/../../.."
bench=build/bench
[ -x "$bench" ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
out=$(mktemp -d /tmp/bench-quick.XXXXXX)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# Count the fields of each CSV row (RFC 4180 quotes; portable awk).
columns() {
	awk '{
		n = 1; q = 0
		for (i = 1; i <= length($0); i++) {
			c = substr($0, i, 1)
			if (c == "\"") q = !q
			else if (c == "," && !q) n++
		}
		print n
	}' "$1" | sort -u
}

timeout 85 "$bench" --quick --runs 3 --density 1,2,4 --out "$out/run" 2>"$out/stderr"
rc=$?
[ $rc -eq 0 ] || { cat "$out/stderr"; fail "bench --quick exited $rc"; }

declare -A want=([samples.csv]=9 [summary.csv]=15 [phases.csv]=6 [env.csv]=2 [facts.csv]=3)
for f in "${!want[@]}"; do
	[ -s "$out/run/$f" ] || fail "$f missing or empty"
	cols=$(columns "$out/run/$f")
	[ "$cols" = "${want[$f]}" ] || fail "$f: rows of $cols columns, want ${want[$f]}"
done
head -1 "$out/run/summary.csv" | grep -qx 'experiment,backend,workload,parameter,n_parallel,metric,unit,n,min,p50,p95,p99,max,mean,stddev' ||
	fail "summary.csv header"

env() { awk -F, -v k="$1" '$1 == k { sub(/^[^,]*,/, ""); print; exit }' "$out/run/env.csv"; }
for k in date host kernel cpu_model cores kvm_flavour cgroup_version compiler git_commit quick interrupted harness_overhead_ns duration_s; do
	[ -n "$(env $k)" ] || fail "env.csv has no $k"
done
[ "$(env quick)" = yes ] || fail "quick is not yes"
[ "$(env interrupted)" = no ] || fail "interrupted is not no"
[[ "$(env harness_overhead_ns)" =~ ^[0-9]+$ ]] || fail "harness_overhead_ns not a number"
# Where memory cgroups exist, the run says what one cost to make (every
# start-up includes one), and the probe's own cgroups are gone.
if [ "$(env cgroup_version)" != none ]; then
	[[ "$(env cgroup_mkdir_us)" =~ ^[0-9]+$ ]] && [ "$(env cgroup_mkdir_us)" -gt 0 ] ||
		fail "env.csv: cgroup_mkdir_us '$(env cgroup_mkdir_us)' is not a positive number"
	# (another run on the machine may be probing now: only a dead
	# owner's probe cgroup is a leftover)
	for d in $(find /sys/fs/cgroup -maxdepth 6 -type d -name 'vmbench-*-0' 2>/dev/null); do
		pid=${d##*/vmbench-}
		pid=${pid%-0}
		[ -d "/proc/$pid" ] || fail "the cgroup probe of run $pid left $d"
	done
fi

# p50 of a summary.csv series: experiment backend workload metric.
p50() { awk -F, -v e="$1" -v b="$2" -v w="$3" -v m="$4" '$1 == e && $2 == b && $3 == w && $6 == m { print $10; exit }' "$out/run/summary.csv"; }
for b in process container container-sharednet microvm linuxvm runc; do
	skip=$(env "skip.$b")
	if [ -n "$skip" ]; then
		echo "skip.$b: $skip"
		continue
	fi
	for e in startup memory overhead density; do
		grep -q "^$e,$b," "$out/run/summary.csv" && continue
		# A default backend that can run here (not skipped) must
		# produce figures: a recorded failure is a broken backend.
		# Only a cut (its samples took too long in all, on a loaded
		# machine) is excused.
		cut=$(env "cut.$b.$e")
		[ -n "$cut" ] || fail "no $e figures for $b, which can run here: $(env "fail.$b.$e")"
		echo "warning: $b $e cut as too slow: $cut"
	done
	grep -q "^$b,uname," "$out/run/facts.csv" || fail "no uname fact for $b"
	grep -q "^$b,pid," "$out/run/facts.csv" || fail "no isolation facts for $b"
	# Every backend's instance runs in its own cgroup, joined before it
	# touches memory: the cgroup is charged (an instance that never
	# joined leaves it empty, 0 KiB).
	cg=$(p50 memory "$b" idle cgroup)
	if grep -q "^memory,$b," "$out/run/summary.csv"; then
		[ -n "$cg" ] || fail "$b: no cgroup figure in the memory experiment"
		awk -v v="$cg" 'BEGIN { exit !(v > 0) }' || fail "$b: cgroup p50 $cg KiB: the instance did not join its cgroup"
	fi
done
grep -q '^startup,process,noop,,1,startup,us,3,' "$out/run/summary.csv" || fail "process startup: not 3 samples"

# Interrupted: SIGINT during a long startup series.
"$bench" --experiments startup --runs 100000 --out "$out/int" 2>"$out/int.err" &
pid=$!
sleep 1.5
kill -INT $pid
wait $pid
rc=$?
[ $rc -ne 0 ] || fail "interrupted run exited 0"
grep -qx 'interrupted,yes' "$out/int/env.csv" || fail "interrupted run not marked interrupted=yes"
[ "$(columns "$out/int/samples.csv")" = 9 ] || fail "interrupted samples.csv has a broken row"
wl=$(readlink -f build/workload)
for p in /proc/[0-9]*; do
	[ "$(readlink "$p/exe" 2>/dev/null)" = "$wl" ] && fail "workload ${p#/proc/} still alive after the run"
done
left=$(find /sys/fs/cgroup -maxdepth 6 -type d -regextype egrep -regex ".*/vmbench-$pid(-[0-9]+)?" 2>/dev/null)
[ -z "$left" ] || fail "cgroups left behind: $left"
echo "bench quick run: files valid, every backend measured or skipped"
