#!/usr/bin/env bash
# minictr killed with SIGKILL: its container dies with it, at any moment
# (PR_SET_PDEATHSIG, with the check for a parent that died before it was
# set), and the cgroups it could not remove (memory, pids, devices) are
# removed by the next run, which says so: in every hierarchy, so that no
# directory of a killed run stays behind in the roots of the v1 pids and
# devices hierarchies, where nothing would look for it again.
set -u
. "$(dirname "$0")/common.inc"

KILLS=${KILLS:-20}
EARLY=${EARLY:-200}
LATE=${LATE:-200}
work=$ROOT/build/pdeath-test.$$
mkdir -p "$work"
magic=$((900000 + $$ % 99999)) # "ctrprobe sleep $magic": this test's containers

# The cgroup directories, in any hierarchy, of the runs whose pids are
# given: minictr names them minictr-PID-N. One walk of /sys/fs/cgroup for
# all of them (the v1 pids and devices roots can hold hundreds of others).
dirs_of() {
	local -A ours=()
	local p d name

	for p in "$@"; do
		ours[$p]=1
	done
	for d in $(find /sys/fs/cgroup -maxdepth 6 -type d -name 'minictr-*' 2>/dev/null); do
		name=${d##*/} # minictr-PID-N
		p=${name#minictr-}
		p=${p%%-*}
		[ -n "$p" ] && [ -n "${ours[$p]:-}" ] && echo "$d"
	done
}

# this test's containers only, by their pids
kill_ours() {
	local p
	for p in $(pgrep -f "ctrprobe sleep $magic\$"); do
		kill -KILL "$p" 2>/dev/null
	done
}
owners=()
killed=()
# On a failure, what the clean-up under test left (empty directories:
# rmdir removes nothing else), so that a failing run leaves nothing behind.
cleanup() {
	kill_ours
	rm -rf "$work"
	for d in $(dirs_of "${owners[@]}" "${killed[@]}"); do
		rmdir "$d" 2>/dev/null
	done
}
trap cleanup EXIT

# 1. SIGKILL after READY, with a pids limit where the host has one (on v1
# a pids cgroup too)
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
# not be set yet: no container may outlive its minictr. Each run's
# clean-up meets the cgroups of the run killed just before it, whose
# container may still be dying in them.
for i in $(seq "$EARLY"); do
	"$MINICTR" run --rootfs "$IMAGE" -- /bin/ctrprobe sleep $magic >/dev/null 2>&1 &
	pid=$!
	# 0 to ~3 ms after the fork
	[ $((i % 4)) -ne 0 ] && sleep "0.00$((RANDOM % 4))"
	kill -KILL $pid
	wait $pid 2>/dev/null
	killed+=("$pid")
done
sleep 1
left=$(pgrep -fc "ctrprobe sleep $magic\$")
echo "$EARLY kills during start-up: $left containers outlived minictr"
[ "$left" -eq 0 ] || fail "$left containers outlived their minictr"

# 3. SIGKILL at random moments of a short container's whole life (0 to
# ~8 ms: start-up, exit, and minictr removing the cgroups one hierarchy
# after the other).
for i in $(seq "$LATE"); do
	"$MINICTR" run --rootfs "$IMAGE" -- /bin/ctrprobe exit 0 >/dev/null 2>&1 &
	pid=$!
	sleep "0.00$((RANDOM % 9))"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	killed+=("$pid")
done
# Wait (at most 10 s) until no process is left in their cgroups: the
# clean-up leaves a busy cgroup for a later run, by design.
for _ in $(seq 100); do
	busy=0
	for d in $(dirs_of "${killed[@]}"); do
		[ -n "$(cat "$d/cgroup.procs" 2>/dev/null)" ] && busy=1 && break
	done
	[ "$busy" -eq 0 ] && break
	sleep 0.1
done

# One next run cleans up after all of them: afterwards no directory of a
# killed run may be left in any hierarchy. A clean-up that skips the
# devices hierarchy leaves about half of the runs' minictr-PID-N in the
# v1 devices root, and fails here every time; a memory directory removed
# before the others orphans one only when a kill falls between two rmdirs
# (a window of some 0.1 ms), which some runs of this test hit.
before=$(dirs_of "${killed[@]}" | wc -l)
"$MINICTR" run --rootfs "$IMAGE" --quiet -- /bin/ctrprobe exit 0 2>/dev/null || fail "clean-up run"
stale=$(dirs_of "${killed[@]}")
echo "$LATE kills in a short life; cgroups of the $((EARLY + LATE)) killed runs: $before, after one next run: $(printf '%s' "$stale" | grep -c .)"
[ -z "$stale" ] || fail "cgroups of killed runs left after the next run's clean-up, such as: $(echo $stale | cut -d' ' -f1-3)"
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "pdeath: ok"
