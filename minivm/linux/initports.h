/*
 * initports.h - the small contract between minivm and the /init it puts in a
 * Linux guest's initramfs (init.c). Everything else a Linux guest gets is
 * standard PC hardware: the 16550A UART on COM1 (uart8250.h) and, for a
 * reboot, the keyboard controller's reset line or a triple fault.
 *
 * Two I/O ports, written with a one-byte OUT from /init (PID 1 may use
 * ioperm(2) to reach them):
 *   LINUXVM_PORT_BOOT    the value LINUXVM_BOOT_MAGIC: /init has started.
 *                        The same port and value as Firecracker's boot
 *                        timer, so a Firecracker guest image marks its
 *                        boot here too.
 *   LINUXVM_PORT_STATUS  the workload's exit status (0..255), just before
 *                        /init reboots the machine; minivm exits with it.
 * These ports belong to the PC's floppy controller, which a microVM has
 * not got, and the guest kernel loads no floppy driver (no modules).
 */
#ifndef MINIVM_LINUX_INITPORTS_H
#define MINIVM_LINUX_INITPORTS_H

#define LINUXVM_PORT_BOOT   0x3f0
#define LINUXVM_BOOT_MAGIC  123
#define LINUXVM_PORT_STATUS 0x3f1

/* What /init runs when the kernel command line names nothing (words after
 * "--" on the kernel command line become /init's argv): the first of these
 * that exists. The image of `make image` has bin/workload; an initramfs made
 * with `mkinitramfs --workload FILE` has /workload. */
#define LINUXVM_WORKLOAD     "/workload"
#define LINUXVM_WORKLOAD_BIN "/bin/workload"

#endif
