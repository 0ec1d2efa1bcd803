#!/usr/bin/env bash
# minivm run --kernel: which images take the Linux path, and what it
# refuses, each with one clear line and its own exit status:
#   on a PVM host, a stock kernel without --force: 122, and why;
#   not a kernel image: 126; a truncated one: 126;
#   a missing initrd: 125; an initrd too large for --mem: 125;
#   Debian's vmlinuz with pref_address (setup header offset 0x258) near
#   2^64: 126, not a crash (the load address check once wrapped).
set -euo pipefail
cd "$(dirname "$0")/../../.."
. tests/integration/linux/common.bash
mv=build/minivm
need_linux_boot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The start of a bzImage (boot flag, jump, "HdrS", protocol 2.15) cut off
# inside its setup code: enough for minivm to take the Linux path.
head -c 768 /dev/zero >"$tmp/short"
put() { printf "$2" | dd of="$tmp/short" bs=1 seek=$(($1)) conv=notrunc status=none; }
put 0x1fe '\x55\xaa'
put 0x200 '\xeb\x6a'
put 0x202 'HdrS\x0f\x02'

expect() { # STATUS WORDS -- minivm args...
	local want=$1 words=$2 rc=0
	shift 3
	"$mv" run "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	if [ "$rc" -ne "$want" ]; then
		echo "FAIL: minivm run $* exited $rc, want $want: $(cat "$tmp/err")"
		exit 1
	fi
	if ! grep -q -- "$words" "$tmp/err" || [ "$(wc -l <"$tmp/err")" -ne 1 ]; then
		echo "FAIL: minivm run $*: message is not one line with \"$words\": $(cat "$tmp/err")"
		exit 1
	fi
}

if [ -e /sys/module/kvm_pvm ]; then
	expect 122 "PVM" -- --kernel "$tmp/short"
	echo "refused on PVM: $(cat "$tmp/err")"
	# A vmlinux is told from minivm's own guest kernel by its "Linux"
	# ELF note: it takes the Linux path (and is refused here) too.
	if [ -s build/kernel/vmlinux ]; then
		expect 122 "PVM" -- --kernel build/kernel/vmlinux
	fi
fi
# minivm's own guest kernel, given with --kernel, still runs a program.
if [ -s build/guest/kernel.elf ] && [ -e /dev/kvm ]; then
	rc=0
	"$mv" run --kernel build/guest/kernel.elf build/tests/linux/hello 5 >"$tmp/out" 2>&1 || rc=$?
	if [ "$rc" -ne 5 ] || ! grep -q '^READY' "$tmp/out"; then
		echo "FAIL: the own guest kernel with --kernel: exit $rc: $(cat "$tmp/out")"
		exit 1
	fi
fi
expect 126 "truncated" -- --force --kernel "$tmp/short"
expect 126 "not a Linux kernel image" -- --force --initrd /etc/hostname --kernel /etc/hostname
expect 126 "No such file" -- --force --kernel "$tmp/none"

if [ -s build/kernel/vmlinuz ]; then
	cp build/kernel/vmlinuz "$tmp/pref"
	for addr in '\x00\x00\x00\xff\xff\xff\xff\xff' '\xff\xff\xff\xff\xff\xff\xff\xff'; do
		printf "$addr" | dd of="$tmp/pref" bs=1 seek=$((0x258)) conv=notrunc status=none
		expect 126 "pref_address" -- --force --mem 256 --kernel "$tmp/pref"
	done
fi
if [ -s build/kernel/vmlinux ] && [ -e /dev/kvm ]; then
	expect 125 "cannot open" -- --force --kernel build/kernel/vmlinux --initrd "$tmp/none"
	head -c $((80 << 20)) /dev/zero >"$tmp/big.cpio"
	expect 125 "initrd too large" -- --force --mem 128 --kernel build/kernel/vmlinux \
		--initrd "$tmp/big.cpio"
	expect 125 "too small" -- --force --mem 32 --kernel build/kernel/vmlinux
fi
echo "refuse: ok"
