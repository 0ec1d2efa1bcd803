# phases.gp - where the start-up time goes, and what comes after it.
# Start-up: one stacked bar per backend, one segment per phase up to READY
# (median time since the phase before), the last segment "READY read"
# ending at the backend's start-up p50, so every bar ends where start-up
# ends. Backends more than 5 times slower than the fastest (a Linux guest)
# get a panel of their own with its own scale. Teardown after READY (a
# VM's program_exit, vm_destroyed), for backends that stamp it, in the
# last panel. Each segment has its name and time beside it, joined by a
# leader line; no key. Panels are as wide as their number of bars (and
# half a bar more, for the labels of the last).
# Variables: term, out, work (work/phases.dat, phases-slow.dat,
# phases-teardown.dat, vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
array file[3] = [work.'/phases.dat', work.'/phases-slow.dat', work.'/phases-teardown.dat']
set style fill solid 1.0 border lc rgb '#333333'
unset key
bw = 0.15
bars = ph_n + pb_n + td_n
gap = 0.07
unit = (0.98 - 0.07 - gap * ((pb_n > 0) + (td_n > 0))) / (bars + 0.5 * (1 + (pb_n > 0) + (td_n > 0)))
x0 = 0.07
set bmargin at screen 0.1
set tmargin at screen 0.86
set multiplot title "Start-up phases (noop workload, median time of each phase since the one before)"
array pn[3] = [ph_n, pb_n, td_n]
array ptop[3] = [ph_top, pb_top, td_top]
array ptitle[3] = ["start-up: from t0 to the\nREADY line read (ms)", "start-up, slower backends\n(their own scale, ms)", "teardown after READY\n(ms)"]
do for [k=1:3] {
	if (pn[k] > 0) {
		set lmargin at screen x0
		set rmargin at screen x0 + unit * (pn[k] + 0.5)
		x0 = x0 + unit * (pn[k] + 0.5) + gap
		set title ptitle[k]
		set xrange [0.7:pn[k] + 1.2]
		set yrange [0:ptop[k] * 1.1]
		set xtics ()
		if (k == 1) { do for [i=1:ph_n] { set xtics add (ph[i] i) } }
		if (k == 2) { do for [i=1:pb_n] { set xtics add (pb[i] i) } }
		if (k == 3) { do for [i=1:td_n] { set xtics add (td[i] i) } }
		f = file[k]
		plot f using 1:(($2 + $3) / 2):($1 - bw):($1 + bw):2:3:4 with boxxyerror lc rgb variable, \
		     '' using ($1 + bw):(($2 + $3) / 2):(0.07):($5 - ($2 + $3) / 2) with vectors nohead lc rgb '#888888', \
		     '' using ($1 + bw + 0.07):5:6 with labels left font ',8'
	}
}
unset multiplot
