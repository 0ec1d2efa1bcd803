#!/usr/bin/env bash
# cgroup limits and endings: past --mem is OOM-killed and reported, past
# --pids cannot fork, --timeout kills with 124, SIGTERM to minictr kills the
# container with 143; nothing is left behind.
set -u
. "$(dirname "$0")/common.inc"

# Where minictr cannot set a limit it says so and runs without it: then
# there is nothing to test here.
warn=$("$MINICTR" run --rootfs "$IMAGE" --mem 64 --pids 64 -- /bin/ctrprobe exit 0 2>&1)
case $warn in
*"no memory cgroup"* | *"no pids cgroup"*) skip "cgroup controllers unavailable: $warn" ;;
esac

err=$("$MINICTR" run --rootfs "$IMAGE" --mem 32 -- /bin/ctrprobe hog 200 2>&1 >/dev/null)
rc=$?
echo "hog: status $rc: $err"
[ $rc -eq 137 ] || fail "allocating past --mem: status $rc, not 137"
printf '%s\n' "$err" | grep -q 'out of memory' || fail "no out-of-memory message"
"$MINICTR" run --rootfs "$IMAGE" --mem 64 -- /bin/ctrprobe hog 16 >/dev/null ||
	fail "16 MiB under a 64 MiB limit failed"

out=$("$MINICTR" run --rootfs "$IMAGE" --pids 5 -- /bin/ctrprobe fork 20)
echo "$out"
forked=$(value forked "$out")
[ -n "$forked" ] && [ "$forked" -lt 20 ] || fail "forked $forked of 20 under --pids 5"
[ "$(value fork_error "$out")" != none ] || fail "fork never failed"
out=$("$MINICTR" run --rootfs "$IMAGE" --pids 50 -- /bin/ctrprobe fork 20)
[ "$(value forked "$out")" = 20 ] || fail "20 forks under --pids 50: $out"

# --pids 1 leaves no room for the --parallel helper: the first process
# makes the namespaces itself, and the container still gets them.
out=$("$MINICTR" run --rootfs "$IMAGE" --pids 1 --parallel -- /bin/ctrprobe probe) || fail "--pids 1: $?"
[ "$(value net_ifaces "$out")" = lo ] || fail "--pids 1: interfaces $(value net_ifaces "$out")"

start=$(date +%s)
"$MINICTR" run --rootfs "$IMAGE" --timeout 0.3 -- /bin/ctrprobe sleep 30 >/dev/null 2>&1
rc=$?
[ $rc -eq 124 ] || fail "timeout: status $rc"
[ $(($(date +%s) - start)) -lt 10 ] || fail "timeout took too long"

"$MINICTR" run --rootfs "$IMAGE" --name "$TAG-term" -- /bin/ctrprobe sleep 30 >/dev/null &
pid=$!
cpid=
for _ in $(seq 50); do
	cpid=$(pgrep -P $pid)
	[ -n "$cpid" ] && break
	sleep 0.1
done
[ -n "$cpid" ] || fail "container did not start"
sleep 0.2
kill -TERM $pid
wait $pid
rc=$?
[ $rc -eq 143 ] || fail "SIGTERM: status $rc"
! kill -0 "$cpid" 2>/dev/null || fail "workload still running after SIGTERM"
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "limits: ok"
