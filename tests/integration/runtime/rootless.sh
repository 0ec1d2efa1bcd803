#!/usr/bin/env bash
# Rootless: an unprivileged user (nobody) runs a container in a user
# namespace, root inside; and root asks for one with --userns.
set -u
. "$(dirname "$0")/common.inc"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 0755 "$tmp" # mktemp's 0700 would hide everything below from the container

# An image the container's root cannot reach (a checkout under /root, mode
# 0700): refused, saying which folder and what to do.
mkdir -m 0700 "$tmp/private"
cp -a "$IMAGE" "$tmp/private/image"
rc=0
"$MINICTR" run --rootfs "$tmp/private/image" --userns -- /bin/ctrprobe probe >/dev/null 2>"$tmp/err" || rc=$?
[ "$rc" -eq 125 ] || fail "--userns, image in a 0700 folder: status $rc, want 125: $(cat "$tmp/err")"
grep -q "cannot search $tmp/private: " "$tmp/err" && grep -q "chmod o+x $tmp/private" "$tmp/err" ||
	fail "--userns, image in a 0700 folder: no clear message: $(cat "$tmp/err")"

# The checks below on this checkout's image, or on a copy in a searchable
# folder when the checkout is in a private one (the case above).
image=$IMAGE
if ! searchable_by_others "$IMAGE"; then
	echo "note: $IMAGE is not searchable by others: --userns checks on a copy"
	cp -a "$IMAGE" "$tmp/image"
	image=$tmp/image
fi
out=$("$MINICTR" run --rootfs "$image" --userns -- /bin/ctrprobe probe) || fail "--userns as root: $?"
[ "$(value uid "$out")" = 0 ] || fail "--userns: uid inside $(value uid "$out")"
[ "$(value pid "$out")" = 1 ] || fail "--userns: pid"
[ "$(value dev_io "$out")" = ok ] || fail "--userns: device does not work: $(value dev_io "$out")"
[ "$(value net_ifaces "$out")" = lo ] || fail "--userns: interfaces"
[ "$(value ns_user "$out")" != "$(readlink /proc/self/ns/user)" ] || fail "--userns: host user namespace"

if [ "$(cat /proc/sys/user/max_user_namespaces 2>/dev/null || echo 0)" = 0 ] ||
	[ "$(cat /proc/sys/kernel/unprivileged_userns_clone 2>/dev/null || echo 1)" = 0 ]; then
	skip "the kernel forbids unprivileged user namespaces"
fi
command -v setpriv >/dev/null || skip "setpriv (util-linux) missing"
# nobody must be able to reach the binary and the image
searchable_by_others "$ROOT" || skip "$ROOT (or a folder above it) is not searchable by nobody"
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
	"$MINICTR" run --rootfs "$IMAGE" --quiet -- /bin/ctrprobe probe 2>&1)
rc=$?
if [ $rc -ne 0 ] && printf '%s\n' "$out" | grep -q 'user namespace'; then
	skip "unprivileged user namespaces refused: $out"
fi
echo "$out"
[ $rc -eq 0 ] || fail "rootless run: status $rc"
[ "$(value uid "$out")" = 0 ] || fail "rootless: uid inside $(value uid "$out")"
[ "$(value pid "$out")" = 1 ] || fail "rootless: pid"
[ "$(value dev_io "$out")" = ok ] || fail "rootless: device does not work: $(value dev_io "$out")"
[ "$(value write_root "$out")" = "Read-only file system" ] || fail "rootless: / writable"
# Rootless on cgroup v1 cannot make a cgroup: a --mem or --pids limit
# cannot be applied, and minictr refuses (122), --quiet or not, unless
# --best-effort says to run without it.
if grep -q ':memory:' /proc/self/cgroup; then
	for opt in "--mem 64" "--pids 16"; do
		# shellcheck disable=SC2086
		err=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$MINICTR" run --rootfs "$IMAGE" --quiet $opt -- /bin/ctrprobe exit 0 2>&1)
		rc=$?
		echo "rootless $opt: status $rc: $err"
		[ $rc -eq 122 ] || fail "rootless $opt that cannot be applied: status $rc, not 122"
		# shellcheck disable=SC2086
		setpriv --reuid=65534 --regid=65534 --clear-groups \
			"$MINICTR" run --rootfs "$IMAGE" --quiet --best-effort $opt -- /bin/ctrprobe exit 0 ||
			fail "rootless $opt --best-effort: status $?"
	done
fi
[ "$(count_cgroups)" -eq 0 ] || fail "cgroups left behind"
echo "rootless: ok"
