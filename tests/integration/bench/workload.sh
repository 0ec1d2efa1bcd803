#!/usr/bin/env bash
# build/workload, every mode, as a plain process: what each prints is what
# the harness parses (READY, ELAPSED <ns>, UNAME, PID/HOSTNAME/PIDS/NETIF),
# and bad arguments give a usage line and exit status 2.
set -u
cd "$(dirname "$0")/../../.."
wl=build/workload
[ -x "$wl" ] || { echo "build/workload missing: run make"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }

[ "$($wl noop)" = READY ] || fail "noop does not print READY"
out=$($wl cpu 1000) && [[ "$out" =~ ^ELAPSED\ [0-9]+$ ]] || fail "cpu: '$out'"
out=$($wl syscall 1000) && [[ "$out" =~ ^ELAPSED\ [0-9]+$ ]] || fail "syscall: '$out'"
out=$($wl io 5) || fail "io exit status"
[ "$(printf '%s\n' "$out" | grep -c '^io line$')" = 5 ] || fail "io 5: not 5 lines"
[[ "$(printf '%s\n' "$out" | tail -1)" =~ ^ELAPSED\ [0-9]+$ ]] || fail "io: ELAPSED not last"
[ "$($wl uname)" = "UNAME $(uname -s) $(uname -r)" ] || fail "uname: '$($wl uname)'"
out=$($wl isolate)
for k in PID HOSTNAME PIDS NETIF; do
	printf '%s\n' "$out" | grep -q "^$k " || fail "isolate: no $k line"
done
printf '%s\n' "$out" | grep -qx "HOSTNAME $(hostname)" || fail "isolate: wrong hostname"

# idle and mem: READY, then they stay up until killed.
for args in "idle" "mem 4"; do
	fifo=$(mktemp -u) && mkfifo "$fifo"
	$wl $args >"$fifo" &
	pid=$!
	read -r -t 5 line <"$fifo"
	[ "$line" = READY ] || { kill -9 $pid; rm -f "$fifo"; fail "$args: no READY"; }
	if [ "$args" = "mem 4" ]; then
		rss=$(awk '/^Rss:/ { print $2 }' /proc/$pid/smaps_rollup)
		[ "$rss" -ge 4096 ] || { kill -9 $pid; rm -f "$fifo"; fail "mem 4: rss $rss KiB"; }
	fi
	kill -0 $pid 2>/dev/null || fail "$args: ended by itself"
	kill -9 $pid
	wait $pid 2>/dev/null
	rm -f "$fifo"
done

for bad in "" "bogus" "cpu" "cpu x" "mem -1" "io 5 6"; do
	$wl $bad >/dev/null 2>&1
	[ $? -eq 2 ] || fail "'workload $bad' does not exit 2"
done
echo "workload: every mode prints what the harness parses"
