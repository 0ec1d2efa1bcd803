#!/usr/bin/env bash
# Ctrl-C (SIGINT) in the middle of a large density step: bench stops,
# tears down every instance it started, removes their cgroups, and exits
# 130 with env.csv saying interrupted. --jobs 1024: there is nearly always room
# for the next launch, so the launch loop never waits; it must look at the
# interrupt itself (exp_density.c). How soon it stops is not timed here.
set -u
cd "$(dirname "$0")/../../.."
[ -x build/bench ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (cgroups)"; exit 0; }
tmp=$(mktemp -d /tmp/bench-interrupt.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
cgroups_of() { find /sys/fs/cgroup -maxdepth 6 -type d -name "vmbench-$1-*" 2>/dev/null | wc -l; }
children_of() { pgrep -c -P "$1" -x workload; }

build/bench --backends process --experiments density --density 5000 --jobs 1024 --out "$tmp/run" \
	2>"$tmp/err" &
pid=$!
# Wait until it is launching: some instances up, far from all 5000.
for _ in $(seq 200); do
	[ "$(children_of $pid)" -ge 20 ] && break
	sleep 0.05
done
up=$(children_of $pid)
kill -INT $pid
wait $pid
rc=$?
[ "$up" -ge 20 ] || bad "bench never had 20 instances up (it had $up)"
[ $rc = 130 ] || bad "exit $rc after SIGINT, want 130"
grep -q '^interrupted,yes' "$tmp/run/env.csv" || bad "env.csv does not say interrupted"
grep -q '^density.stop.process,interrupted' "$tmp/run/env.csv" || bad "density.stop.process: $(grep density.stop "$tmp/run/env.csv")"
left=$(ps -eo ppid=,comm= | awk -v p=$pid '$1 == p' | wc -l)
[ "$left" = 0 ] || bad "$left children of bench left"
[ "$(cgroups_of $pid)" = 0 ] || bad "$(cgroups_of $pid) cgroups of the run left"
[ $fail = 0 ] && echo "interrupt: SIGINT with $up instances up: exit 130, nothing left"
exit $fail
