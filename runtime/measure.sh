#!/usr/bin/env bash
# runtime/measure.sh - the start-up and memory figures of minictr beside
# unshare and bwrap, measured on the machine it runs on (a benchmark, not a
# test: run it by hand, as root, on a quiet machine; docs/labs.md, lab 1).
#
#   runtime/measure.sh startup [RUNS]   hyperfine -N: plain, unshare, bwrap, minictr
#   runtime/measure.sh ready [RUNS]     build/abtime --ready: to READY and to exit, interleaved
#   runtime/measure.sh phases [RUNS]    p50 of each phase of minictr (--phases;
#                                       PARALLEL=--parallel for the helper variant;
#                                       OTHER=BIN: another minictr beside it, interleaved)
#   runtime/measure.sh cgroup [RUNS]    p50 of mkdir and rmdir of a cgroup beside
#                                       ours, per v1 hierarchy (or v2): what
#                                       minictr's "cgroup" step costs here
#   runtime/measure.sh memory [N]       MemAvailable fall per idle instance,
#                                       N containers vs N plain processes
#                                       (ROUNDS=5 rounds, interleaved)
set -euo pipefail
cd "$(dirname "$0")/.."
IMAGE=$PWD/build/image
MINICTR=$PWD/build/minictr
PROBE=$IMAGE/bin/ctrprobe

startup() {
	local runs=${1:-100}
	hyperfine -N --warmup 10 --runs "$runs" --export-json /tmp/minictr-startup.json \
		"$PROBE ready" \
		"unshare --pid --fork --mount --uts --ipc --net $PROBE ready" \
		"bwrap --unshare-all --ro-bind $IMAGE / /bin/ctrprobe ready" \
		"$MINICTR run --rootfs $IMAGE -- /bin/ctrprobe ready" >/dev/null
	python3 - <<'PY'
import json, statistics
for r in json.load(open('/tmp/minictr-startup.json'))['results']:
    t = sorted(r['times'])
    print('p50 %6.2f ms  p95 %6.2f ms  %s' % (statistics.median(t) * 1e3,
          t[int(len(t) * 0.95) - 1] * 1e3, r['command']))
PY
}

ready() {
	local runs=${1:-100}
	build/abtime --runs "$runs" --ready "$PROBE ready" \
		"$(command -v unshare) --pid --fork --mount --uts --ipc --net $PROBE ready" \
		"$(command -v bwrap) --unshare-all --ro-bind $IMAGE / /bin/ctrprobe ready" \
		"$MINICTR run --rootfs $IMAGE -- /bin/ctrprobe ready"
}

# p50 of the time from one phase stamp to the next, over RUNS starts; with
# OTHER=/path/to/another/minictr (a build of another commit) both are run,
# interleaved start by start, and printed side by side.
phases() {
	local runs=${1:-100} i bin bins=("$MINICTR")
	[ -n "${OTHER:-}" ] && bins=("$OTHER" "$MINICTR")
	for i in $(seq "$runs"); do
		for bin in "${bins[@]}"; do
			"$bin" run --rootfs "$IMAGE" ${PARALLEL:-} --phases 3 -- /bin/ctrprobe ready 3>&1 >/dev/null |
				awk -v bin="$bin" 'NR > 1 { print bin, $1, ($2 - prev) / 1000 } { prev = $2 }'
		done
	done | python3 -c '
import sys, statistics
order, bins, vals = [], [], {}
for line in sys.stdin:
    bin, name, us = line.split()
    if name not in order:
        order.append(name)
    if bin not in bins:
        bins.append(bin)
    vals.setdefault((bin, name), []).append(float(us))
for b in bins:
    print("# column %d: %s" % (bins.index(b) + 1, b))
print("%-14s %s   (p50 us after the previous stamp)" % ("phase", "".join("%9d" % (i + 1) for i in range(len(bins)))))
for name in order + ["sum of p50s"]:
    row = []
    for b in bins:
        if name == "sum of p50s":
            row.append(sum(statistics.median(vals[(b, n)]) for n in order if (b, n) in vals))
        else:
            row.append(statistics.median(vals.get((b, name), [0])))
    print("%-14s %s" % (name, "".join("%9.0f" % v for v in row)))
'
}

