#!/usr/bin/env bash
# minictr run --trace: the steps of a container's start on stderr, from
# both sides of the clone, in the order they happen, each line whole (the
# child writes them with one write(2) each), with its time since start and
# since the step before. Without --trace, none of it. With --userns, the
# id-map steps too.
set -u
. "$(dirname "$0")/common.inc"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

run() { # ARGS...: minictr with a hang guard; sets rc, $WORK/out, $WORK/err
	timeout 60 "$MINICTR" run "$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
}

# Nothing extra without --trace.
run --rootfs "$IMAGE" --name "$TAG-a" -- /bin/workload noop
[ "$rc" -eq 0 ] || fail "noop: status $rc: $(cat "$WORK/err")"
[ ! -s "$WORK/err" ] || fail "stderr without --trace: $(cat "$WORK/err")"

# check_order FILE: the steps below (one per line, extended regexes for
# the part after the times), in this order.
check_order() {
	local line=0 n step
	while IFS= read -r step; do
		n=$(grep -nE "^minictr +[0-9]+\.[0-9]{3} ms +\+[0-9]+\.[0-9]{3}  $step" "$1" | head -1 | cut -d: -f1)
		[ -n "$n" ] || fail "no step '$step' in: $(cat "$1")"
		[ "$n" -gt "$line" ] || fail "step '$step' (line $n) is not after line $line: $(cat "$1")"
		line=$n
	done
}

run --trace --rootfs "$IMAGE" --name "$TAG-b" -- /bin/workload noop
[ "$rc" -eq 0 ] || fail "noop --trace: status $rc: $(cat "$WORK/err")"
[ "$(cat "$WORK/out")" = READY ] || fail "--trace changed stdout: '$(cat "$WORK/out")'"
bad=$(grep -Ev '^minictr +[0-9]+\.[0-9]{3} ms +\+[0-9]+\.[0-9]{3}  [^ ]' "$WORK/err")
[ -z "$bad" ] || fail "not a whole trace line: $bad"
check_order "$WORK/err" <<'STEPS'
check 
cgroup +made, limits written: /sys/fs/cgroup/.*/mctest[0-9]+-b
clone +new pid and mount namespaces
child runs
join cgroup +wrote 0 to /sys/fs/cgroup/.*mctest[0-9]+-b
unshare CLONE_NEWCGROUP
mount MS_PRIVATE
mount bind +the rootfs onto itself
mount tmpfs +/dev
mknod +device node /dev/null
mount proc
mount bind /dev/null +masks /proc/kcore
mount bind, read-only +/proc/sys
mount tmpfs +/tmp
unshare +net, ipc, uts namespaces
lo up
sethostname +in the new uts namespace: minictr
pivot_root
umount2 MNT_DETACH
capabilities
no_new_privs
seccomp
execve +becomes the workload: /bin/workload
exec seen
exit +PID 1 reaped, cgroup removed; status 0
STEPS
# Without a user namespace the two sides never run at once (CLONE_VFORK):
# the times only grow, and each +DELTA is the difference to the line before.
awk '{ t = $2; d = substr($4, 2)
	if (NR > 1 && (t < prev || d - (t - prev) > 0.002 || (t - prev) - d > 0.002)) { print "line " NR ": " $0; exit 1 }
	prev = t }' "$WORK/err" || fail "times do not add up: $(cat "$WORK/err")"

# A user namespace: the parent writes the id maps while the child waits.
# The image where the container's root can reach it (common.inc).
image=$IMAGE
searchable_by_others "$IMAGE" || image=$(userns_copy "$IMAGE" "$WORK")
run --trace --userns --rootfs "$image" --name "$TAG-c" -- /bin/workload noop
[ "$rc" -eq 0 ] || fail "--userns --trace: status $rc: $(cat "$WORK/err")"
check_order "$WORK/err" <<'STEPS'
clone +new pid, mount, user namespaces
uid/gid maps
setresuid 0
pivot_root
execve
exit
STEPS

# A failing start is traced up to the failure, then the one-line error.
run --trace --rootfs "$IMAGE" --name "$TAG-d" -- /bin/nonexistent
[ "$rc" -eq 127 ] || fail "missing CMD: status $rc"
grep -q "not found in the root file system" "$WORK/err" || fail "no error: $(cat "$WORK/err")"
echo "trace: ok"
