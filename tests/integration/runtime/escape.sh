#!/usr/bin/env bash
# The escape suite: /bin/escprobe (tests/programs/runtime/escprobe.c) tries
# the usual ways out of a container from inside one and prints a PASS or
# FAIL line for each: host pids, writes to the root, /proc/sys and /sys,
# mount, mknod, chroot, a device node of the image (c 10:232, /dev/kvm's
# number), module load and other kernel calls, ptrace of a host process,
# raw, packet and vsock sockets, masked /proc files, descriptors inherited
# beyond 0-2, TIOCSTI, capabilities, no_new_privs, seccomp. Run as root,
# with --userns, and (where `script` can give it one) on a terminal.
set -u
. "$(dirname "$0")/common.inc"

# A copy of the image (with a device node in it), in a folder the
# container's root can reach also with --userns, wherever the checkout is.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy=$(userns_copy "$IMAGE" "$work")
mknod "$copy/bin/kvmnode" c 10 232 || fail "mknod"
# the checks every run must print, PASS
names="host_pids host_signal rootfs_write rootfs_overwrite proc_sys_write sys_write sys_hidden
mount mknod chroot device_node module_load bpf perf_event_open keyctl userfaultfd io_uring_setup
open_by_handle_at unshare_userns kexec_load ptrace_host ptrace_own_child raw_socket packet_socket
vsock_socket masked_proc inherited_fds tiocsti capabilities no_new_privs seccomp"

# check HOW OUTPUT STATUS
check() {
	local n
	echo "--- $1 (status $3)"
	echo "$2"
	for n in $names; do
		printf '%s\n' "$2" | grep -q "^PASS $n:" || fail "$1: $n: $(printf '%s\n' "$2" | grep " $n:" || echo "no line")"
	done
	! printf '%s\n' "$2" | grep -q '^FAIL' || fail "$1: $(printf '%s\n' "$2" | grep '^FAIL')"
	[ "$3" -eq 0 ] || fail "$1: escprobe exited $3"
}

# descriptor 7 open in the caller: it must not reach the workload
out=$("$MINICTR" run --rootfs "$copy" -- /bin/escprobe $$ /bin/kvmnode 7</dev/null 2>&1)
check root "$out" $?
out=$("$MINICTR" run --rootfs "$copy" --userns -- /bin/escprobe $$ /bin/kvmnode 2>&1)
check userns "$out" $?
if command -v script >/dev/null; then
	# on a pseudo-terminal: stdin is a tty, TIOCSTI gets tried on it
	out=$(script -qec "\"$MINICTR\" run --rootfs \"$copy\" -- /bin/escprobe $$ /bin/kvmnode" /dev/null </dev/null 2>&1 | tr -d '\r')
	check terminal "$out" 0
	printf '%s\n' "$out" | grep -q '^PASS tiocsti: no terminal' && fail "terminal: stdin was not a tty"
fi
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "escape: ok"
