#!/usr/bin/env bash
# runtime/measure.sh - the start-up and memory figures of minictr beside
# unshare and bwrap, measured on the machine it runs on (a benchmark, not a
# test: run it by hand, as root, on a quiet machine; docs/labs.md, lab 1).
#
#   runtime/measure.sh startup [RUNS]   hyperfine -N: plain, unshare, bwrap, minictr
#   runtime/measure.sh ready [RUNS]     build/readytime: to READY and to exit, interleaved
#   runtime/measure.sh phases [RUNS]    p50 of each phase of minictr (--phases;
#                                       PARALLEL=--parallel for the helper variant)
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
	build/readytime "$runs" "$PROBE ready" \
		"$(command -v unshare) --pid --fork --mount --uts --ipc --net $PROBE ready" \
		"$(command -v bwrap) --unshare-all --ro-bind $IMAGE / /bin/ctrprobe ready" \
		"$MINICTR run --rootfs $IMAGE -- /bin/ctrprobe ready"
}

# p50 of the time from one phase stamp to the next, over RUNS starts.
phases() {
	local runs=${1:-100} i
	for i in $(seq "$runs"); do
		"$MINICTR" run --rootfs "$IMAGE" ${PARALLEL:-} --phases 3 -- /bin/ctrprobe ready 3>&1 >/dev/null |
			awk -v run="$i" 'NR > 1 { print run, $1, ($2 - prev) / 1000 } { prev = $2 }'
	done | python3 -c '
import sys, statistics
order, vals = [], {}
for line in sys.stdin:
    run, name, us = line.split()
    if name not in vals:
        order.append(name)
        vals[name] = []
    vals[name].append(float(us))
for name in order:
    print("%-14s p50 %7.0f us after the previous stamp" % (name, statistics.median(vals[name])))
'
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
memory) memory "${2:-100}" ;;
*)
	echo "usage: $0 startup [RUNS] | ready [RUNS] | phases [RUNS] | memory [N]" >&2
	exit 2
	;;
esac
