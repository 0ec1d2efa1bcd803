#!/usr/bin/env bash
# Does a fresh Debian 12 get to results with the README's commands?
#
#   scripts/fresh-debian-check.sh [--logs DIR] [--mirror URL]
#
# Repeats, on this machine, what a new user does on a new one:
#   1. debootstrap --variant=minbase bookworm into a temporary folder, with
#      git (a minimal system: no make, no compiler, no procps);
#   2. clones this repository's committed HEAD into /root/vmbench there
#      (from a git bundle: uncommitted changes are not part of the check;
#      /root is mode 0700, as on a real machine);
#   3. enters it in a mount and PID namespace of its own, with a real root
#      mount (the folder bound onto itself, proc, sys, the host's /dev and
#      cgroup trees, then pivot_root), so that pivot_root and user
#      namespaces behave as on a machine, not as in a plain chroot;
#   4. runs the commands of the README's "Quick start" block, in its order,
#      each one's output into DIR/NN.log, and prints each one's status,
#      time and closing line.
# Then removes everything: the namespace dies with its last process (its
# mounts with it), and the folder is deleted, also when interrupted.
#
# Needs root, debootstrap, and Debian's archive (about 15 minutes in all:
# debootstrap 2-4, packages 1-2, make test 2-4, make bench 4-5). Not part of
# `make test`. Logs: DIR (default build/fresh-check/). Exit 0 when every
# command exited 0.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
logs=$repo/build/fresh-check
mirror=http://deb.debian.org/debian
while [ $# -gt 0 ]; do
	case $1 in
	--logs)
		logs=${2:?--logs needs a folder}
		shift 2
		;;
	--mirror)
		mirror=${2:?--mirror needs a URL}
		shift 2
		;;
	-h | --help)
		sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'
		exit 0
		;;
	*)
		echo "fresh-debian-check: unknown argument $1 (see --help)" >&2
		exit 2
		;;
	esac
done
if [ "$(id -u)" -ne 0 ]; then
	echo "fresh-debian-check: needs root (debootstrap, namespaces)" >&2
	exit 2
fi
for tool in debootstrap unshare git; do
	command -v "$tool" >/dev/null || {
		echo "fresh-debian-check: $tool is missing (apt-get install $tool)" >&2
		exit 2
	}
done

