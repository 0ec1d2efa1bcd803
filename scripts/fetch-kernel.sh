#!/usr/bin/env bash
# Fetch Debian's cloud kernel as a guest kernel for the linuxvm backend,
# without installing it on the host.
#
#   scripts/fetch-kernel.sh [DIR]     (default DIR: build/kernel)
#
# Result:
#   DIR/vmlinuz          the bzImage (Linux x86 boot protocol)
#   DIR/vmlinux          the uncompressed ELF, extracted from vmlinuz's
#                        payload by scripts/extract-vmlinux.sh
#   DIR/version          the kernel release, e.g. 6.1.0-56-cloud-amd64
#
# How: `linux-image-cloud-amd64` is a meta package; its Depends names the
# versioned package that holds the kernel (linux-image-X.Y.Z-N-cloud-amd64).
# `apt-get download` fetches that .deb into DIR, `dpkg-deb -x` unpacks it
# into DIR/root (nothing is installed, no maintainer script runs).
# Idempotent: once DIR/vmlinuz and DIR/vmlinux exist it does nothing.
set -euo pipefail

dir=${1:-build/kernel}
case "${dir}" in
-h | --help)
	sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
	;;
esac

if [ -s "$dir/vmlinuz" ] && [ -s "$dir/vmlinux" ]; then
	exit 0
fi
mkdir -p "$dir"
here=$(cd "$(dirname "$0")" && pwd)

meta=linux-image-cloud-amd64
pkg=$(apt-cache depends "$meta" 2>/dev/null | awk '/Depends: linux-image-/ { print $2; exit }')
if [ -z "$pkg" ]; then
	# A fresh machine may have no package lists yet.
	if [ "$(id -u)" -eq 0 ]; then
		apt-get update -qq >&2
		pkg=$(apt-cache depends "$meta" 2>/dev/null | awk '/Depends: linux-image-/ { print $2; exit }')
	fi
fi
if [ -z "$pkg" ]; then
	echo "fetch-kernel: cannot resolve $meta to a versioned package (apt-cache depends)" >&2
	exit 1
fi

deb=$(ls "$dir"/"${pkg}"_*.deb 2>/dev/null | head -n 1 || true)
if [ -z "$deb" ]; then
	# apt-get download writes into the current directory.
	(cd "$dir" && apt-get download -qq "$pkg") >&2
	deb=$(ls "$dir"/"${pkg}"_*.deb 2>/dev/null | head -n 1 || true)
fi
if [ -z "$deb" ]; then
	echo "fetch-kernel: apt-get download $pkg gave no .deb in $dir" >&2
	exit 1
fi

rm -rf "$dir/root"
dpkg-deb -x "$deb" "$dir/root"
release=${pkg#linux-image-}
src="$dir/root/boot/vmlinuz-$release"
if [ ! -s "$src" ]; then
	echo "fetch-kernel: $deb holds no boot/vmlinuz-$release" >&2
	exit 1
fi
cp "$src" "$dir/vmlinuz.tmp" && mv "$dir/vmlinuz.tmp" "$dir/vmlinuz"
echo "$release" >"$dir/version"
# The modules are not needed: the guest loads none (see minivm/linux/README.md).
rm -rf "$dir/root"

"$here/extract-vmlinux.sh" "$dir/vmlinuz" "$dir/vmlinux.tmp"
mv "$dir/vmlinux.tmp" "$dir/vmlinux"
echo "fetch-kernel: $dir/vmlinuz and $dir/vmlinux ($release)" >&2
