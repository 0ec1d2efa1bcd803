#!/usr/bin/env bash
# make image-shell gives an image with busybox's sh in which a person can
# look around: a script on stdin runs (hostname, ls /, ps sees only the
# container), and its exit status is the container's; a shell on a
# terminal (script(1) gives it one) prompts and runs commands.
. "$(dirname "$0")/common.inc"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# busybox-static is not part of make test's packages: installed here if
# it can be, else the test is skipped.
[ -x /bin/busybox ] || "$ROOT/scripts/deps.sh" shell >/dev/null 2>&1 ||
	skip "busybox-static is not installed and cannot be (Debian: apt-get install busybox-static)"
make -s -C "$ROOT" --no-print-directory image-shell >"$tmp/make" 2>&1 ||
	fail "make image-shell failed: $(tail -n 3 "$tmp/make")"
SHIMG=$ROOT/build/image-shell
[ -x "$SHIMG/bin/busybox" ] && [ -L "$SHIMG/bin/sh" ] || fail "build/image-shell has no bin/sh"
[ -x "$SHIMG/bin/workload" ] || fail "build/image-shell lost the image's programs"

printf 'hostname\nls /\nps -o pid,comm\nexit 7\n' |
	timeout 20 "$MINICTR" run --rootfs "$SHIMG" -- /bin/sh >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 7 ] || fail "sh's exit 7 came back as $rc: $(cat "$tmp/err")"
grep -qx minictr "$tmp/out" || fail "no hostname minictr: $(cat "$tmp/out")"
grep -qx proc "$tmp/out" || fail "ls / shows no proc: $(cat "$tmp/out")"
[ "$(grep -cE '^ *[0-9]+ ' "$tmp/out")" = 2 ] || fail "ps sees other than sh and ps: $(cat "$tmp/out")"

if command -v script >/dev/null; then
	printf 'echo in-$((6*7))\nexit\n' |
		timeout 20 script -qec "$MINICTR run --rootfs $SHIMG -- /bin/sh" /dev/null >"$tmp/tty" 2>&1
	grep -q 'in-42' "$tmp/tty" || fail "sh on a terminal: $(cat "$tmp/tty")"
	grep -q '# ' "$tmp/tty" || fail "sh on a terminal shows no prompt: $(cat "$tmp/tty")"
fi
echo "ok: build/image-shell runs sh, on a pipe and on a terminal"
