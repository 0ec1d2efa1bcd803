#!/usr/bin/env bash
# fds 0, 1, 2: write and writev (small pieces gathered, a piece bigger than
# the kernel's bounce buffer), stdio's buffered output, read and readv from
# a pipe, including 200 KiB of binary data.
. "$(dirname "$0")/common.bash"

guest writev >"$TMP/out" 2>"$TMP/err" || fail "writev: exit $?: $(cat "$TMP/err")"
{
	echo "one two three"
	printf 'big%s\n' "$(head -c 10000 /dev/zero | tr '\0' x)"
	echo "printf 42"
} >"$TMP/want"
cmp -s "$TMP/out" "$TMP/want" || fail "writev: stdout differs: $(head -c 200 "$TMP/out")"
[ "$(cat "$TMP/err")" = "to stderr" ] || fail "writev: stderr: $(cat "$TMP/err")"

printf 'hello\nsecond line\nno newline at the end' >"$TMP/text"
guest echo stdio <"$TMP/text" >"$TMP/out" || fail "echo stdio: exit $?"
cmp -s "$TMP/out" "$TMP/text" || fail "echo stdio: output differs: $(cat "$TMP/out")"

head -c 204800 /dev/urandom >"$TMP/bin"
guest echo raw <"$TMP/bin" >"$TMP/out" || fail "echo raw: exit $?"
cmp -s "$TMP/out" "$TMP/bin" || fail "echo raw: 200 KiB through a pipe came out different"
cat "$TMP/bin" | guest echo raw >"$TMP/out" || fail "echo raw (pipe): exit $?"
cmp -s "$TMP/out" "$TMP/bin" || fail "echo raw (pipe): output differs"
echo "console: ok"
