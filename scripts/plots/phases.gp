# phases.gp - where the start-up time goes, and what comes after it. Left:
# one stacked bar per backend, one segment per phase up to READY (median
# time since the phase before), the last segment "READY read" ending at the
# backend's start-up p50, so every bar ends where start-up ends. Right:
# teardown after READY (a VM's program_exit, vm_destroyed), for backends
# that stamp it. Each segment has its name and time beside it, joined by a
# leader line. Variables: term, out, work (work/phases.dat, vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/phases.dat'
set style fill solid 1.0 border lc rgb '#333333'
unset key
set xtics ()
bw = 0.15
split = td_n > 0 ? 0.77 : 0.98
set multiplot title 'Start-up phases (noop workload, median time of each phase since the one before)'
set lmargin at screen 0.07
set rmargin at screen split
set bmargin at screen 0.1
set tmargin at screen 0.88
set title 'start-up: from t0 to the READY line read'
set ylabel 'time since t0 (ms)'
set xrange [0.75:ph_n + 1.0]
set yrange [0:ph_top * 1.1]
do for [i=1:ph_n] { set xtics add (ph[i] i) }
plot f index 0 using 1:(($2 + $3) / 2):($1 - bw):($1 + bw):2:3:4 with boxxyerror lc rgb variable, \
     '' index 0 using ($1 + bw):(($2 + $3) / 2):(0.07):($5 - ($2 + $3) / 2) with vectors nohead lc rgb '#888888', \
     '' index 0 using ($1 + bw + 0.07):5:6 with labels left font ',8'
if (td_n > 0) {
	set lmargin at screen split + 0.05
	set rmargin at screen 0.98
	set title "teardown\n(after READY)"
	set ylabel "ms, from the last phase\nbefore READY" offset 1,0
	set xrange [0.6:td_n + 1.6]
	set yrange [0:td_top * 1.1]
	set xtics ()
	do for [i=1:td_n] { set xtics add (td[i] i) }
	plot f index 1 using 1:(($2 + $3) / 2):($1 - bw):($1 + bw):2:3:4 with boxxyerror lc rgb variable, \
	     '' index 1 using ($1 + bw):(($2 + $3) / 2):(0.07):($5 - ($2 + $3) / 2) with vectors nohead lc rgb '#888888', \
	     '' index 1 using ($1 + bw + 0.07):5:6 with labels left font ',8'
}
unset multiplot
