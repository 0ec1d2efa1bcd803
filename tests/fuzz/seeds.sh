#!/usr/bin/env bash
# tests/fuzz/seeds.sh: (re)write the seed inputs of the fuzz targets,
# tests/fuzz/TARGET/seed-*, from the build (make build first) and from
# hand-made headers. The regression inputs (regress-*) are written here
# too: each is an input that crashed or fooled the code before its fix,
# named for what it does. Crashing inputs that libFuzzer finds later are
# copied in by hand, renamed regress-WHAT (see README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
F=tests/fuzz

# le VALUE BYTES: VALUE as BYTES little-endian bytes (printf escapes).
le() {
	local v=$1 n=$2 i
	for ((i = 0; i < n; i++)); do
		printf "\\\\x%02x" $(((v >> (8 * i)) & 255))
	done
}
# put FILE OFFSET VALUE BYTES, or put FILE OFFSET -s STRING
put() {
	local file=$1 at=$2 bytes
	if [ "$3" = -s ]; then bytes=$4; else bytes=$(le "$3" "$4"); fi
	# shellcheck disable=SC2059 # the escapes are ours
	printf "$bytes" | dd of="$file" bs=1 seek=$((at)) conv=notrunc status=none
}
zeros() { head -c $(($2)) /dev/zero >"$1"; }

# ---- elf: static programs and guest kernels of the build, stripped ----
mkdir -p $F/elf
strip -o $F/elf/seed-program build/tests/minivm/ready
strip -o $F/elf/seed-guest-kernel build/guest/kernel.elf
strip -o $F/elf/seed-tiny-kernel build/tests/minivm/tinyguest.elf

# ---- bzimage: a small bzImage of protocol 2.15 (the fields minivm reads) ----
mkdir -p $F/bzimage
bz() { # FILE PREF_ADDRESS [INIT_SIZE]
	local b=$1 setup=$((5 * 512))
	zeros "$b" $((setup + 0x1000))
	put "$b" 0x1f1 4 1           # setup_sects
	put "$b" 0x1fe 0xaa55 2      # boot_flag
	put "$b" 0x200 0x6aeb 2      # jmp over the header: it ends at 0x26c
	put "$b" 0x202 -s 'HdrS'
	put "$b" 0x206 0x020f 2      # version 2.15
	put "$b" 0x211 1 1           # loadflags: LOADED_HIGH
	put "$b" 0x22c 0x7fffffff 4  # initrd_addr_max
	put "$b" 0x230 0x200000 4    # kernel_alignment
	put "$b" 0x234 1 1           # relocatable_kernel
	put "$b" 0x236 3 2           # xloadflags: KERNEL_64, CAN_BE_LOADED_ABOVE_4G
	put "$b" 0x238 2047 4        # cmdline_size
	put "$b" 0x248 0x300 4       # payload_offset
	put "$b" 0x24c 0x800 4       # payload_length
	put "$b" 0x258 "$2" 8        # pref_address
	put "$b" 0x260 "${3:-0x400000}" 4 # init_size
	put "$b" $((setup + 0x300)) -s '\xfd7zXZ\x00'
}
bz $F/bzimage/seed-bzimage 0x1000000
# pref_address + init_size wrapped past 2^64 (to 16 MiB, with Debian's
# init_size of 32 MiB or so): the load check passed and the kernel was
# copied 16 MiB below guest memory.
bz $F/bzimage/regress-pref-wraps 0xffffffffff000000 0x2000000
bz $F/bzimage/regress-pref-max -1

