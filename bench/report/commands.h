/*
 * commands.h - the analysis commands of build/bench (bench/main.c hands
 * them the command line from the command's name on):
 *   bench report [--no-plots] DIR, or DIR1 DIR2 ... (hosts.h)
 *   bench compare [--threshold X] [--stat p50|min|mean] [--all] [--other-host] BASE NEW
 *   bench export-json DIR [OUT]
 *   bench baseline-for [--kind] [--baselines DIR] RUN (baseline.c)
 * Each returns the process's exit status (see its --help).
 */
#ifndef BENCH_REPORT_COMMANDS_H
#define BENCH_REPORT_COMMANDS_H

int report_main(int argc, char **argv);
int compare_main(int argc, char **argv);
int export_json_main(int argc, char **argv);
int baseline_for_main(int argc, char **argv);

#endif
