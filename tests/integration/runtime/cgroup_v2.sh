#!/usr/bin/env bash
# The cgroup v2 code path on a hybrid host: in a mount namespace of its own,
# the v1 memory and pids hierarchies are unmounted, so minictr finds only the
# unified (v2) hierarchy, where no controller is enabled. The container must
# still get a cgroup of its own there (joined, namespaced, removed after);
# asked for --mem, which cannot be applied there, it refuses (122), and
# with --best-effort says once that it runs without the memory limit.
set -u
. "$(dirname "$0")/common.inc"

unified=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
grep -q ':memory:' /proc/self/cgroup && [ -n "$unified" ] ||
	skip "not a hybrid cgroup host (v1 memory controller plus a cgroup2 mount)"
command -v unshare >/dev/null || skip "unshare (util-linux) missing"

out=$(unshare -m bash -c '
	umount /sys/fs/cgroup/memory /sys/fs/cgroup/pids 2>/dev/null ||
		umount -l /sys/fs/cgroup/memory /sys/fs/cgroup/pids || exit 99
	"$1" run --rootfs "$2" --mem 64 --name "$4" -- /bin/ctrprobe probe 2>&1
	echo "refused=$?"
	"$1" run --rootfs "$2" --mem 64 --best-effort --name "$4" -- /bin/ctrprobe probe 2>&1
	echo "status=$?"
	ls "$3" | grep -c "^$4\$" | sed "s/^/left=/"
' _ "$MINICTR" "$IMAGE" "$unified" "$TAG-v2")
echo "$out"
[ "$(value refused "$out")" = 122 ] || fail "--mem that cannot be applied: status $(value refused "$out"), not 122"
printf '%s\n' "$out" | grep -q 'cannot apply the memory limit' || fail "no message for the refused --mem"
[ "$(value status "$out")" = 0 ] || fail "v2 run failed"
printf '%s\n' "$out" | grep -q 'warning: no memory cgroup' || fail "no warning for the missing memory controller"
[ "$(printf '%s\n' "$out" | grep -c 'warning:')" -eq 1 ] || fail "more than one warning"
[ "$(value cgroup_unified "$out")" = / ] || fail "not in its own v2 cgroup namespace"
[ "$(value left "$out")" = 0 ] || fail "v2 cgroup left behind"
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "cgroup_v2: ok"
