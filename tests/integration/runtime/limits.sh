#!/usr/bin/env bash
# cgroup limits and endings: past --mem is OOM-killed and reported, past
# --pids cannot fork, --timeout kills with 124, SIGTERM to minictr kills the
# container with 143; nothing is left behind.
set -u
. "$(dirname "$0")/common.inc"

# Where minictr cannot set a limit it refuses (122): then there is
# nothing to test here.
warn=$("$MINICTR" run --rootfs "$IMAGE" --mem 64 --pids 64 -- /bin/ctrprobe exit 0 2>&1)
[ $? -eq 122 ] && skip "cgroup controllers unavailable: $warn"

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

# Limits fail closed. A cgroup directory of the container's name that is
# there already (a leftover of a run that died: pids are reused) is never
# used, since its limits are not ours: with --name minictr refuses (122),
# with a generated name it takes the next one. Either way a 256 MiB hog
# under --mem 64 never finishes.
memdir=/sys/fs/cgroup/memory$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)
memdir=${memdir%/}
if [ -d "$memdir" ] && grep -q ':memory:' /proc/self/cgroup; then
	mkdir "$memdir/$TAG-taken" || fail "mkdir a leftover"
	err=$("$MINICTR" run --rootfs "$IMAGE" --mem 64 --name "$TAG-taken" -- /bin/ctrprobe hog 256 2>&1)
	rc=$?
	rmdir "$memdir/$TAG-taken"
	echo "leftover with --name: status $rc: $err"
	[ $rc -eq 122 ] || fail "existing cgroup with --name: status $rc, not 122"
	printf '%s\n' "$err" | grep -q "exists already" || fail "no message for the existing cgroup"
	# the generated name of a reused pid (exec keeps the shell's pid), its
	# cgroup still busy (a process in it), so it cannot be cleaned up
	out=$(bash -c '
		mkdir "$1/minictr-$$-1" || exit 99
		sleep 30 & s=$!
		echo $s > "$1/minictr-$$-1/tasks"
		echo "sleeper=$s owner=$$"
		exec "$2" run --rootfs "$3" --mem 64 -- /bin/ctrprobe hog 256
	' _ "$memdir" "$MINICTR" "$IMAGE" 2>&1)
	rc=$?
	echo "$out"
	set -- $(printf '%s\n' "$out" | sed -n 's/^sleeper=\([0-9]*\) owner=\([0-9]*\)$/\1 \2/p')
	[ $# -eq 2 ] || fail "reused-name set-up: $out"
	kill "$1"
	for _ in $(seq 50); do
		rmdir "$memdir/minictr-$2-1" 2>/dev/null && break
		sleep 0.1
	done
	[ ! -d "$memdir/minictr-$2-1" ] || fail "could not remove the test's leftover cgroup"
	printf '%s\n' "$out" | grep -q "allocated 256 MiB" && fail "the hog finished: --mem 64 did not hold in a reused cgroup name"
	[ $rc -eq 137 ] || fail "hog in a reused cgroup name: status $rc, not 137"

	# An enclosing cgroup's limit, not the container's own, runs out: the
	# message says so (not "its memory limit (0 MiB)").
	mkdir "$memdir/$TAG-parent" || fail "mkdir"
	echo $((48 << 20)) >"$memdir/$TAG-parent/memory.limit_in_bytes"
	for mem in "" "--mem 128"; do
		# shellcheck disable=SC2086
		err=$(sh -c 'echo $$ > "$1/tasks" && shift && exec "$@"' _ "$memdir/$TAG-parent" \
			"$MINICTR" run --rootfs "$IMAGE" $mem -- /bin/ctrprobe hog 200 2>&1 >/dev/null)
		rc=$?
		echo "hog under a 48 MiB parent, ${mem:-no --mem}: status $rc: $err"
		[ $rc -eq 137 ] || fail "hog under a 48 MiB parent: status $rc"
		case $err in
		*"0 MiB"* | *"reached its memory limit"*) fail "OOM blamed on the container's own limit: $err" ;;
		*"enclosing cgroup"*) ;;
		*) fail "no out-of-memory message: $err" ;;
		esac
	done
	rmdir "$memdir/$TAG-parent"
fi
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "limits: ok"