# mkdir + rmdir of an empty cgroup next to the caller's, RUNS times in each
# hierarchy minictr uses (v1 memory, pids, devices; or the v2 directory),
# interleaved: the kernel's cost of the container's cgroups, which does not
# depend on minictr. On v1 and v2 alike a memory cgroup's mkdir allocates
# per-cgroup shrinker state sized by the most memcg-aware shrinkers (about
# one per mounted superblock) the machine ever had at once since boot, so
# it grows after a run with many containers and stays (README, "Where the
# time goes").
cgroup_cost() {
	local runs=${1:-100}
	python3 - "$runs" <<'PY'
import os, statistics, sys, time
runs = int(sys.argv[1])
dirs = {}
for line in open('/proc/self/cgroup'):
    _, ctrls, path = line.rstrip('\n').split(':', 2)
    for c in (ctrls.split(',') if ctrls else ['']):
        base = '/sys/fs/cgroup/' + c if c else '/sys/fs/cgroup'
        if c in ('memory', 'pids', 'devices', '') and os.path.isdir(base + path):
            dirs[c or 'v2'] = base + path
if 'memory' in dirs or 'pids' in dirs or 'devices' in dirs:
    dirs.pop('v2', None)
times = {k: ([], []) for k in dirs}
for i in range(runs):
    for k, d in dirs.items():
        p = '%s/measure-cgroup-%d-%d' % (d, os.getpid(), i)
        t0 = time.perf_counter_ns()
        os.mkdir(p)
        t1 = time.perf_counter_ns()
        os.rmdir(p)
        t2 = time.perf_counter_ns()
        times[k][0].append((t1 - t0) / 1000)
        times[k][1].append((t2 - t1) / 1000)
for k, (mk, rm) in times.items():
    print('%-8s mkdir p50 %7.0f us  rmdir p50 %7.0f us  (%s)' %
          (k, statistics.median(mk), statistics.median(rm), dirs[k]))
PY
}

mem_available() {
	awk '/^MemAvailable:/ { print $2 }' /proc/meminfo
}

# Start N instances of "$@" (each prints READY, then sleeps), wait for all
# READY lines, let memory settle, print the MemAvailable fall per instance
# in KiB, then stop them all.
fall_per_instance() {
	local n=$1 before after pids=() fifo i
	shift
	fifo=$(mktemp -u)
	mkfifo "$fifo"
	exec 7<>"$fifo"
	rm -f "$fifo"
	sync
	sleep 1
	before=$(mem_available)
	for i in $(seq "$n"); do
		"$@" >&7 &
		pids+=($!)
	done
	for i in $(seq "$n"); do
		read -r -u 7 _
	done
	sleep 2
	after=$(mem_available)
	kill -TERM "${pids[@]}" 2>/dev/null || true
	wait "${pids[@]}" 2>/dev/null || true
	exec 7>&-
	echo $(((before - after) / n))
}

# ROUNDS rounds of (N plain processes, N containers), interleaved; the
# median of each. MemAvailable moves with everything else on the machine,
# so one round means little on a shared host.
memory() {
	local n=${1:-100} rounds=${ROUNDS:-5} r plain=() ctr=()
	for r in $(seq "$rounds"); do
		plain+=("$(fall_per_instance "$n" "$PROBE" sleep 100000)")
		ctr+=("$(fall_per_instance "$n" "$MINICTR" run --rootfs "$IMAGE" -- /bin/ctrprobe sleep 100000)")
		echo "round $r: plain ${plain[-1]} KiB, container ${ctr[-1]} KiB" >&2
	done
	python3 - "$n" "${plain[*]}" "${ctr[*]}" <<'PY'
import statistics, sys
n, plain, ctr = sys.argv[1], [int(x) for x in sys.argv[2].split()], [int(x) for x in sys.argv[3].split()]
p, c = statistics.median(plain), statistics.median(ctr)
print("MemAvailable fall per idle instance, N=%s, median of %d rounds: plain process %.0f KiB, "
      "minictr container %.0f KiB (its minictr supervisor included), difference %.0f KiB"
      % (n, len(plain), p, c, c - p))
PY
}

case "${1:-}" in
startup) startup "${2:-100}" ;;
phases) phases "${2:-100}" ;;
ready) ready "${2:-100}" ;;
cgroup) cgroup_cost "${2:-100}" ;;
memory) memory "${2:-100}" ;;
*)
	echo "usage: $0 startup [RUNS] | ready [RUNS] | phases [RUNS] | cgroup [RUNS] | memory [N]" >&2
	exit 2
	;;
esac
