#!/usr/bin/env bash
# The guest's clocks: nanosleep sleeps as long as asked, CLOCK_MONOTONIC in
# the guest runs in the host's time base and at its rate (within 1%), and
# the other time calls agree with it.
. "$(dirname "$0")/common.bash"

# nanosleep(200 ms): at least 200 ms pass, and not absurdly more.
out=$(guest clock sleep 200) || fail "clock sleep: exit $?"
ns=${out#elapsed }
[ "$ns" -ge 200000000 ] || fail "nanosleep(200 ms) took $ns ns in the guest"
[ "$ns" -lt 1200000000 ] || fail "nanosleep(200 ms) took $ns ns in the guest"

# A 1 s span measured in the guest lies inside the same span measured on
# the host (same time base), and its length is 1 s within 1%.
h1=$("$PROGS/guest-clock" now)
out=$(guest clock span 1000) || fail "clock span: exit $?"
h2=$("$PROGS/guest-clock" now)
g1=$(echo "$out" | awk '$1 == "start" { print $2 }')
g2=$(echo "$out" | awk '$1 == "end" { print $2 }')
[ -n "$g1" ] && [ -n "$g2" ] || fail "clock span printed: $out"
echo "host $h1 .. $h2, guest $g1 .. $g2"
[ "$h1" -le "$g1" ] || fail "guest start $g1 before the host's $h1"
[ "$g2" -le "$h2" ] || fail "guest end $g2 after the host's $h2"
span=$((g2 - g1))
[ "$span" -ge 990000000 ] && [ "$span" -le 1010000000 ] ||
	fail "guest measured $span ns for a 1 s sleep (more than 1% off)"

out=$(guest clock misc) || fail "clock misc: $out"
[ "$out" = ok ] || fail "clock misc: $out"
echo "clock: ok (200 ms sleep: $ns ns; 1 s span: $span ns)"
