#!/usr/bin/env bash
# Device nodes: a node in the image (here c 10:232, the number of
# /dev/kvm) cannot be opened inside (the root is mounted nodev), and the
# container's device cgroup allows only null, zero, full, random, urandom,
# tty, ptmx and the pts: on cgroup v1 (devices controller) and on v2 (a BPF
# program), checked from the host by moving a shell into that cgroup and
# opening /dev/kvm there. The container's own /dev still works.
set -u
. "$(dirname "$0")/common.inc"

copy=$ROOT/build/devices-test.$$
trap 'rm -rf "$copy"' EXIT
cp -a "$IMAGE" "$copy" || fail "copy the image"
mknod "$copy/bin/kvmnode" c 10 232 || fail "mknod"

out=$("$MINICTR" run --rootfs "$copy" -- /bin/ctrprobe open /bin/kvmnode) || fail "open run: $?"
echo "image node: $out"
[ "$(value open "$out")" != ok ] || fail "a device node of the image was opened inside"
out=$("$MINICTR" run --rootfs "$copy" -- /bin/ctrprobe probe) || fail "probe: $?"
[ "$(value dev_io "$out")" = ok ] || fail "/dev does not work: $(value dev_io "$out")"

[ -e /dev/kvm ] || skip "no /dev/kvm on the host to try the device cgroup with"

# in_cgroup DIR FILE PATH: open PATH from a shell moved into DIR (FILE:
# tasks or cgroup.procs); prints ok or the error
in_cgroup() {
	sh -c 'echo $$ > "$1/$2" || exit 9; exec 3<>"$3" && echo ok' _ "$1" "$2" "$3" 2>&1 | tail -n 1
}

# check_cgroup DIR FILE: what the device cgroup at DIR lets through
check_cgroup() {
	local r
	r=$(in_cgroup "$1" "$2" /dev/kvm)
	echo "host shell in $1: /dev/kvm: $r"
	case $r in *"not permitted"*) ;; *) fail "/dev/kvm opened in the container's cgroup: $r" ;; esac
	r=$(in_cgroup "$1" "$2" /dev/null)
	[ "$r" = ok ] || fail "/dev/null refused in the container's cgroup: $r"
}

# start_sleeper NAME: a container that stays up; sets SLEEPER (minictr's pid)
start_sleeper() {
	"$MINICTR" run --rootfs "$copy" --name "$1" -- /bin/ctrprobe sleep 30 >/dev/null &
	SLEEPER=$!
	for _ in $(seq 50); do
		pgrep -P $SLEEPER >/dev/null && return 0
		sleep 0.1
	done
	fail "container $1 did not start"
}

# cgroup v1: the devices controller
if awk '$9 == "cgroup" && $NF ~ /(^|,)devices(,|$)/ { found = 1 } END { exit !found }' /proc/self/mountinfo; then
	devdir=/sys/fs/cgroup/devices$(awk -F: '$2 == "devices" { print $3 }' /proc/self/cgroup)
	devdir=${devdir%/}
	start_sleeper "$TAG-dev"
	list=$(cat "$devdir/$TAG-dev/devices.list")
	echo "devices.list: $(echo $list)"
	[ "$(echo $list)" = "c 1:3 rwm c 1:5 rwm c 1:7 rwm c 1:8 rwm c 1:9 rwm c 5:0 rwm c 5:2 rwm c 136:* rwm" ] ||
		fail "devices.list is not the allow-list"
	check_cgroup "$devdir/$TAG-dev" tasks
	kill -TERM $SLEEPER
	wait $SLEEPER
fi

# cgroup v2: in a mount namespace without the v1 memory, pids and devices
# hierarchies, minictr uses the unified one and attaches a BPF program.
unified=$(awk '$9 == "cgroup2" { print $5; exit }' /proc/self/mountinfo)
if [ -n "$unified" ] && command -v unshare >/dev/null; then
	out=$(unshare -m bash -c '
		for c in memory pids devices; do
			[ -d /sys/fs/cgroup/$c ] && { umount /sys/fs/cgroup/$c || umount -l /sys/fs/cgroup/$c || exit 99; }
		done
		"$1" run --rootfs "$2" -- /bin/ctrprobe open /bin/kvmnode
		"$1" run --rootfs "$2" --name "$4" -- /bin/ctrprobe sleep 30 >/dev/null &
		pid=$!
		# under our own cgroup, or next to it (cgroup.c, v2_choose_parent)
		cg=
		for _ in $(seq 50); do
			cg=$(find "$3" -maxdepth 8 -type d -name "$4" 2>/dev/null | head -n 1)
			[ -n "$cg" ] && pgrep -P $pid >/dev/null && break
			sleep 0.1
		done
		for dev in /dev/kvm /dev/null; do
			r=$(sh -c "echo \$\$ > \"$cg/cgroup.procs\" || exit 9; exec 3<>$dev && echo ok" 2>&1 | tail -n 1)
			echo "v2_${dev#/dev/}=$r"
		done
		kill -TERM $pid
		wait $pid
		echo "left=$(find "$3" -maxdepth 8 -type d -name "$4" | wc -l)"
	' _ "$MINICTR" "$copy" "$unified" "$TAG-dev2")
	echo "$out"
	[ "$(value open "$out")" != ok ] || fail "v2: a device node of the image was opened inside"
	case $(value v2_kvm "$out") in *"not permitted"*) ;; *) fail "v2: /dev/kvm opened in the container's cgroup" ;; esac
	[ "$(value v2_null "$out")" = ok ] || fail "v2: /dev/null refused in the container's cgroup"
	[ "$(value left "$out")" = 0 ] || fail "v2 cgroup left behind"
fi
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "devices: ok"
