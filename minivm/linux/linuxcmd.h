/*
 * linuxcmd.h - the Linux boot's part of the `minivm` command.
 */
#ifndef MINIVM_LINUX_LINUXCMD_H
#define MINIVM_LINUX_LINUXCMD_H

/* For `minivm run ...` (argv[1] is "run"): 1 if this is a Linux boot,
 * that is, an option only a Linux boot has (--initrd, --cmdline, --append,
 * --console, --force) comes before PROGRAM, or --kernel names a Linux
 * kernel (a bzImage, or an ELF file with a "Linux" note). */
int linuxvm_wanted(int argc, char **argv);

/* Parse the options of `minivm run` for a Linux boot and run it; returns
 * the exit status for the command. */
int linuxvm_main(int argc, char **argv);

#endif
