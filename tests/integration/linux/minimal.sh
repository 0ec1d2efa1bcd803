#!/usr/bin/env bash
# Boot the minimal guest kernel (make minimal-kernel: build/kernel-minimal/,
# minivm/linux/minimal.config) in its vmlinux form with earlyprintk on our
# UART, and wait for its "Linux version" banner: the kernel built from our
# own configuration enters, runs and talks through minivm's 16550A. Then
# stop the VM with SIGTERM and check that nothing is left running.
#
# This test never builds the kernel (minutes of compiling): without
# build/kernel-minimal/vmlinux it is skipped. On a PVM host (docs/kvm-flavours.md)
# every instruction of the kernel is emulated, so --force is given and the
# banner takes seconds; with hardware virtualization it takes milliseconds.
set -euo pipefail
cd "$(dirname "$0")/../../.."
deadline=${LINUX_BANNER_DEADLINE:-120}
mv=build/minivm
. tests/integration/linux/common.bash
kernel=build/kernel-minimal/vmlinux
if [ ! -x "$mv" ] || ! "$mv" run --kernel /dev/null --initrd /dev/null --help 2>/dev/null |
	grep -q -- '--initrd'; then
	echo "build/minivm without the Linux boot (the VMM is not merged in yet)"
	exit 77
fi
[ -w /dev/kvm ] || { echo "no /dev/kvm"; exit 77; }
[ -s "$kernel" ] || { echo "minimal kernel not built: make minimal-kernel"; exit 77; }
initrd=()
[ -s build/initramfs.cpio ] && initrd=(--initrd build/initramfs.cpio)

tmp=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

boot_to_banner "$deadline" --kernel "$kernel" "${initrd[@]}"
# 130: stopped by our SIGTERM; 121: the guest stopped (an instruction PVM
# cannot emulate, or a panic) before the signal came; 0..119: the workload
# ran to its end and reported its status (hardware virtualization).
if [ "$rc" -ge 122 ] && [ "$rc" -ne 130 ]; then
	echo "FAIL: minivm exited $rc: $(cat "$tmp/err")"
	exit 1
fi

banner=$(grep -m1 'Linux version' "$tmp/out")
echo "$banner"
# It must be our kernel, not some other image at that path: the release
# the build recorded.
if [ -s build/kernel-minimal/version ]; then
	grep -qF "Linux version $(cat build/kernel-minimal/version) " <<<"$banner" ||
		{ echo "FAIL: banner is not release $(cat build/kernel-minimal/version)"; exit 1; }
fi
check_boot_output
echo "last line: $(grep -v '^$' "$tmp/out" | tail -n 1)"
echo "minimal: ok (banner seen after ${took} s, minivm exited $rc)"
