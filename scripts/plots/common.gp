# common.gp - what every plot shares: the terminal (PNG through cairo, or
# SVG), size, font and a light grid. Set before loading: term ('png' or
# 'svg') and out (the file to write).
if (term eq 'svg') {
	set terminal svg size 960,600 dynamic font 'sans,11' background rgb 'white'
} else {
	set terminal pngcairo size 960,600 font 'sans,10' background rgb 'white'
}
set output out
# Names such as first_syscall are shown as typed, not as subscripts.
set termoption noenhanced
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd' lt 1
