#!/usr/bin/env bash
# The rootfs's mount points: a rootfs without /proc, /dev or /tmp gets
# them made (as runc does) and the container runs; one where /tmp is a
# symbolic link (it could lead to a host directory) is refused in one
# line; the host's own root (--rootfs /) is refused in one clear line, not
# with pivot_root's "Resource busy".
. "$(dirname "$0")/common.inc"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir -p "$tmp/bare/bin"
cp "$ROOT/build/workload" "$tmp/bare/bin/"
out=$(timeout 20 "$MINICTR" run --rootfs "$tmp/bare" -- /bin/workload noop 2>"$tmp/err")
rc=$?
[ $rc = 0 ] || fail "a rootfs without proc/ dev/ tmp/: exit $rc: $(cat "$tmp/err")"
[ "$out" = READY ] || fail "a rootfs without proc/ dev/ tmp/: output $out"
for d in proc dev tmp; do
	[ -d "$tmp/bare/$d" ] || fail "/$d was not made"
done

mkdir -p "$tmp/link/bin" "$tmp/link/proc" "$tmp/link/dev" "$tmp/target"
cp "$ROOT/build/workload" "$tmp/link/bin/"
ln -s "$tmp/target" "$tmp/link/tmp"
timeout 20 "$MINICTR" run --rootfs "$tmp/link" -- /bin/workload noop >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 125 ] || fail "/tmp a symbolic link: exit $rc, want 125"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "/tmp a symbolic link: want one line: $(cat "$tmp/err")"
grep -q '/tmp is not a directory (a symbolic link)' "$tmp/err" || fail "unclear: $(cat "$tmp/err")"

timeout 20 "$MINICTR" run --rootfs / -- /bin/true >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 125 ] || fail "--rootfs /: exit $rc, want 125"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "--rootfs /: want one line: $(cat "$tmp/err")"
grep -q "host's own root" "$tmp/err" || fail "--rootfs /: unclear: $(cat "$tmp/err")"
grep -q 'Resource busy' "$tmp/err" && fail "--rootfs /: $(cat "$tmp/err")"
echo "ok: mount points made, a symbolic link refused, --rootfs / refused clearly"
