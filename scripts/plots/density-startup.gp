# density-startup.gp - start-up latency (p50 solid, p95 dashed) of each of
# N instances started together, one colour per backend, log x and log y.
# Variables: term, out, work (work/density.dat, vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/density.dat'
set title 'Density: start-up latency with N instances started (idle workload)'
set xlabel 'instances started together, N (log scale)'
set ylabel 'start-up per instance (ms, log scale)'
set logscale x 2
set logscale y
set grid xtics ytics lc rgb '#dddddd' lt 1
set key outside right top vertical
plot for [i=1:dn_n] f index (i - 1) using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb dn_colour[i] title dn[i].' p50', \
     for [i=1:dn_n] f index (i - 1) using 1:3 with linespoints lw 1.5 dt 2 pt 6 ps 0.8 lc rgb dn_colour[i] title dn[i].' p95'
