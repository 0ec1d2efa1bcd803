# startup.gp - start-up latency per backend: the distribution of every
# sample (box: quartiles and median, whiskers, each sample a point), log y.
# Variables: term, out, work (data: work/startup.dat, work/vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/startup.dat'
set title 'Start-up latency per backend (noop workload, every sample)'
set xlabel 'backend'
set ylabel 'start-up: READY line read minus t0 (ms, log scale)'
set logscale y
set xrange [0.4:st_n + 0.6]
set xtics ()
do for [i=1:st_n] { set xtics add (st[i] i) }
do for [i=1:st_n] { set linetype i lc rgb st_colour[i] lw 1.5 }
unset key
set style boxplot nooutliers
set boxwidth 0.55
set style fill transparent solid 0.25 border
plot for [i=1:st_n] f index (i - 1) using (i):3 with boxplot lt i, \
     for [i=1:st_n] f index (i - 1) using 2:3 with points pt 7 ps 0.45 lt i
