#!/usr/bin/env bash
# uname, ids, limits and getrandom as the guest kernel answers them.
. "$(dirname "$0")/common.bash"

out=$(guest identity) || fail "identity: exit $?: $out"
echo "$out"
expect() {
	echo "$out" | grep -qx "$1" || fail "expected the line '$1'"
}
expect "sysname minivm"
expect "nodename minivm"
expect "machine x86_64"
expect "pid 1"
expect "ppid 0"
expect "uid 0"
expect "gid 0"
expect "stack_limit_kib 1024"
expect "random differs"
echo "$out" | grep -q "^release ." || fail "no release"
