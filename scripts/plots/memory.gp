# memory.gp - what one idle instance costs in memory, one panel per metric
# (pss, cgroup, system; those the run has): a bar per backend with its
# figure written on it, on a linear axis, so that bars compare as the
# numbers do; the dashed line is the plain process (the workload alone).
# The system panel takes its figures from where the claims take them: the
# density run at the largest N every backend reached, else the memory run.
# A figure below 0 (MemAvailable rose: noise) is drawn below the axis.
# Variables: term, out, work (work/memory.dat, vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/memory.dat'
set multiplot layout 1,mm_n title "Memory per instance (idle workload, p50; dashed: the plain process)" \
	margins 0.07,0.98,0.16,0.86 spacing 0.07,0.05
set xrange [0.4:mem_n + 0.6]
set xtics () rotate by 30 right
do for [i=1:mem_n] { set xtics add (mem[i] i) }
set ylabel 'MiB per instance'
set key off
set style fill solid 0.85 border lc rgb '#333333'
set xzeroaxis lt 1 lc rgb '#333333'
do for [m=1:mm_n] {
	# stats obeys a range already set: the last panel's must go first
	set yrange [*:*]
	stats f index (m - 1) using 2 nooutput
	hi = STATS_max > 0 ? STATS_max * 1.18 : 1
	lo = STATS_min < 0 ? STATS_min * 1.4 : 0
	set yrange [lo:hi]
	set title mm[m]
	if (mm_proc[m] == mm_proc[m]) {
		set arrow 1 from graph 0, first mm_proc[m] to graph 1, first mm_proc[m] nohead dt 2 lc rgb '#444444' front
	} else {
		unset arrow 1
	}
	plot f index (m - 1) using 1:($2 / 2):($1 - 0.3):($1 + 0.3):(0):2:3 with boxxyerror lc rgb variable, \
	     '' index (m - 1) using 1:2:4 with labels offset 0,0.7 font ',9'
	set ylabel ''
}
unset multiplot
