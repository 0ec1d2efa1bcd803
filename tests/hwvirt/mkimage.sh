#!/usr/bin/env bash
# Build the L1 guest's initramfs for the hardware-virtualization tier:
#
#   tests/hwvirt/mkimage.sh OUT.cpio
#
# L1 is the machine the emulator (QEMU or Bochs) pretends to be: Debian's
# cloud kernel (build/kernel/vmlinuz, booted by the emulator) with this
# initramfs. It holds busybox, the KVM modules of that same kernel package
# (kvm, irqbypass, kvm-amd, kvm-intel: unpacked from the .deb, never
# installed here), and a copy of the project's build outputs under
# /vmbench/build/ with the same relative paths as in the repository, so
# that the in-guest script (l1-tests.sh) runs the same commands a user
# types. One image serves both emulators; /init loads the module that fits
# the CPU it finds.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:?usage: $0 OUT.cpio}

say() { echo "hwvirt-image: $*" >&2; }
deb=$(ls build/kernel/linux-image-*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { say "no kernel package in build/kernel (run make kernel)"; exit 1; }
# busybox-static's busybox: one static file gives the whole userland.
busybox=/bin/busybox
[ -x "$busybox" ] || { say "no $busybox (apt-get install busybox-static)"; exit 1; }
if ldd "$busybox" >/dev/null 2>&1; then
	say "$busybox is dynamically linked (apt-get install busybox-static)"
	exit 1
fi

stage=$(mktemp -d "${TMPDIR:-/tmp}/hwvirt-image.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/root
mkdir -p "$root"/{bin,dev,proc,sys,tmp,lib/modules,vmbench/build}

# The kernel modules, from the same package as the L1 kernel (a module
# loads only into the kernel build it was made for).
dpkg-deb -x "$deb" "$stage/deb"
for m in virt/lib/irqbypass arch/x86/kvm/kvm arch/x86/kvm/kvm-amd arch/x86/kvm/kvm-intel; do
	f=$(ls "$stage"/deb/lib/modules/*/kernel/$m.ko* | head -n 1)
	case $f in
	*.xz) xz -dc "$f" >"$root/lib/modules/$(basename "$m").ko" ;;
	*) cp "$f" "$root/lib/modules/" ;;
	esac
done

cp "$busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
cp tests/hwvirt/l1-init "$root/init"
mkdir -p "$root/vmbench/tests/hwvirt"
cp tests/hwvirt/l1-tests.sh "$root/vmbench/tests/hwvirt/"

# What the tests run, at the paths they have in the repository.
b=$root/vmbench/build
copy() { mkdir -p "$b/$(dirname "$1")" && cp "build/$1" "$b/$1"; }
for f in minivm workload bench initramfs.cpio guest/kernel-ring0.elf \
	tests/minivm/nullwrite tests/minivm/spin tests/hwvirt/probe \
	kernel/vmlinuz kernel/vmlinux; do
	[ -e "build/$f" ] || { say "build/$f is missing (run make)"; exit 1; }
	copy "$f"
done
# The minimal kernel takes minutes to build: carried only when built.
for f in kernel-minimal/vmlinux kernel-minimal/vmlinuz; do
	[ -s "build/$f" ] && copy "$f"
done

# The harness is a glibc program: its shared libraries and loader go along.
for lib in $(ldd build/bench | grep -o '/[^ ]*'); do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done

(cd "$root" && find . | cpio -o -H newc --quiet) >"$out.tmp"
mv "$out.tmp" "$out"
say "$out: $(du -m "$out" | cut -f1) MiB"
