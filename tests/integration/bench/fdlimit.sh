#!/usr/bin/env bash
# File descriptors for density: the harness holds one per live instance
# (its pidfd; the output pipe goes at READY) and raises its own
# RLIMIT_NOFILE: the soft limit to the hard one, the hard one too where it
# may (CAP_SYS_RESOURCE). Under a soft limit of 100 and a hard one of 400,
# 250 instances (318 descriptors with one each; 564 with two) must all
# start; under a hard limit of 300 that it cannot raise, N=250 is not
# tried and env.csv says why, in numbers. The container backend passes
# too: minictr gives its container a limit of 1024 files, or less when
# the caller's hard limit is lower.
set -u
cd "$(dirname "$0")/../../.."
[ -x build/bench ] && [ -x build/workload ] || { echo "build/bench or build/workload missing: run make"; exit 1; }
[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (cgroups, containers)"; exit 0; }
command -v prlimit >/dev/null || { echo "SKIP: prlimit (util-linux) missing"; exit 0; }
tmp=$(mktemp -d /tmp/bench-fdlimit.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
env_of() { grep "^$2," "$tmp/$1/env.csv" | cut -d, -f2-; }
backends=process,container

# 1. Soft 100, hard 400: raised, and one descriptor per live instance.
prlimit --nofile=100:400 timeout 120 build/bench --backends $backends --experiments density \
	--density 250 --out "$tmp/a" 2>"$tmp/a.err" || bad "bench under 100:400 failed: $(tail -2 "$tmp/a.err")"
for b in process container; do
	grep -q "^skip\.$b," "$tmp/a/env.csv" && continue
	[ "$(env_of a "density.max.$b")" = 250 ] ||
		bad "$b: 250 instances under a soft limit of 100, hard 400: $(env_of a "density.stop.$b")"
done
[ "$(env_of a fd_limit)" = 400 ] || bad "fd_limit $(env_of a fd_limit), want 400 (the soft limit raised to the hard one)"

# 2. Hard 300: N=250 needs 318 descriptors. Where the hard limit cannot be
# raised, the step is not tried and the reason names the numbers; where it
# can (root with CAP_SYS_RESOURCE), it is raised and N=250 is reached.
prlimit --nofile=300:300 timeout 120 build/bench --backends process --experiments density \
	--density 10,250 --out "$tmp/b" 2>"$tmp/b.err" || bad "bench under 300:300 failed: $(tail -2 "$tmp/b.err")"
if prlimit --nofile=300:300 bash -c 'ulimit -Hn 400' 2>/dev/null; then
	[ "$(env_of b density.max.process)" = 250 ] ||
		bad "hard limit not raised: $(env_of b density.stop.process)"
else
	[ "$(env_of b density.max.process)" = 10 ] || bad "density.max.process $(env_of b density.max.process), want 10"
	env_of b density.stop.process | grep -q "N=250 needs 318 file descriptors, RLIMIT_NOFILE is 300" ||
		bad "no clear reason: $(env_of b density.stop.process)"
	env_of b fd_limit_note | grep -q "CAP_SYS_RESOURCE" || bad "fd_limit_note: $(env_of b fd_limit_note)"
	grep -q "failed: pipe2\|failed: pidfd_open" "$tmp/b/env.csv" && bad "N=250 was tried and failed"
fi
[ $fail = 0 ] && echo "fdlimit: 250 instances under 100:400, N=250 under 300:300 refused with its reason"
exit $fail
