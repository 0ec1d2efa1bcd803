#!/usr/bin/env bash
# --netns PATH joins a network namespace made beforehand, instead of making
# one; a missing one is one line and status 125. The namespace is held by a
# process of this test (unshare --net), and named by its /proc/PID/ns/net:
# `ip netns add` would do as well, but it makes /run/netns a mount point
# that `ip netns del` leaves behind, and a test must leave nothing.
set -u
. "$(dirname "$0")/common.inc"

command -v unshare >/dev/null || skip "unshare (util-linux) missing"
netns_mounts() { grep -c " /run/netns" /proc/self/mountinfo; }
mounts_before=$(netns_mounts)
unshare --net sleep 60 &
holder=$!
trap 'kill $holder 2>/dev/null' EXIT
path=/proc/$holder/ns/net
for _ in $(seq 50); do
	[ "$(readlink "$path")" != "$(readlink /proc/self/ns/net)" ] && break
	sleep 0.05
done
want=$(readlink "$path")
[ "$want" != "$(readlink /proc/self/ns/net)" ] || skip "unshare --net did not make a namespace"
out=$("$MINICTR" run --rootfs "$IMAGE" --netns "$path" -- /bin/ctrprobe probe) ||
	fail "--netns run: $?"
[ "$(value ns_net "$out")" = "$want" ] || fail "not in the given namespace: $(value ns_net "$out") vs $want"
[ "$(value net_ifaces "$out")" = lo ] || fail "interfaces $(value net_ifaces "$out")"
[ "$(value ns_ipc "$out")" != "$(readlink /proc/self/ns/ipc)" ] || fail "host ipc namespace"
err=$("$MINICTR" run --rootfs "$IMAGE" --netns /run/netns/no-such-$TAG -- /bin/ctrprobe ready 2>&1)
rc=$?
[ $rc -eq 125 ] || fail "missing --netns: status $rc"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "missing --netns: not one line: $err"
kill $holder
wait $holder 2>/dev/null
[ "$(netns_mounts)" -eq "$mounts_before" ] || fail "a /run/netns mount left behind"
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "netns: ok"
