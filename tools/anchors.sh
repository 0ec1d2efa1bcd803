#!/usr/bin/env bash
# tools/anchors.sh [RUNS] - our two start-ups beside the tools people know,
# in ONE interleaved run: the same static workload (build/workload noop,
# which prints READY and exits) as
#   a plain process                 the floor of any start
#   unshare (pid, mount, uts, ipc, net: minictr's namespaces)
#   bwrap --unshare-all             bubblewrap, Flatpak's sandbox
#   runc run                        the OCI runtime under Docker and others
#   minictr run                     our runtime
#   build/kvm-floor                 the least a KVM VM start can cost here
#                                   (one page, one vCPU, one HLT; no program)
#   build/kvm-floor --lapic         the same with an in-kernel LAPIC, as
#                                   minivm's vCPU has (on some hosts cheaper:
#                                   minivm/README.md)
#   minivm run                      our VMM, a cold start
# timed by build/abtime --ready: every command once per round, in a
# shuffled order, so load from elsewhere lands on all of them alike. Then
# the ratios the project tracks: minictr / unshare (time to READY) and
# minivm / each floor (lifetime: a floor prints nothing, so its whole life
# is the comparison). Another VM alive on the host changes the floors
# (minivm/README.md): the header says how many processes hold one. A benchmark, not a test: run it as root on a quiet
# machine after `make`; say the machine and the load when you quote it.
# Needs unshare, bwrap and runc (scripts/deps.sh bench installs them) and
# /dev/kvm; a missing one is left out, with a line saying so.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
case "$runs" in '' | *[!0-9]*) echo "usage: tools/anchors.sh [RUNS]" >&2; exit 2 ;; esac
for f in build/abtime build/workload build/minictr build/minivm build/kvm-floor build/image/bin/workload; do
	[ -x "$f" ] || { echo "anchors: $f missing: run make" >&2; exit 1; }
done
[ "$(id -u)" = 0 ] || { echo "anchors: needs root (namespaces, runc, /dev/kvm)" >&2; exit 1; }
image=$PWD/build/image
cmds=("$PWD/build/workload noop")
names=(process)
add() { cmds+=("$2"); names+=("$1"); }
have() { command -v "$1" >/dev/null 2>&1 || { echo "anchors: $1 not installed: left out" >&2; return 1; }; }

have unshare && add unshare "$(command -v unshare) --pid --fork --mount --uts --ipc --net $PWD/build/workload noop"
have bwrap && add bwrap "$(command -v bwrap) --unshare-all --ro-bind $image / /bin/workload noop"

# runc needs a bundle: `runc spec`'s default config (pid, net, ipc, uts and
# mount namespaces, its masked paths), our image as a read-only root, no
# terminal. `runc run` deletes the container when it exits, so one name
# serves every round.
tmp=$(mktemp -d /tmp/anchors.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if have runc && have python3; then
	(cd "$tmp" && runc spec)
	python3 - "$tmp/config.json" "$image" <<'PY'
import json, sys
path, image = sys.argv[1], sys.argv[2]
c = json.load(open(path))
c["root"] = {"path": image, "readonly": True}
c["process"]["terminal"] = False
c["process"]["args"] = ["/bin/workload", "noop"]
json.dump(c, open(path, "w"))
PY
	add runc "$(command -v runc) --root $tmp/state run --bundle $tmp anchors-$$"
fi
add minictr "$PWD/build/minictr run --rootfs $image -- /bin/workload noop"
if [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
	add kvm-floor "$PWD/build/kvm-floor"
	add kvm-floor-lapic "$PWD/build/kvm-floor --lapic"
	add minivm "$PWD/build/minivm run $PWD/build/workload noop"
else
	echo "anchors: /dev/kvm not usable here: kvm-floor and minivm left out" >&2
fi

echo "# tools/anchors.sh $runs on $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores," \
	"kernel $(uname -r), $(date -u +%Y-%m-%dT%H:%MZ), $(uptime | sed 's/.*load/load/')," \
	"other VMs alive: $(find /proc/[0-9]*/fd -lname 'anon_inode:kvm-vm' 2>/dev/null | wc -l)"
build/abtime --runs "$runs" --warmup 5 --ready "${cmds[@]}" | tee "$tmp/out"

# The p50 of a measure (ready or lifetime) of the command named name.
p50() {
	local i
	for i in "${!names[@]}"; do
		[ "${names[$i]}" = "$2" ] || continue
		awk -v m="$1" -v n=$((i + 1)) '$1 == m { k++; if (k == n) { print $3; exit } }' "$tmp/out"
	done
}
ratio() {
	local a b
	a=$(p50 "$1" "$2")
	b=$(p50 "$1" "$3")
	[ -n "$a" ] && [ -n "$b" ] || return 0
	awk -v a="$a" -v b="$b" -v w="$4" 'BEGIN { printf "%s: %.3f / %.3f ms = %.2fx\n", w, a, b, a / b }'
}
echo "# ratios of the p50s"
ratio ready minictr unshare "minictr / unshare, to READY"
ratio lifetime minivm kvm-floor "minivm / kvm-floor, lifetime"
ratio lifetime minivm kvm-floor-lapic "minivm / kvm-floor --lapic, lifetime"
