#!/usr/bin/env bash
# --netns PATH joins a network namespace made beforehand (ip netns add),
# instead of making one; a missing one is one line and status 125.
set -u
. "$(dirname "$0")/common.inc"

command -v ip >/dev/null || skip "ip (iproute2) missing"
name=$TAG
ip netns add "$name" || skip "ip netns add refused"
trap 'ip netns del "$name" 2>/dev/null' EXIT
want=$(stat -L -c %i "/run/netns/$name")
out=$("$MINICTR" run --rootfs "$IMAGE" --netns "/run/netns/$name" -- /bin/ctrprobe probe) ||
	fail "--netns run: $?"
[ "$(value ns_net "$out")" = "net:[$want]" ] || fail "not in the named namespace: $(value ns_net "$out") vs $want"
[ "$(value net_ifaces "$out")" = lo ] || fail "interfaces $(value net_ifaces "$out")"
[ "$(value ns_ipc "$out")" != "$(readlink /proc/self/ns/ipc)" ] || fail "host ipc namespace"
err=$("$MINICTR" run --rootfs "$IMAGE" --netns /run/netns/no-such-$TAG -- /bin/ctrprobe ready 2>&1)
rc=$?
[ $rc -eq 125 ] || fail "missing --netns: status $rc"
[ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "missing --netns: not one line: $err"
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "netns: ok"
