#!/usr/bin/env bash
# Build a minimal microVM guest kernel from Debian's linux-source, for the
# linuxvm backend: a comparison point beside Debian's cloud kernel
# (scripts/fetch-kernel.sh). Long: minutes on a small machine, so it is not
# part of `make`, `make test` or CI; run it with `make minimal-kernel`.
#
#   scripts/build-minimal-kernel.sh [OUT]   (default OUT: build/kernel-minimal)
#
# Result:
#   OUT/vmlinux        the uncompressed ELF kernel (minivm's fast path)
#   OUT/vmlinuz        the bzImage (arch/x86/boot/bzImage)
#   OUT/version        the kernel release
#   OUT/.config        the full configuration that was built
#
# How: installs linux-source (Debian 12: linux-source-6.1) and the build
# tools if missing (apt-get, as root), unpacks /usr/src/linux-source-*.tar.xz
# once into build/kernel-src/, then builds out of tree (make O=OUT, the
# source stays clean): `make tinyconfig`, minivm/linux/minimal.config
# merged on top with scripts/kconfig/merge_config.sh, `make olddefconfig`,
# `make -j2 bzImage vmlinux`. Cached: when OUT/.key (a hash of the source
# tarball's name and size, the config fragment and this script) matches and
# both images exist, it does nothing.
# Environment: JOBS (make -j, default 2).
set -euo pipefail

out=${1:-build/kernel-minimal}
case "$out" in
-h | --help)
	sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'
	exit 0
	;;
esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
fragment=$root/minivm/linux/minimal.config
srcdir=$root/build/kernel-src
jobs=${JOBS:-2}
say() { echo "build-minimal-kernel: $*" >&2; }

# --- Packages: only what is missing, only as root. -----------------------
# linux-source: the kernel source as Debian ships it (its patches applied).
# bc, bison, flex: Kconfig and the build's generated files; libelf-dev:
# objtool and resolve_btfids read ELF objects with it (x86-64 builds need
# it whenever objtool runs); xz-utils: the source tarball is .tar.xz;
# lz4: the bzImage payload (CONFIG_KERNEL_LZ4).
need=()
ls /usr/src/linux-source-*.tar.xz >/dev/null 2>&1 || need+=(linux-source)
command -v bc >/dev/null || need+=(bc)
command -v bison >/dev/null || need+=(bison)
command -v flex >/dev/null || need+=(flex)
command -v xz >/dev/null || need+=(xz-utils)
command -v lz4 >/dev/null || need+=(lz4)
[ -e /usr/include/gelf.h ] || need+=(libelf-dev)
command -v make >/dev/null || need+=(make)
command -v gcc >/dev/null || need+=(gcc)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		say "missing packages: ${need[*]} (apt-get install them as root)"
		exit 1
	fi
	say "installing ${need[*]}"
	apt-get install -y -qq --no-install-recommends "${need[@]}" >&2 ||
		{ apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends "${need[@]}" >&2; }
fi
tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$tarball" ]; then
	say "no /usr/src/linux-source-*.tar.xz after installing linux-source"
	exit 1
fi
[ -r "$fragment" ] || { say "missing $fragment"; exit 1; }

# --- Cache key: same tarball, fragment and script: nothing to do. --------
key=$( {
	echo "$tarball $(stat -c %s "$tarball")"
	cat "$fragment" "$0"
} | sha256sum | cut -d' ' -f1)
if [ -s "$out/vmlinux" ] && [ -s "$out/vmlinuz" ] && [ "$(cat "$out/.key" 2>/dev/null)" = "$key" ]; then
	say "up to date: $out/vmlinux, $out/vmlinuz ($(cat "$out/version"))"
	exit 0
fi

# --- Source: unpacked once (about 1.4 GB), reused by every build. --------
if [ "$(cat "$srcdir/.tarball" 2>/dev/null)" != "$tarball $(stat -c %s "$tarball")" ]; then
	say "unpacking $tarball into $srcdir"
	rm -rf "$srcdir" "$srcdir.tmp"
	mkdir -p "$srcdir.tmp"
	tar -xJf "$tarball" -C "$srcdir.tmp" --strip-components=1
	echo "$tarball $(stat -c %s "$tarball")" >"$srcdir.tmp/.tarball"
	mv "$srcdir.tmp" "$srcdir"
fi

# --- Configure: tinyconfig, then our fragment. ---------------------------
mkdir -p "$out"
out=$(cd "$out" && pwd)
rm -f "$out/.key"
kmake() { make -C "$srcdir" O="$out" ARCH=x86_64 "$@"; }
kmake -s tinyconfig >&2
# -m: merge into .config only; olddefconfig then resolves dependencies.
(cd "$out" && "$srcdir/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" "$fragment") >&2
kmake -s olddefconfig >&2
# merge_config only warns when a dependency overrides a value: check that
# every option the fragment asks for is in the result as asked.
bad=0
while IFS= read -r line; do
	case "$line" in
	CONFIG_*=*) want=$line ;;
	"# CONFIG_"*" is not set") want=$line ;;
	*) continue ;;
	esac
	name=${want#\# }
	name=${name%%[= ]*}
	got=$(grep -E "^($name=|# $name is not set)" "$out/.config" || true)
	# An option whose dependencies are off is absent: that is "not set" too.
	if [ -z "$got" ] && [ "${want#\#}" != "$want" ]; then
		continue
	fi
	if [ "$got" != "$want" ]; then
		say "config: asked '$want', got '${got:-absent}'"
		bad=1
	fi
done <"$fragment"
[ "$bad" -eq 0 ] || { say "the fragment does not apply to this source"; exit 1; }

# --- Build. ----------------------------------------------------------------
start=$SECONDS
kmake -j"$jobs" bzImage vmlinux >&2
cp "$out/arch/x86/boot/bzImage" "$out/vmlinuz.tmp"
mv "$out/vmlinuz.tmp" "$out/vmlinuz"
kmake -s kernelrelease >"$out/version"
echo "$key" >"$out/.key"
say "built $out/vmlinux ($(stat -c %s "$out/vmlinux") bytes), $out/vmlinuz ($(stat -c %s "$out/vmlinuz") bytes), $(cat "$out/version") in $((SECONDS - start)) s"
