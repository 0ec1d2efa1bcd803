# overhead.gp - what running a workload inside a backend costs in time:
# per workload a cluster of bars, one per backend, each from 1 (the plain
# process) to the backend's elapsed p50 ÷ the process's; log y, so that 2x
# slower and 2x faster look alike. Each bar carries its ratio and the
# backend's own time; under each cluster, the process's time, so that
# the ratios can be read as times too.
# Variables: term, out, work (overhead.dat, vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/overhead.dat'
set title 'Run-time cost relative to the plain process (elapsed p50 ÷ process p50)' offset 0,1.6
set ylabel 'elapsed ÷ plain process (log scale; 1 = no overhead)'
set logscale y
stats f using 2 nooutput
set yrange [(STATS_min < 1 ? STATS_min : 1) / 1.6:(STATS_max > 1 ? STATS_max : 1) * 2.2]
set xrange [0.4:cluster_n + 0.6]
set xtics ()
do for [j=1:cluster_n] { set xtics add (cluster[j] j) }
set bmargin 6
set xlabel "workload (N = its iterations, system calls or lines) and the plain process time" offset 0,-1.3
set ytics (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead dt 2 lc rgb 'black'
set tmargin 6
set key at screen 0.5, screen 0.9 center top horizontal Left reverse samplen 2 width 1
set style fill solid 0.85 border
# labels: above a bar that rises from 1, below one that falls; offsets in
# characters, so that they keep their distance at any scale
up(y) = y >= 1 ? y : NaN
down(y) = y < 1 ? y : NaN
plot for [i=1:ov_n] f index (i - 1) using 1:2:($1 - bar_w / 2):($1 + bar_w / 2):(1):2 with boxxyerror lc rgb ov_colour[i] title ov[i], \
     f using 1:(up($2)):3 with labels font ',8' offset 0,1.5 notitle, \
     f using 1:(up($2)):4 with labels font ',7' offset 0,0.6 tc rgb '#444444' notitle, \
     f using 1:(down($2)):3 with labels font ',8' offset 0,-0.6 notitle, \
     f using 1:(down($2)):4 with labels font ',7' offset 0,-1.5 tc rgb '#444444' notitle