# ---- vmlinux: an ELF like vmlinux, two PT_LOAD and a "Linux" note ----
mkdir -p $F/vmlinux
elf() { # FILE SIZE NOTE_OFFSET NOTE_SIZE
	local e=$1
	zeros "$e" "$2"
	put "$e" 0 -s '\x7fELF\x02\x01\x01'
	put "$e" 16 2 2 # ET_EXEC
	put "$e" 18 62 2 # EM_X86_64
	put "$e" 20 1 4
	put "$e" 24 0x1000040 8 # e_entry, physical
	put "$e" 32 64 8 # e_phoff
	put "$e" 52 64 2
	put "$e" 54 56 2
	put "$e" 56 3 2
	# PT_LOAD: file 0x1000, 4 KiB at 16 MiB (virtual 0xffffffff81000000)
	put "$e" 64 1 4; put "$e" 68 5 4; put "$e" 72 0x1000 8
	put "$e" 80 0xffffffff81000000 8; put "$e" 88 0x1000000 8
	put "$e" 96 0x1000 8; put "$e" 104 0x1000 8
	# PT_LOAD: file 0x2000, 2 KiB of data and a .bss to 12 KiB at 17 MiB
	put "$e" 120 1 4; put "$e" 124 6 4; put "$e" 128 0x2000 8
	put "$e" 136 0xffffffff81100000 8; put "$e" 144 0x1100000 8
	put "$e" 152 0x800 8; put "$e" 160 0x3000 8
	# PT_NOTE
	put "$e" 176 4 4; put "$e" 184 "$3" 8; put "$e" 208 "$4" 8
}
elf $F/vmlinux/seed-vmlinux 0x2820 0x2800 32
put $F/vmlinux/seed-vmlinux 0x2800 6 4 # namesz
put $F/vmlinux/seed-vmlinux 0x2804 12 4 # descsz
put $F/vmlinux/seed-vmlinux 0x2808 1 4
put $F/vmlinux/seed-vmlinux 0x280c -s 'Linux'
# A note at the very end of the file whose name, padded to 4 bytes, runs
# past it: the walk once stepped over the end and read beyond the file.
elf $F/vmlinux/regress-note-past-end $((0x2800 + 13)) 0x2800 13
put $F/vmlinux/regress-note-past-end 0x2800 1 4
put $F/vmlinux/regress-note-past-end 0x280c -s 'A'

# ---- cpio: members of an initramfs (kind+perm byte, name, contents) ----
mkdir -p $F/cpio
printf '\x00dev\0\0\x01init\0#!/bin/workload\0\x02bin/sh\0workload\0\x03dev/console\0\x05\0' \
	>$F/cpio/seed-initramfs
printf '\x01/abs\0x\0\x01\0empty name\0\x01ok\0\0' >$F/cpio/seed-refused

# ---- csv: buffer size byte, then fields separated by 0x1f ----
mkdir -p $F/csv
printf '\xffstartup\x1fprocess\x1fnoop\x1f\x1f1\x1f0\x1fready\x1fns\x1f123456' >$F/csv/seed-row
printf '\xffa,b\x1f"quoted"\x1fline\nbreak\x1fcr\rhere' >$F/csv/seed-quotes
printf '\x10abc\x1fdef\x1f"""' >$F/csv/seed-short

# ---- csv_read: results files, as the harness writes them and mangled ----
mkdir -p $F/csv_read
head -n 20 tests/fixtures/bench-quick-process/samples.csv >$F/csv_read/seed-samples
cp tests/fixtures/bench-quick-process/env.csv $F/csv_read/seed-env
printf 'key,value\n"quoted, with comma","and ""quotes"""\r\nline,"two\nlines"\n\nlast,row' \
	>$F/csv_read/seed-quoting
# A last row cut after its comma (a run killed mid-write, two runs into one
# file): the reader dropped the row and said nothing.
printf 'a,b\n1,2\n3,' >$F/csv_read/regress-trailing-comma

# ---- runoptions: option byte (0 --mem ... 5 --status-file), then the value ----
mkdir -p $F/runoptions
printf '\x0032' >$F/runoptions/seed-mem
printf '\x012.5' >$F/runoptions/seed-timeout
printf '\x023' >$F/runoptions/seed-phases
printf '\x03/dev/kvm' >$F/runoptions/seed-kvm
printf '\x04build/kernel/vmlinuz' >$F/runoptions/seed-kernel
printf '\x05/tmp/status' >$F/runoptions/seed-status-file
# --timeout nan was taken, and meant no timeout at all.
printf '\x01nan' >$F/runoptions/regress-timeout-nan

# ---- minictr_args and bench_options: words split at NUL ----
mkdir -p $F/minictr_args $F/bench_options
printf 'run\0--rootfs\0build/image\0--mem\00064\0--pids\00016\0--timeout\0005\0--\0/bin/workload\0noop' \
	>$F/minictr_args/seed-run
printf 'run\0--rootfs=x\0--hostname=h\0--name=n\0--phases=3\0--quiet\0--userns\0--parallel\0--netns\0/run/netns/a\0/bin/x' \
	>$F/minictr_args/seed-options
printf -- '--help' >$F/minictr_args/seed-help
printf -- '--quick\0--backends\0process,container\0--experiments\0startup,memory\0--density\0001,2,4\0--runs\0003\0--seed\0007\0--jobs\0002\0--budget\000100' \
	>$F/bench_options/seed-options
printf -- '--out\0/tmp/x\0--density\0004,2' >$F/bench_options/seed-bad-density
echo "seeds: written under $F/"
