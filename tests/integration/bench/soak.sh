#!/usr/bin/env bash
# The soak: many launches, a random 10% killed, and nothing may grow.
#
#   SOAK_N=10000 tests/integration/bench/soak.sh    (make soak)
#   tests/integration/bench/soak.sh                 (make test: SOAK_N=300)
#
# 1. bench --experiments soak: SOAK_N instances per backend (process,
#    container, microvm), half one after another, half in parallel
#    batches; a random 10% SIGKILLed (the workload, the container's PID 1,
#    the VMM); bench checks its own fds, children, heap, the host's mounts,
#    the run's cgroups, the processes in them and its temporary folders
#    before and after (bench/experiments/exp_soak.c) and exits 1 if one grew.
# 2. The harness killed: SOAK_N / 1000 (at least 3) such runs SIGKILLed at
#    a random moment; 5 s later nothing of the run may be left.
# 3. With SOAK_CLI=1 (make soak): minictr and minivm run as commands,
#    SOAK_N / 100 of each SIGKILLed at a random moment in their first
#    50 ms; nothing of theirs may be left (processes, cgroups).
# Host-wide figures (mounts, /tmp entries, open files, MemAvailable) are
# printed before and after for the record; other jobs on the machine move
# them too, so only the counts scoped to our own runs decide.
set -u
cd "$(dirname "$0")/../../.."
root=$(pwd)
bench=$root/build/bench
[ -x "$bench" ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (cgroups, containers)"; exit 0; }
N=${SOAK_N:-300}
CLI=${SOAK_CLI:-0}
out=$(mktemp -d /tmp/bench-soak.XXXXXX)
trap 'rm -rf "$out"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
t_start=$(date +%s)

host_figures() {
	echo "mounts $(wc -l </proc/self/mountinfo), /tmp entries $(ls -A /tmp | wc -l)," \
		"open files $(cut -f1 /proc/sys/fs/file-nr)," \
		"MemAvailable $(awk '/^MemAvailable/ { print $2 }' /proc/meminfo) KiB"
}
echo "host before: $(host_figures)"

# 1. Launches and instance kills, counted by bench itself.
backends=process,container,microvm
"$bench" --experiments soak --soak "$N" --backends $backends --out "$out/soak" 2>"$out/soak.err"
rc=$?
grep '^bench: soak: \|skip' "$out/soak.err"
[ $rc -eq 0 ] || { tail -5 "$out/soak.err"; fail "bench --experiments soak exited $rc"; }
for b in ${backends//,/ }; do
	grep -q "^skip.$b," "$out/soak/env.csv" && { echo "skip $b: $(grep "^skip.$b," "$out/soak/env.csv")"; continue; }
	line=$(grep "^soak.$b," "$out/soak/env.csv") || fail "no soak figures for $b"
	echo "$line" | grep -q "^soak.$b,\"$N launched, " || fail "$b: not $N launches: $line"
done

# 2. The harness killed at a random moment.
# The pids on stdin that are not zombies (see killed.sh).
alive() {
	while read -r p; do
		s=$(awk '{ sub(/.*\) /, ""); print substr($0, 1, 1) }' "/proc/$p/stat" 2>/dev/null)
		[ -n "$s" ] && [ "$s" != Z ] && echo "$p"
	done
}
run_left() {
	local procs cg tmp
	procs=$({
		ps -eo pid=,sid=,stat= | awk -v s="$1" '$2 == s && $3 !~ /^Z/ { print $1 }'
		grep -lE "$2-$1([/-]|$)" /proc/[0-9]*/cgroup 2>/dev/null | cut -d/ -f3
	} | sort -u | alive | wc -l)
	cg=$(find /sys/fs/cgroup -maxdepth 6 -type d -regextype egrep -regex ".*/$2-$1(-[0-9]+)?" 2>/dev/null | wc -l)
	tmp=$(ls -d /tmp/vmbench-runc."$1".* 2>/dev/null | wc -l)
	echo "$procs processes, $cg cgroups, $tmp folders"
}
rounds=$((N / 1000))
[ $rounds -ge 3 ] || rounds=3
for r in $(seq $rounds); do
	setsid "$bench" --experiments soak --soak "$N" --backends $backends --seed "$r" \
		--out "$out/killed-$r" 2>"$out/killed-$r.err" &
	pid=$!
	sleep "$(awk -v s="$RANDOM" 'BEGIN { printf "%.2f", 0.5 + s % 250 / 100 }')"
	kill -KILL $pid
	wait $pid 2>/dev/null
	sleep 5
	left=$(run_left $pid vmbench)
	[ "$left" = "0 processes, 0 cgroups, 0 folders" ] ||
		fail "bench $pid killed in round $r: $left left"
done
echo "harness killed $rounds times: nothing left"

# 3. minictr and minivm killed as commands (their own clean-up).
if [ "$CLI" = 1 ]; then
	m=$((N / 100))
	[ $m -ge 10 ] || m=10
	: >"$out/cli.pids"
	for i in $(seq $m); do
		setsid build/minictr run --rootfs build/image --quiet -- /bin/workload idle >/dev/null 2>&1 &
		c=$!
		setsid build/minivm run build/workload idle >/dev/null 2>&1 &
		v=$!
		echo "minictr $c" >>"$out/cli.pids"
		echo "minivm $v" >>"$out/cli.pids"
		sleep "0.0$((RANDOM % 5))"
		kill -KILL $c $v 2>/dev/null
		wait $c $v 2>/dev/null
	done
	sleep 2
	# A SIGKILLed minictr cannot remove its own cgroups: the next minictr
	# run removes those whose owner is gone, and says so (cgroup_stale.c).
	# That next run is part of the design under test: one more start.
	build/minictr run --rootfs build/image -- /bin/workload noop >/dev/null 2>"$out/next.err" ||
		fail "the minictr run after the kills failed: $(cat "$out/next.err")"
	bad=0
	while read -r what pid; do
		left=$(run_left "$pid" minictr)
		[ "$left" = "0 processes, 0 cgroups, 0 folders" ] && continue
		echo "$what $pid SIGKILLed: $left left"
		bad=$((bad + 1))
		# Clean up what it left, so the machine stays usable.
		find /sys/fs/cgroup -maxdepth 6 -depth -type d -regextype egrep \
			-regex ".*/minictr-$pid(-[0-9]+)?" -exec sh -c 'for p in $(cat "$1/cgroup.procs"); do kill -9 "$p"; done; sleep 0.2; rmdir "$1"' sh {} \; 2>/dev/null
	done <"$out/cli.pids"
	[ $bad -eq 0 ] || fail "$bad of $((2 * m)) killed minictr/minivm commands left something behind"
	echo "minictr and minivm killed $m times each: nothing left"
fi

echo "host after: $(host_figures)"
echo "soak of $N instances per backend: nothing grew ($(($(date +%s) - t_start)) s)"
