#!/usr/bin/env bash
# Install the Debian packages vmbench needs, only those that are missing.
#
#   scripts/deps.sh build   what `make` and `make test` need
#   scripts/deps.sh bench   what `make bench` needs on top (plots, peers)
#   scripts/deps.sh shell   what `make image-shell` needs (busybox-static)
#
# Run as root on Debian 12 (or a derivative). Without root it only says
# what is missing.
set -euo pipefail

build_pkgs=(gcc make libc6-dev musl-tools libcmocka-dev cpio iproute2 gnuplot-nox lz4)
bench_pkgs=(hyperfine bubblewrap runc util-linux)
lint_pkgs=(cppcheck clang-format)
shell_pkgs=(busybox-static) # make image-shell

want=("${build_pkgs[@]}")
case "${1:-build}" in
build) ;;
bench) want+=("${bench_pkgs[@]}") ;;
lint) want+=("${lint_pkgs[@]}") ;;
shell) want=("${shell_pkgs[@]}") ;;
*)
	echo "usage: $0 build|bench|lint|shell" >&2
	exit 2
	;;
esac

missing=()
for p in "${want[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages: ${missing[*]} (run as root, or: apt-get install ${missing[*]})" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# The package lists may be stale or absent on a fresh machine.
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
