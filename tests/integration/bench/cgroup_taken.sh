#!/usr/bin/env bash
# Fail closed: a cgroup directory bench wants is there already (a dead
# run's, whose pid the kernel gave to this one). bench must not lose
# samples silently: every memory sample keeps its cgroup figure (the
# leftover is removed, and said), or the failure is recorded and the run
# exits non-zero.
set -u
cd "$(dirname "$0")/../../.."
bench=$(pwd)/build/bench
[ -x "$bench" ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (cgroups)"; exit 0; }
if [ -e /sys/fs/cgroup/cgroup.controllers ]; then
	root=/sys/fs/cgroup
elif [ -e /sys/fs/cgroup/memory/memory.usage_in_bytes ]; then
	root=/sys/fs/cgroup/memory
else
	echo "SKIP: no memory cgroup controller"
	exit 0
fi
out=$(mktemp -d /tmp/bench-cgtaken.XXXXXX)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# The shell makes vmbench-$$ with the instance cgroups i1..i40 in it, then
# becomes bench (exec keeps the pid): bench finds its names taken.
runs=5
sh -c 'mkdir -p "$1/vmbench-$$" && for i in $(seq 40); do mkdir "$1/vmbench-$$/i$i"; done &&
	exec "$2" --quick --experiments memory --backends process --runs "$3" --out "$4"' \
	sh "$root" "$bench" "$runs" "$out/run" 2>"$out/err"
rc=$?
pid=$(grep -o 'dead run [0-9]*' "$out/err" | head -1 | cut -d' ' -f3)

awk -F, '$1 == "memory" && $2 == "process" && $6 == "cgroup" { print $3, $8 }' "$out/run/summary.csv" >"$out/cgroup_n"
awk -F, '$1 == "memory" && $2 == "process" && $6 == "pss" { print $3, $8 }' "$out/run/summary.csv" >"$out/pss_n"
failed=$(grep -c '^fail\.process\.memory,' "$out/run/env.csv")
if [ $rc -eq 0 ]; then
	[ "$failed" = 0 ] || fail "exit 0 with failed samples: $(grep '^fail' "$out/run/env.csv")"
	[ -s "$out/pss_n" ] || { cat "$out/err"; fail "no memory samples at all"; }
	cmp -s "$out/cgroup_n" "$out/pss_n" ||
		fail "samples lost silently: cgroup n per workload: $(tr '\n' ' ' <"$out/cgroup_n"), pss n: $(tr '\n' ' ' <"$out/pss_n")"
	grep -q "removed .*vmbench-\|removed what dead run" "$out/err" || fail "the taken cgroup was not reported"
	echo "taken cgroup: removed and reported; every sample has its figure ($(tr '\n' ' ' <"$out/cgroup_n"))"
else
	[ "$failed" != 0 ] || fail "exit $rc without a fail entry in env.csv"
	echo "taken cgroup: run failed ($rc) and recorded it: $(grep '^fail' "$out/run/env.csv")"
fi
[ -z "$pid" ] || [ ! -e "$root/vmbench-$pid" ] || fail "$root/vmbench-$pid left behind"
