#!/usr/bin/env bash
# Nothing left behind, whoever dies: bench killed with SIGKILL during the
# density experiment, for every backend that can run here. Within 30 s no
# instance, cgroup or temporary folder of that run may remain (bench's
# watchdog cleans up; usually in under a second, but runc's containers are
# deleted one runc call each, which took over 5 s for 40 of them on a busy
# 2-core host). Then bench and its watchdog killed together (the
# whole process group): the next run removes what is left, and says so.
# Every count is scoped to the killed run: its pid is in the names of its
# cgroups and folders, and it leads a session of its own (setsid).
set -u
cd "$(dirname "$0")/../../.."
bench=$(pwd)/build/bench
[ -x "$bench" ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (cgroups, containers)"; exit 0; }
out=$(mktemp -d /tmp/bench-killed.XXXXXX)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The pids on stdin that are not zombies: a zombie has ended (here PID 1
# reaps orphans late), though its /proc/PID/cgroup still names its cgroup.
alive() {
	while read -r p; do
		s=$(awk '{ sub(/.*\) /, ""); print substr($0, 1, 1) }' "/proc/$p/stat" 2>/dev/null)
		[ -n "$s" ] && [ "$s" != Z ] && echo "$p"
	done
}
# Processes of run $1: its session, or in one of its cgroups.
run_procs() {
	{
		ps -eo pid=,sid=,stat= | awk -v s="$1" '$2 == s && $3 !~ /^Z/ { print $1 }'
		grep -lE "vmbench-$1([/-]|$)" /proc/[0-9]*/cgroup 2>/dev/null | cut -d/ -f3
	} | sort -u | alive | wc -l
}
run_cgroups() {
	find /sys/fs/cgroup -maxdepth 6 -type d -regextype egrep \
		-regex ".*/vmbench-$1(-[0-9]+)?" 2>/dev/null | wc -l
}
run_tmp() { ls -d /tmp/vmbench-runc."$1".* 2>/dev/null | wc -l; }
leftovers() { echo "$(run_procs "$1") processes, $(run_cgroups "$1") cgroups, $(run_tmp "$1") folders"; }
# What they are, for the failure message.
show() {
	local pids
	pids=$({
		ps -eo pid=,sid=,stat= | awk -v s="$1" '$2 == s && $3 !~ /^Z/ { print $1 }'
		grep -lE "vmbench-$1([/-]|$)" /proc/[0-9]*/cgroup 2>/dev/null | cut -d/ -f3
	} | sort -u | tr '\n' ,)
	[ -n "$pids" ] && ps -o pid,ppid,pgid,sid,stat,wchan:24,args -p "${pids%,}"
}
clean() { [ "$(leftovers "$1")" = "0 processes, 0 cgroups, 0 folders" ]; }

# Start a density run of backend $1 in a session of its own; wait until at
# least 8 of its instances are in their cgroups. Sets $pid; returns 1 if
# the backend cannot run here.
start_density() {
	local b=$1 tag=$2
	setsid "$bench" --experiments density --backends "$b" --jobs 4 \
		--density 64,128,256,512,1024,2048 --out "$out/$tag" 2>"$out/$tag.err" &
	pid=$!
	for _ in $(seq 300); do
		grep -q "^skip.$b," "$out/$tag/env.csv" 2>/dev/null && { wait $pid; return 1; }
		n=$(grep -lE "vmbench-$pid([/-]|$)" /proc/[0-9]*/cgroup 2>/dev/null | wc -l)
		[ "$n" -ge 8 ] && return 0
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	cat "$out/$tag.err"
	fail "$b: no 8 instances of run $pid came up"
}

ran=0
for b in process container microvm runc; do
	start_density "$b" "$b" || { echo "skip $b: $(grep "^skip.$b," "$out/$b/env.csv")"; continue; }
	ran=$((ran + 1))
	kill -KILL $pid
	wait $pid 2>/dev/null
	waited=0
	until clean $pid || [ $waited -ge 60 ]; do
		sleep 0.5
		waited=$((waited + 1))
	done
	clean $pid || { show $pid; cat "$out/$b.err"; fail "$b: 30 s after SIGKILL of bench: $(leftovers $pid) left"; }
	echo "$b: bench killed during density: nothing left after $((waited / 2)) s ($(grep -o 'ended without.*' "$out/$b.err"))"
done
[ $ran -gt 0 ] || fail "no backend could run here"

# The watchdog killed too: the next run cleans up, and says what it removed.
for b in runc container process; do
	start_density "$b" "group-$b" || continue
	kill -KILL -- -$pid # bench's process group: bench, its watchdog, its children
	wait $pid 2>/dev/null
	sleep 1
	before=$(leftovers $pid)
	"$bench" --experiments facts --backends process --out "$out/next-$b" 2>"$out/next-$b.err" ||
		fail "the run after a killed one failed: $(cat "$out/next-$b.err")"
	clean $pid || { show $pid; fail "$b: after the next run: $(leftovers $pid) of run $pid left"; }
	grep -q "removed what dead run $pid left" "$out/next-$b.err" ||
		fail "$b: the next run did not say what it removed (left before it: $before)"
	grep -q "^leftovers_removed,.*run $pid:" "$out/next-$b/env.csv" ||
		fail "$b: env.csv of the next run does not record what it removed"
	echo "$b: bench and watchdog killed ($before left); the next run: $(grep -o "removed what dead run $pid left.*" "$out/next-$b.err")"
	break
done
echo "bench killed: nothing left behind"
