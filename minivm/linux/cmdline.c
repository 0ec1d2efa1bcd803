/*
 * cmdline.c - a kernel command line for a microVM that boots fast.
 *
 * A distribution kernel is built for PCs and clouds: at boot it looks for
 * firmware tables, buses and legacy devices, and each look costs time (in a
 * VM, every probe of an I/O port is an exit to the VMM). Our machine has
 * none of these, and each word below says so to the kernel, or makes it
 * stop at once when the workload is done. The same ideas are in
 * Firecracker's and kvmtool's defaults; the reasons are given per word.
 */
#include <stdio.h>
#include <string.h>

#include "cmdline.h"

static const char *const default_words[] = {
    /* Reboot by a triple fault: KVM reports it as KVM_EXIT_SHUTDOWN and
     * minivm stops the VM. (reboot=k, the keyboard controller's reset
     * line, would first wait for a controller that is not there.) */
    "reboot=t",
    /* On a panic, reboot at once instead of hanging: a broken guest
     * ends the VM (and minivm says so) rather than running to the
     * timeout. */
    "panic=-1",
    /* No PCI bus: skip scanning its configuration space (thousands of
     * port accesses through 0xcf8/0xcfc, each an exit). */
    "pci=off",
    /* No ACPI tables: skip searching low memory for them. Without them
     * (and without an MP table) Linux runs one CPU with the PIC in
     * "virtual wire" mode, which the in-kernel irqchip provides. */
    "acpi=off",
    /* The i8042 keyboard controller driver is built in; if it finds
     * anything at ports 0x60/0x64, do not probe for a mouse port, a
     * multiplexer or PnP entries, and do not wait for a keyboard. */
    "i8042.noaux",
    "i8042.nomux",
    "i8042.nopnp",
    "i8042.dumbkbd",
    /* One serial port (COM1, our console UART): do not probe COM2..4. */
    "8250.nr_uarts=1",
    /* KVM gives a constant, synchronised TSC: do not have the
     * clocksource watchdog check it against slower clocks. */
    "tsc=reliable",
    /* Skip the check that the timer interrupt arrives through the IO-APIC
     * (it waits for ticks, and a busy host can make it fail). */
    "no_timer_check",
    /* /init is our own init.c, given explicitly so that no other file of
     * the initramfs is tried. */
    "rdinit=/init",
    NULL,
};

/* Appends " word" (or "word" at the start); -1 when it does not fit. */
static int append(char *buf, size_t size, size_t *len, const char *word)
{
	int n = snprintf(buf + *len, size - *len, "%s%s", *len ? " " : "", word);

	if (n < 0 || (size_t)n >= size - *len)
		return -1;
	*len += (size_t)n;
	return 0;
}

int linux_cmdline_build(char *buf, size_t size, int console, const char *extra)
{
	size_t len = 0;

	if (size == 0)
		return -1;
	buf[0] = '\0';
	for (int i = 0; default_words[i]; i++)
		if (append(buf, size, &len, default_words[i]))
			return -1;
	/* The kernel's console, only when asked: each byte to a serial
	 * console is an exit, and a distribution kernel prints some 30 KiB
	 * at boot. Without it the kernel's messages go to a dummy console
	 * at no cost, and /init still gives the workload ttyS0 as its
	 * standard output (init.c). */
	if (console && append(buf, size, &len, "console=ttyS0"))
		return -1;
	if (extra && *extra && append(buf, size, &len, extra))
		return -1;
	return 0;
}
