# phases.gp - where the start-up time goes: one stacked bar per backend,
# one segment per phase (median time since the phase before), in shades
# of the backend's colour; the key outside names every segment, and a
# segment tall enough also has its name beside it. Variables: term, out, work (work/phases.dat, vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/phases.dat'
set title 'Start-up phases (median time in each phase, noop workload)'
set xlabel 'backend'
set ylabel 'time since t0 (ms)'
set xrange [0.4:ph_n + 0.6]
set yrange [0:*]
set xtics ()
do for [i=1:ph_n] { set xtics add (ph[i] i) }
set key outside right top vertical Left reverse font ',8' spacing 0.9 samplen 1.5
set rmargin 28
set style fill solid 1.0 border lc rgb '#333333'
plot for [k=1:seg_n] f every ::(k - 1)::(k - 1) using 1:(($2 + $3) / 2):($1 - 0.25):($1 + 0.25):2:3 \
	with boxxyerror lc rgb seg_colour[k] title seg_title[k], \
     f using ($1 + 0.27):(($2 + $3) / 2):(($3 - $2) >= lab_min ? stringcolumn(4) : '') with labels left offset 1,0 font ',8' notitle
