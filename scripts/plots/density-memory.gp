# density-memory.gp - how much memory one more instance takes: for each N,
# the fall of MemAvailable with all N instances alive (points), and the
# straight line fitted through them by least squares; its slope, in the
# key, is the memory per instance. One noisy point cannot swing a slope
# the way it swings a single N's figure. Linear axes, so the slope is
# what the eye sees. Variables: term, out, work (work/density-memory.dat,
# vars.gp), plotdir.
load plotdir.'/common.gp'
load work.'/vars.gp'
f = work.'/density-memory.dat'
set title "Density: memory one more idle instance takes\n(points: MemAvailable fall with N instances alive; lines: least-squares fit, slope in the key)"
set xlabel 'instances alive at once, N'
set ylabel 'MemAvailable fall, all N instances (MiB)'
set grid xtics ytics lc rgb '#dddddd' lt 1
set xzeroaxis lt 1 lc rgb '#999999'
set key inside left top vertical Left reverse box opaque
set autoscale yfixmin
slope(i) = dm_fit[i] ? sprintf('%s: %.2f MiB (%.0f KiB) per instance', dm[i], dm_s[i], dm_s[i] * 1024) : dm[i].': too few N to fit'
plot for [i=1:dm_n] f index (i - 1) using 1:2 with points pt 7 ps 0.9 lc rgb dm_colour[i] title slope(i), \
     for [i=1:dm_n] f index (i - 1) using 1:(dm_fit[i] ? dm_a[i] + dm_s[i] * $1 : NaN) with lines lw 2 lc rgb dm_colour[i] notitle
