#!/usr/bin/env bash
# Where a microVM's memory goes: start N idle VMs (`build/minivm run
# build/workload idle`, the command bench's microvm backend runs) in one
# memory cgroup of their own, wait until every one has said READY, and
# print per VM:
#   - the fall of MemAvailable and of MemFree, and the kernel's own
#     categories from /proc/meminfo (Slab, KernelStack, PageTables,
#     SecPageTables = KVM's shadow/EPT/NPT tables, VmallocUsed, ...);
#   - what the cgroup was charged: user pages, and kernel memory (v1:
#     memory.kmem.usage_in_bytes; v2: memory.stat's kernel lines);
#   - the slab caches that grew most;
#   - one VMM's /proc/PID/smaps_rollup and page-table size (VmPTE).
# Kernel memory that no /proc/meminfo line names (pages KVM keeps in its
# per-vCPU caches, for one) shows only in the MemFree fall and the kmem
# charge. Other jobs on the machine move MemAvailable too: compare several
# runs, or larger N.
#
#   scripts/vm-memory.sh [N] [-- MINIVM-RUN-OPTIONS...]
#   scripts/vm-memory.sh 1000
#   scripts/vm-memory.sh 500 -- --mem 8
#
# Every VM is killed and the cgroup removed at the end, on Ctrl-C too.
# Needs root (cgroups, /dev/kvm). Exit status: 0 done; 1 a VM did not come
# up or a step failed; 2 bad command line.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;; esac
n=${1:-1000}
shift || true
[ "${1:-}" = "--" ] && shift
case "$n" in '' | *[!0-9]*) echo "usage: $0 [N] [-- MINIVM-RUN-OPTIONS...]" >&2; exit 2 ;; esac
[ -x build/minivm ] && [ -x build/workload ] || { echo "build/minivm or build/workload missing: run make" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "needs root (cgroups, /dev/kvm)" >&2; exit 1; }

tmp=$(mktemp -d /tmp/vm-memory.XXXXXX)
# v1 has a memory hierarchy of its own; v2 one tree (the memory controller
# must be enabled in the parent's cgroup.subtree_control, as on systemd).
if [ -d /sys/fs/cgroup/memory ] && [ -f /sys/fs/cgroup/memory/cgroup.procs ]; then
	cg=/sys/fs/cgroup/memory/vm-memory-$$
	v=1
else
	cg=/sys/fs/cgroup/vm-memory-$$
	v=2
fi
pids=()
cleanup() {
	trap - EXIT INT TERM
	[ ${#pids[@]} -gt 0 ] && kill -KILL "${pids[@]}" 2>/dev/null
	wait 2>/dev/null
	# The cgroup empties once its last task is reaped; rmdir then works.
	for _ in 1 2 3 4 5 6 7 8 9 10; do rmdir "$cg" 2>/dev/null && break; sleep 0.5; done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir "$cg"

# /proc/vm/stat_refresh folds the per-CPU counters in before each reading.
snap() {
	echo 1 >/proc/sys/vm/stat_refresh 2>/dev/null || true
	cp /proc/meminfo "$1"
	cp /proc/slabinfo "$1.slab" 2>/dev/null || : >"$1.slab"
}

sleep 1
snap "$tmp/before"
for i in $(seq "$n"); do
	(echo "$BASHPID" >"$cg/cgroup.procs" && exec build/minivm run "$@" build/workload idle) \
		>"$tmp/out.$i" 2>&1 &
	pids+=($!)
done
deadline=$((SECONDS + 60 + n / 20))
while [ "$(cat "$tmp"/out.* | grep -c '^READY')" -lt "$n" ]; do
	[ $SECONDS -lt $deadline ] || { echo "not every VM said READY in time; one said: $(grep -hv READY "$tmp"/out.* | head -1)" >&2; exit 1; }
	sleep 0.2
done
sleep 1 # the last VMs' pages land
snap "$tmp/after"

echo "$n VMs: minivm run $* build/workload idle ($(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1 /proc/loadavg))"
echo "-- /proc/meminfo, change per VM (KiB; MemAvailable and MemFree fall)"
join <(sort "$tmp/before") <(sort "$tmp/after") |
	awk -v n="$n" '{ d = ($4 - $2) / n; if ($1 ~ /^Mem(Available|Free):/) d = -d;
		if (d >= 0.5 || d <= -0.5) printf "  %-16s %8.1f\n", $1, d }'
echo "-- charged to the cgroup, per VM (KiB)"
if [ $v = 1 ]; then
	awk -v n="$n" '$1 == "total_rss" || $1 == "total_cache" { printf "  %-16s %8.1f\n", $1, $2 / 1024 / n }' "$cg/memory.stat"
	printf "  %-16s %8.1f\n" kmem "$(awk -v n="$n" '{ print $1 / 1024 / n }' "$cg/memory.kmem.usage_in_bytes")"
else
	awk -v n="$n" '$1 ~ /^(anon|file|kernel|kernel_stack|pagetables|sec_pagetables|percpu|slab|vmalloc)$/ {
		printf "  %-16s %8.1f\n", $1, $2 / 1024 / n }' "$cg/memory.stat"
fi
echo "-- slab caches that grew most, per VM (KiB)"
awk 'NR > 2 { print $1, $3 * $4 }' "$tmp/before.slab" | sort >"$tmp/b"
awk 'NR > 2 { print $1, $3 * $4 }' "$tmp/after.slab" | sort >"$tmp/a"
join "$tmp/b" "$tmp/a" | awk -v n="$n" '{ d = ($3 - $2) / n / 1024; if (d >= 0.5) printf "  %-28s %8.1f\n", $1, d }' |
	sort -k2 -nr | head -12
echo "-- one VMM (pid ${pids[0]}): smaps_rollup and page tables"
grep -E '^(Rss|Pss|Pss_Anon|Pss_File|Anonymous):' "/proc/${pids[0]}/smaps_rollup" | sed 's/^/  /'
grep -E '^(VmPTE|Threads):' "/proc/${pids[0]}/status" | sed 's/^/  /'
echo "  tasks: $(cat /proc/"${pids[0]}"/task/*/comm | tr '\n' ' ')"
