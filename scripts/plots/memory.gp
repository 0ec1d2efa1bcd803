# memory.gp - what one idle instance costs in memory, one panel per metric
# (pss, cgroup, system; those the run has): a horizontal bar per backend
# with its figure written at its end, on a linear axis, so that bars
# compare as the numbers do and the figures have room to be read; the
# dashed line is the plain process (the workload alone). The system panel
# takes its figures from where the claims take them: the density run at
# the largest N every backend reached, else the memory run. A figure below
# 0 (MemAvailable rose: noise) is drawn left of the axis.
# Variables: term, out, work (work/memory.dat, vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/memory.dat'
# The x range of each panel, from the data alone (stats obeys any range
# already set, hence before the ranges): room right of the longest bar for
# its figure, and left of 0 for a figure below 0.
array xlo[mm_n]
array xhi[mm_n]
do for [m=1:mm_n] {
	stats f index (m - 1) using 2 nooutput
	xhi[m] = STATS_max > 0 ? STATS_max * 1.45 : 1
	xlo[m] = STATS_min < 0 ? STATS_min * 1.6 : 0
}
set multiplot layout 1,mm_n title "Memory per instance (idle workload, p50; dashed: the plain process)" \
	margins 0.13,0.97,0.12,0.86 spacing 0.03,0.05
# the first backend on top
set yrange [mem_n + 0.6:0.4]
set ytics () scale 0
do for [i=1:mem_n] { set ytics add (mem[i] i) }
set xlabel 'MiB per instance'
set key off
set grid xtics noytics lc rgb '#dddddd' lt 1
set style fill solid 0.85 border lc rgb '#333333'
set yzeroaxis lt 1 lc rgb '#333333'
do for [m=1:mm_n] {
	set xrange [xlo[m]:xhi[m]]
	set title mm[m]
	if (mm_proc[m] == mm_proc[m]) {
		set arrow 1 from first mm_proc[m], graph 0 to first mm_proc[m], graph 1 nohead dt 2 lc rgb '#444444' front
	} else {
		unset arrow 1
	}
	plot f index (m - 1) using ($2 / 2):1:(0):2:($1 - 0.3):($1 + 0.3):3 with boxxyerror lc rgb variable, \
	     '' index (m - 1) using ($2 > 0 ? $2 : 0):1:4 with labels left offset 0.6,0 font ',9'
	# the backends' names once, left of the first panel
	set ytics ()
	do for [i=1:mem_n] { set ytics add ('' i) }
}
unset multiplot
