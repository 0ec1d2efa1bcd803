#!/usr/bin/env bash
# minictr killed with SIGKILL: its container dies with it, at any moment
# (PR_SET_PDEATHSIG, with the check for a parent that died before it was
# set), and the cgroups it could not remove (memory, pids, devices) are
# removed by the next run, which says so.
set -u
. "$(dirname "$0")/common.inc"

KILLS=${KILLS:-20}
EARLY=${EARLY:-200}
work=$ROOT/build/pdeath-test.$$
mkdir -p "$work"
magic=$((900000 + $$ % 99999)) # "ctrprobe sleep $magic": this test's containers
# this test's containers only, by their pids
kill_ours() {
	local p
	for p in $(pgrep -f "ctrprobe sleep $magic\$"); do
		kill -KILL "$p" 2>/dev/null
	done
}
cleanup() {
	kill_ours
	rm -rf "$work"
}
trap cleanup EXIT

# 1. SIGKILL after READY, with a pids limit where the host has one (on v1
# a pids cgroup too)
owners=()
for i in $(seq "$KILLS"); do
	"$MINICTR" run --rootfs "$IMAGE" "${LIMITS[@]}" -- /bin/ctrprobe sleep $magic >"$work/out.$i" &
	pid=$!
	for _ in $(seq 100); do
		grep -q READY "$work/out.$i" 2>/dev/null && break
		sleep 0.02
	done
	grep -q READY "$work/out.$i" || fail "run $i: no READY"
	kill -KILL $pid
	wait $pid 2>/dev/null
	owners+=("$pid")
done
# the containers die with minictr
for _ in $(seq 50); do
	pgrep -f "ctrprobe sleep $magic\$" >/dev/null || break
	sleep 0.1
done
left=$(pgrep -fc "ctrprobe sleep $magic\$")
[ "$left" -eq 0 ] && echo "$KILLS kills after READY: every container died with minictr" ||
	fail "$left containers still run after minictr was killed"
stale=0
for p in "${owners[@]}"; do
	stale=$((stale + $(find /sys/fs/cgroup -maxdepth 6 -type d -name "minictr-$p-*" 2>/dev/null | wc -l)))
done
echo "cgroups the killed runs left: $stale"
# the next run removes them, and says so
err=$("$MINICTR" run --rootfs "$IMAGE" -- /bin/ctrprobe exit 0 2>&1) || fail "next run: $?"
echo "next run: $err"
if [ "$stale" -gt 0 ]; then
	printf '%s\n' "$err" | grep -q "removed .* left by runs that died" || fail "the next run did not say what it removed"
fi
for p in "${owners[@]}"; do
	n=$(find /sys/fs/cgroup -maxdepth 6 -type d -name "minictr-$p-*" 2>/dev/null | wc -l)
	[ "$n" -eq 0 ] || fail "cgroups of killed run $p still there after the next run"
done

# 2. SIGKILL at random moments of the start-up, when PR_SET_PDEATHSIG may
# not be set yet: no container may outlive its minictr.
for i in $(seq "$EARLY"); do
	"$MINICTR" run --rootfs "$IMAGE" -- /bin/ctrprobe sleep $magic >/dev/null 2>&1 &
	pid=$!
	# 0 to ~3 ms after the fork
	[ $((i % 4)) -ne 0 ] && sleep "0.00$((RANDOM % 4))"
	kill -KILL $pid
	wait $pid 2>/dev/null
done
sleep 1
left=$(pgrep -fc "ctrprobe sleep $magic\$")
echo "$EARLY kills during start-up: $left containers outlived minictr"
[ "$left" -eq 0 ] || fail "$left containers outlived their minictr"
"$MINICTR" run --rootfs "$IMAGE" --quiet -- /bin/ctrprobe exit 0 2>/dev/null || fail "clean-up run"
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "pdeath: ok"
