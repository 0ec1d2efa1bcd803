#!/usr/bin/env bash
# build/mkinitramfs writes an archive that cpio(1) lists and unpacks to the
# same tree, with dev/console, /init and /workload added; it is the same
# bytes when built twice; bad input gives an error and no file.
set -euo pipefail
cd "$(dirname "$0")/../../.."
mk=build/mkinitramfs
[ -x "$mk" ] || { echo "build/mkinitramfs missing (run make)"; exit 1; }
command -v cpio >/dev/null || { echo "cpio(1) not installed"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$tmp/src
mkdir -p "$src/etc/sub" "$src/bin"
printf 'hello\n' >"$src/etc/hostname"
head -c 70001 /dev/urandom >"$src/bin/blob"
chmod 0751 "$src/bin/blob"
ln -s ../etc/hostname "$src/bin/link"
printf 'old init\n' >"$src/init" # replaced by --init
printf '#!/bin/sh\n' >"$tmp/myinit"
chmod 0755 "$tmp/myinit"
printf 'workload bytes\n' >"$tmp/wl"

$mk -o "$tmp/a.cpio" --init "$tmp/myinit" --workload "$tmp/wl" "$src"
$mk -o "$tmp/b.cpio" --init "$tmp/myinit" --workload "$tmp/wl" "$src"
cmp "$tmp/a.cpio" "$tmp/b.cpio" || { echo "FAIL: two builds differ"; exit 1; }

listed=$(cpio -t --quiet <"$tmp/a.cpio" | sort | tr '\n' ' ')
want="bin bin/blob bin/link dev dev/console dev/ttyS0 etc etc/hostname etc/sub init workload "
if [ "$listed" != "$want" ]; then
	echo "FAIL: cpio -t lists: $listed"
	echo "      expected:      $want"
	exit 1
fi

mkdir "$tmp/out"
(cd "$tmp/out" && cpio -id --quiet --no-absolute-filenames <"$tmp/a.cpio")
cmp "$src/bin/blob" "$tmp/out/bin/blob"
cmp "$src/etc/hostname" "$tmp/out/etc/hostname"
cmp "$tmp/myinit" "$tmp/out/init"
cmp "$tmp/wl" "$tmp/out/workload"
[ "$(readlink "$tmp/out/bin/link")" = ../etc/hostname ] || { echo "FAIL: symlink"; exit 1; }
[ "$(stat -c %a "$tmp/out/bin/blob")" = 751 ] || { echo "FAIL: mode of bin/blob"; exit 1; }
[ "$(stat -c %a "$tmp/out/init")" = 755 ] || { echo "FAIL: mode of init"; exit 1; }
if [ "$(id -u)" -eq 0 ]; then
	[ -c "$tmp/out/dev/console" ] || { echo "FAIL: dev/console is not a char device"; exit 1; }
	[ "$(stat -c %t:%T "$tmp/out/dev/console")" = 5:1 ] || { echo "FAIL: dev/console not 5:1"; exit 1; }
fi

# Bad input: one line on stderr, non-zero, no file (nor its .tmp) left.
if $mk -o "$tmp/bad.cpio" "$tmp/nonexistent" 2>"$tmp/err"; then
	echo "FAIL: a missing directory was accepted"
	exit 1
fi
grep -q 'mkinitramfs: .*nonexistent' "$tmp/err" || { echo "FAIL: message: $(cat "$tmp/err")"; exit 1; }
[ ! -e "$tmp/bad.cpio" ] && [ ! -e "$tmp/bad.cpio.tmp" ] || { echo "FAIL: half-written file left"; exit 1; }
if $mk "$src" 2>/dev/null; then
	echo "FAIL: no -o accepted"
	exit 1
fi
echo "cpio: ok"
