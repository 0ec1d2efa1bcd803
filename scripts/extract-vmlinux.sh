#!/usr/bin/env bash
# Extract the uncompressed kernel (vmlinux, an ELF file) from a bzImage.
#
#   scripts/extract-vmlinux.sh BZIMAGE OUT
#
# The bzImage's setup header says where its compressed payload lies
# (payload_offset, payload_length; boot protocol 2.08+). build/bzimage-info
# (minivm/linux/bzimage-info.c) reads them and names the compression from
# the payload's magic bytes; the matching Debian tool decompresses it:
#   gzip: gzip   xz: xz-utils   zstd: zstd   lz4: lz4   bzip2: bzip2
#   lzma: xz-utils   lzo: lzop
# Kbuild appends the uncompressed size (4 bytes, little-endian) to every
# payload but a gzip one (gzip's own trailer has it); it is cut off before
# decompressing and checked against the result.
set -euo pipefail

if [ $# -ne 2 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
	echo "usage: $0 BZIMAGE OUT" >&2
	[ $# -eq 1 ] && exit 0
	exit 2
fi
image=$1 out=$2
here=$(cd "$(dirname "$0")" && pwd)
info=${BZIMAGE_INFO:-$here/../build/bzimage-info}
if [ ! -x "$info" ]; then
	echo "extract-vmlinux: $info missing (run make first)" >&2
	exit 1
fi

fields=$("$info" "$image") || exit 1
field() { sed -n "s/^$1=//p" <<<"$fields"; }
if [ "$(field format)" != bzImage ]; then
	echo "extract-vmlinux: $image is not a bzImage" >&2
	exit 1
fi
offset=$(field payload_file_offset)
length=$(field payload_length)
format=$(field payload_format)

case $format in
gzip) tool=gzip pkg=gzip ;;
xz) tool=xz pkg=xz-utils ;;
lzma) tool=xz pkg=xz-utils ;;
zstd) tool=zstd pkg=zstd ;;
lz4) tool=lz4 pkg=lz4 ;;
bzip2) tool=bzip2 pkg=bzip2 ;;
lzo) tool=lzop pkg=lzop ;;
*)
	echo "extract-vmlinux: $image: payload compression not recognised" >&2
	exit 1
	;;
esac
if ! command -v "$tool" >/dev/null; then
	echo "extract-vmlinux: $format payload needs $tool (Debian package $pkg)" >&2
	exit 1
fi

strip=4
[ "$format" = gzip ] && strip=0
tmp=$(mktemp "${out}.XXXXXX")
trap 'rm -f "$tmp"' EXIT
# slice BYTES from OFFSET: the part of the image that dd copies out.
slice() { dd if="$image" iflag=skip_bytes,count_bytes skip="$1" count="$2" bs=1M status=none; }
slice "$offset" "$((length - strip))" |
	case $format in
	lzma) xz -dc --format=lzma ;;
	*) "$tool" -dc ;;
	esac >"$tmp"

if [ "$strip" -eq 4 ]; then
	want=$(slice "$((offset + length - 4))" 4 | od -An -tu4 | tr -d ' ')
	got=$(stat -c %s "$tmp")
	if [ "$want" != "$got" ]; then
		echo "extract-vmlinux: decompressed $got bytes, the image says $want" >&2
		exit 1
	fi
fi
if [ "$(od -An -c -N4 "$tmp" | tr -d ' ')" != '177ELF' ]; then
	echo "extract-vmlinux: the payload of $image is not an ELF file" >&2
	exit 1
fi
chmod 644 "$tmp"
mv "$tmp" "$out"
trap - EXIT
