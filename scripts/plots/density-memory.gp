# density-memory.gp - system memory per instance as N instances run at
# once, one line per backend, log x and log y.
# Variables: term, out, work (work/density.dat, vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/density.dat'
set title "Density: system memory per instance with N instances alive (idle workload)\n(a fall of 0 or below, MemAvailable noise, cannot be drawn on a log scale and is left out)"
set xlabel 'instances alive at once, N (log scale)'
set ylabel 'MemAvailable fall / N (MiB per instance, log scale)'
set logscale x 2
set logscale y
set grid xtics ytics lc rgb '#dddddd' lt 1
set key outside right top vertical
plot for [i=1:dn_n] f index (i - 1) using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb dn_colour[i] title dn[i]
