#!/usr/bin/env bash
# Real hardware figures: on a host whose /dev/kvm is hardware virtualization
# (Intel VMX or AMD SVM, not PVM, not an emulator), the default suite with
# the full Linux guest (linuxvm), once on Debian's cloud kernel and once on
# the minimal kernel, into one folder a reader can set beside the PVM
# reference run.
#
#   scripts/hw-figures.sh [--quick] [OUT]
#
#   OUT          default results/hw-<vendor>-<flavour>-<cpu>/ (from
#                /proc/cpuinfo and `minivm info`)
#   --quick      bench --quick for both runs (minutes become seconds; the
#                figures are then rough)
#
# OUT gets:
#   debian/     the default suite, every backend; linuxvm boots Debian's
#               cloud kernel (build/kernel, `make kernel`); REPORT.md, plots
#   minimal/    linuxvm alone (start-up, memory) on the minimal kernel
#               (build/kernel-minimal, `make minimal-kernel`: minutes, once)
#   README.md   the host, the commit, the commands, and where to read what
#
# Exit status: 0 done; 2 bad command line; 3 this host has no hardware
# KVM (nothing run); otherwise the failing step's status.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
out=
for a in "$@"; do
	case "$a" in
	--quick) quick=(--quick) ;;
	-h | --help)
		sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	-*)
		echo "hw-figures: unknown option $a (see --help)" >&2
		exit 2
		;;
	*) out=$a ;;
	esac
done

if [ -n "${VMBENCH_KVM_EMULATOR:-}" ]; then
	echo "hw-figures: VMBENCH_KVM_EMULATOR is set: emulated KVM gives no real figures" >&2
	exit 3
fi
make --no-print-directory build image kernel
flavour=$(build/minivm info | awk '$1 == "flavour" { print $2 }')
case "$flavour" in
vmx | svm) ;;
*)
	echo "hw-figures: this host's KVM is '${flavour:-absent}', not VMX or SVM:" \
		"no hardware figures here (docs/kvm-flavours.md)" >&2
	exit 3
	;;
esac
model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
case "$(grep -m1 '^vendor_id' /proc/cpuinfo)" in
*AMD*) vendor=amd ;;
*Intel*) vendor=intel ;;
*) vendor=other ;;
esac
slug=$(printf '%s' "$model" | tr 'A-Z' 'a-z' | sed 's/([^)]*)//g; s/[^a-z0-9]\{1,\}/-/g; s/^-//; s/-$//' | cut -c1-40)
out=${out:-results/hw-$vendor-$flavour-$slug}
if [ -e "$out" ]; then
	echo "hw-figures: $out exists: give another OUT or remove it" >&2
	exit 2
fi
mkdir -p "$out"

echo "== hw-figures: $model, KVM $flavour -> $out" >&2
make --no-print-directory minimal-kernel
echo "== the default suite, linuxvm on Debian's cloud kernel" >&2
rc=0
build/bench "${quick[@]}" --out "$out/debian" || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 3 ] || exit "$rc"
build/bench report "$out/debian" || true
echo "== linuxvm on the minimal kernel" >&2
minimal=build/kernel-minimal/vmlinux
[ -r "$minimal" ] || minimal=build/kernel-minimal/vmlinuz
VMBENCH_LINUX_KERNEL=$minimal build/bench "${quick[@]}" --backends process,linuxvm \
	--experiments facts,startup,memory --out "$out/minimal" || rc=$?
build/bench report "$out/minimal" || true

cat >"$out/README.md" <<EOF
# Hardware figures: $model, KVM $flavour

Made by \`scripts/hw-figures.sh ${quick[*]}\` on $(date -u +%Y-%m-%d) from commit
$(git rev-parse --short HEAD 2>/dev/null || echo unknown) of vmbench; kernel $(uname -r),
$(nproc) CPUs.

- [debian/REPORT.md](debian/REPORT.md): the default suite, every backend;
  linuxvm boots Debian's cloud kernel ($(cat build/kernel/version 2>/dev/null || echo '?')).
- [minimal/REPORT.md](minimal/REPORT.md): linuxvm alone on the minimal
  kernel (build/kernel-minimal, minivm/linux/minimal.config).

Set them beside the reference run of a PVM host
([results/reference/REPORT.md](../reference/REPORT.md)) with
\`build/bench report --hosts-out DIR $out/debian results/reference\`: the
claims run by run, and whether the hosts agree. Times from different kinds
of host are not regressions of each other (\`bench compare\` refuses them).
EOF
echo "hw-figures: done: $out/README.md" >&2
exit "$rc"
