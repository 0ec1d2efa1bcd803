#!/usr/bin/env bash
# The workload sees a container: PID 1, only its own processes, only lo,
# its hostname, a read-only root, no mount, few capabilities, seccomp;
# exit statuses pass through; bad input gives one line and a status. The
# host's own hostname stays as it was (a container's sethostname must
# land in its UTS namespace, never on the host).
set -u
. "$(dirname "$0")/common.inc"
host_name=$(hostname) || fail "hostname: exited $?"

out=$("$MINICTR" run --rootfs "$IMAGE" --hostname box -- /bin/ctrprobe probe) || fail "probe exited $?"
echo "$out"
[ "$(value pid "$out")" = 1 ] || fail "pid is not 1"
[ "$(value dev_io "$out")" = ok ] || fail "device does not work: $(value dev_io "$out")"
[ "$(value visible_pids "$out")" = 1 ] || fail "sees other processes: $(value visible_pids "$out")"
[ "$(value net_ifaces "$out")" = lo ] || fail "interfaces: $(value net_ifaces "$out")"
[ "$(value hostname "$out")" = box ] || fail "hostname: $(value hostname "$out")"
[ "$(value write_root "$out")" = "Read-only file system" ] || fail "/ is writable"
[ "$(value write_tmp "$out")" = ok ] || fail "/tmp not writable"
[ "$(value write_proc_sys "$out")" = "Read-only file system" ] || fail "/proc/sys writable"
[ "$(value sys_entries "$out")" = absent ] || fail "/sys has the host's entries"
[ "$(value mount "$out")" = "Operation not permitted" ] || fail "mount allowed"
[ "$(value unshare "$out")" = "Operation not permitted" ] || fail "unshare allowed"
[ "$(value NoNewPrivs "$out")" = 1 ] || fail "no_new_privs not set"
[ "$(value Seccomp "$out")" = 2 ] || fail "no seccomp filter"
# runc's default: CAP_AUDIT_WRITE, CAP_KILL, CAP_NET_BIND_SERVICE
[ "$(value CapBnd "$out")" = 0000000020000420 ] || fail "bounding set $(value CapBnd "$out")"
[ "$(value CapEff "$out")" = 0000000020000420 ] || fail "effective set $(value CapEff "$out")"
# at most 1024 open files, as runc, whatever minictr's own limit
lim=$(ulimit -n 4096 && "$MINICTR" run --rootfs "$IMAGE" -- /bin/ctrprobe limits) || fail "limits: $?"
[ "$(value open_files "$lim")" = "1024 1024" ] || fail "RLIMIT_NOFILE inside: $(value open_files "$lim")"
# its own cgroup is the root of its cgroup namespace
[ "$(value cgroup_unified "$out")" = / ] || fail "cgroup namespace: $(value cgroup_unified "$out")"
if grep -q ':memory:' /proc/self/cgroup; then
	[ "$(value cgroup_memory "$out")" = / ] || fail "cgroup namespace: $(value cgroup_memory "$out")"
fi
for ns in pid mnt uts ipc net cgroup; do
	[ "$(value ns_$ns "$out")" != "$(readlink /proc/self/ns/$ns)" ] || fail "$ns namespace is the host's"
done
[ "$(value ns_user "$out")" = "$(readlink /proc/self/ns/user)" ] || fail "user namespace without --userns"
# lo is up: its flags in /sys are not visible, but /proc/net/dev lists it and
# the default hostname applies without --hostname.
out=$("$MINICTR" run --rootfs "$IMAGE" -- /bin/ctrprobe probe) || fail "probe exited $?"
[ "$(value hostname "$out")" = minictr ] || fail "default hostname: $(value hostname "$out")"

# --parallel (helper task), and --parallel on a single CPU (no helper then)
for how in "--parallel" "taskset -c 0"; do
	if [ "$how" = --parallel ]; then
		out=$("$MINICTR" run --rootfs "$IMAGE" --parallel --hostname s -- /bin/ctrprobe probe)
	else
		out=$(taskset -c 0 "$MINICTR" run --rootfs "$IMAGE" --parallel --hostname s -- /bin/ctrprobe probe)
	fi || fail "$how: exited $?"
	[ "$(value net_ifaces "$out")" = lo ] || fail "$how: interfaces $(value net_ifaces "$out")"
	[ "$(value hostname "$out")" = s ] || fail "$how: hostname $(value hostname "$out")"
	[ "$(value ns_ipc "$out")" != "$(readlink /proc/self/ns/ipc)" ] || fail "$how: host ipc namespace"
done

"$MINICTR" run --rootfs "$IMAGE" -- /bin/ctrprobe exit 7
[ $? -eq 7 ] || fail "exit status not passed through"
"$MINICTR" run --rootfs "$IMAGE" -- /bin/ctrprobe segv
[ $? -eq 139 ] || fail "SIGSEGV not reported as 139"

err=$("$MINICTR" run --rootfs "$IMAGE" -- /bin/no-such-cmd 2>&1)
rc=$?
[ $rc -eq 127 ] || fail "missing CMD: status $rc"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "missing CMD: not one line: $err"
err=$("$MINICTR" run --rootfs /no/such/dir -- /bin/ctrprobe 2>&1)
rc=$?
[ $rc -eq 125 ] || fail "missing rootfs: status $rc"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "missing rootfs: not one line: $err"
"$MINICTR" run --rootfs "$IMAGE" --mem nope -- /bin/ctrprobe 2>/dev/null
[ $? -eq 2 ] || fail "bad --mem accepted"
"$MINICTR" --help | grep -q 'usage: minictr run' || fail "--help"
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
[ "$(hostname)" = "$host_name" ] || fail "the host's hostname changed: $host_name -> $(hostname)"
echo "isolation: ok"
