# memory.gp - memory per instance, one panel per metric (pss, cgroup,
# system; those the run has): each bar is the workload's own figure (the plain process's,
# hatched) with the backend's overhead (backend minus process, solid) on
# top; the total is written above. Log y: a full Linux guest and a
# container differ a hundredfold. Variables: term, out, work, plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/memory.dat'
# The y range of each panel, from the data alone (stats obeys any range
# already set, hence before the ranges): from a third of the smallest
# figure drawn (workload part included) to three times the largest.
array ylo[mm_n]
array yhi[mm_n]
do for [m=1:mm_n] {
	stats f index (m - 1) using 4 nooutput
	ylo[m] = STATS_min / 3
	yhi[m] = STATS_max * 3
	stats f index (m - 1) using 2 nooutput
	if (STATS_min > 0 && STATS_min / 3 < ylo[m]) { ylo[m] = STATS_min / 3 }
}
set multiplot layout 1,mm_n title "Memory per instance (idle workload, p50): the workload and the overhead of running it\n(figures of 0 or below, MemAvailable noise, are left out: log scale)" \
	margins 0.07,0.98,0.24,0.88 spacing 0.07,0.05
metric(m) = m eq 'pss' ? 'pss (MiB)' : m eq 'cgroup' ? 'cgroup (MiB)' : 'system: MemAvailable fall (MiB)'
do for [i=1:mem_n] { set linetype i lc rgb mem_colour[i] lw 1 }
set xrange [0.4:mem_n + 0.6]
set xtics () rotate by 30 right
do for [i=1:mem_n] { set xtics add (mem[i] i) }
set logscale y
set ylabel 'MiB per instance (log scale)'
set key off
do for [m=1:mm_n] {
	lo = ylo[m]
	set yrange [lo:yhi[m]]
	set title metric(mm[m])
	if (m == mm_n) {
		set key at screen 0.5, screen 0.02 center bottom horizontal
	}
	plot f index (m - 1) using 1:($2 > 0 ? $2 : NaN):($1 - 0.35):($1 + 0.35):(lo):2:5 with boxxyerror fs pattern 4 lc variable notitle, \
	     '' index (m - 1) using 1:4:($1 - 0.35):($1 + 0.35):($2 > lo ? $2 : lo):4:5 with boxxyerror fs solid 0.85 lc variable notitle, \
	     '' index (m - 1) using 1:4:(sprintf('%.2f', $4)) with labels offset 0,0.7 font ',8' notitle, \
	     keyentry with boxes fs pattern 4 lc rgb '#555555' title 'workload (the plain process: same for all)', \
	     keyentry with boxes fs solid 0.85 lc rgb '#555555' title 'overhead (backend − process; colour = backend)'
	set ylabel ''
}
unset multiplot
