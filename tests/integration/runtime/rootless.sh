#!/usr/bin/env bash
# Rootless: an unprivileged user (nobody) runs a container in a user
# namespace, root inside; and root asks for one with --userns.
set -u
. "$(dirname "$0")/common.inc"

out=$("$MINICTR" run --rootfs "$IMAGE" --userns -- /bin/ctrprobe probe) || fail "--userns as root: $?"
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
dir=$ROOT
while [ "$dir" != / ]; do
	case "$(stat -c %A "$dir" | cut -c10)" in x | t) ;; *) false ;; esac || skip "$dir is not searchable by nobody"
	dir=$(dirname "$dir")
done
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
