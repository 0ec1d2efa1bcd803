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

# Where the runtime's cgroup module makes instance cgroups: under our own
# memory cgroup (v1), or our own v2 cgroup or the one above it (v2).
if [ "$root" = /sys/fs/cgroup ]; then
	own=$(sed -n 's/^0:://p' /proc/self/cgroup)
else
	own=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ { print $3 }' /proc/self/cgroup)
fi
[ "$own" = / ] && own=
places="$root$own"
[ "$root" = /sys/fs/cgroup ] && [ -n "$own" ] && places="$places $(dirname "$root$own")"

# The shell makes the instance cgroups vmbench-$$-1..40 in every place,
# then becomes bench (exec keeps the pid): bench finds its names taken.
runs=5
sh -c 'for d in $5; do for i in $(seq 40); do mkdir "$d/vmbench-$$-$i" || exit 1; done; done &&
	exec "$2" --quick --experiments memory --backends process --runs "$3" --out "$4"' \
	sh "$root" "$bench" "$runs" "$out/run" "$places" 2>"$out/err"
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
if [ -n "$pid" ]; then
	for d in $places; do
		! ls -d "$d/vmbench-$pid"-* >/dev/null 2>&1 || fail "$d/vmbench-$pid-* left behind"
	done
fi