# The quick-start commands: the first ```sh block after "## Quick start",
# without comments and blank lines.
readme_commands() {
	awk '/^## Quick start/ { q = 1; next }
	     q && /^```sh/ { b = 1; next }
	     b && /^```/ { exit }
	     b { sub(/[ \t]*#.*$/, ""); if ($0 != "") print }' "$repo/README.md"
}
mapfile -t commands < <(readme_commands)
if [ ${#commands[@]} -eq 0 ]; then
	echo "fresh-debian-check: no commands found in README.md's Quick start" >&2
	exit 2
fi

# /var/tmp, not /tmp: the root and its build take about 1.5 GiB.
work=$(mktemp -d /var/tmp/vmbench-fresh.XXXXXX)
root=$work/root
inner_pid=
cleanup() {
	local rc=$?
	trap - EXIT INT TERM
	# unshare --kill-child: ending unshare kills the namespace's init, and
	# with it every process inside; its mounts go with the namespace.
	# (SIGKILL: unshare ignores INT and TERM while it waits for its child.)
	# The namespace's init exits only once every process inside is gone:
	# wait for it before deleting what they may still be writing.
	if [ -n "$inner_pid" ] && kill -0 "$inner_pid" 2>/dev/null; then
		local init i
		init=$(cat "/proc/$inner_pid/task/$inner_pid/children" 2>/dev/null || true)
		kill -KILL "$inner_pid" 2>/dev/null || true
		wait "$inner_pid" 2>/dev/null || true
		for i in $(seq 100); do
			[ -n "$init" ] && [ -e "/proc/${init%% *}" ] || break
			sleep 0.1
		done
	fi
	# The mounts were made in the namespace only; never delete through
	# one that is visible here.
	if findmnt -rn -o TARGET | grep -q "^$work/"; then
		echo "fresh-debian-check: mounts left under $work: not deleting it" >&2
		exit 1
	fi
	rm -rf "$work"
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { echo "== $*"; }

# in_namespace CMD...: run CMD in a new mount and PID namespace, in the
# background so that INT and TERM reach our trap at once (cleanup ends it).
in_namespace() {
	local rc=0
	unshare --mount --propagation private --pid --fork --kill-child=SIGKILL "$@" &
	inner_pid=$!
	wait "$inner_pid" || rc=$?
	inner_pid=
	return "$rc"
}
mkdir -p "$logs"
rm -f "$logs"/*.log "$logs"/*.md
start=$(date +%s)
say "debootstrap --variant=minbase --include=git bookworm ($mirror)"
# In a mount and PID namespace too: the mounts debootstrap makes in the
# new root, and every process it starts, end with it, even when killed.
in_namespace debootstrap --variant=minbase --include=git bookworm "$root" "$mirror" \
	>"$logs/00-debootstrap.log" 2>&1 || {
	echo "fresh-debian-check: debootstrap failed, see $logs/00-debootstrap.log" >&2
	exit 1
}
say "debootstrap: $(($(date +%s) - start)) s"
cp /etc/resolv.conf "$root/etc/resolv.conf"
git -C "$repo" bundle create "$root/tmp/vmbench.bundle" HEAD 2>/dev/null
commit=$(git -C "$repo" rev-parse --short=12 HEAD)

# What runs inside, as root in the new root's /root.
{
	echo 'set -u'
	echo 'cd /root'
	echo 'git -c advice.detachedHead=false clone -q /tmp/vmbench.bundle vmbench && cd vmbench || exit 1'
	echo 'echo "clone: $(git log --oneline -1)"'
	echo 'rc_all=0; n=0'
	for c in "${commands[@]}"; do
		printf 'n=$((n + 1)); c=%q; t0=$(date +%%s)\n' "$c"
		# shellcheck disable=SC2016
		echo 'bash -c "$c" </dev/null >/out/$(printf %02d $n).log 2>&1; rc=$?'
		echo 'echo "$ $c: exit $rc, $(($(date +%s) - t0)) s; last line: $(tail -n 1 /out/$(printf %02d $n).log)"'
		echo '[ $rc -eq 0 ] || rc_all=1'
	done
	# The report of the run, if one was made, for the reader of the logs.
	echo '[ -e results/latest/REPORT.md ] && cp results/latest/REPORT.md /out/'
	echo '[ -e results/latest/APPENDIX.md ] && cp results/latest/APPENDIX.md /out/'
	echo 'exit $rc_all'
} >"$root/fresh-check.sh"
mkdir -p "$root/out"

# The namespace: bind the root onto itself (a real mount point for
# pivot_root), then proc, sys, the host's /dev (with /dev/kvm) and cgroup
# tree, and pivot into it; the old root is detached. --propagation private
# keeps every mount here out of the host's view.
enter='set -e
root=$1
mount --bind "$root" "$root"
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --rbind /sys/fs/cgroup "$root/sys/fs/cgroup"
mount --rbind /dev "$root/dev"
cd "$root"
mkdir -p .old-root
pivot_root . .old-root
cd /
umount -l /.old-root
rmdir /.old-root
exec env -i HOME=/root TERM=dumb PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	bash /fresh-check.sh'
say "commit $commit; the README's commands: ${commands[*]}"
rc=0
in_namespace bash -c "$enter" enter "$root" || rc=$?
cp "$root"/out/*.log "$root"/out/*.md "$logs/" 2>/dev/null || true
say "done in $(($(date +%s) - start)) s, exit $rc; logs in $logs"
exit "$rc"
