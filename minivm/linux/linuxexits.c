/*
 * linuxexits.c - the run loop of a Linux guest and the few devices it
 * reaches through port I/O: the 16550A UART on COM1 (uart8250.c), /init's
 * boot and status ports (linuxvm.h), the keyboard controller's reset line.
 * The interrupt controllers and the timer live in KVM (KVM_CREATE_IRQCHIP,
 * KVM_CREATE_PIT2), so their ports never come out here.
 *
 * Any other port reads as all ones and ignores writes, as an ISA bus with
 * nothing plugged in does: that is how Linux's drivers find out a device
 * is absent.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>

#include "linuxvm.h"
#include "lvm.h"

#define I8042_COMMAND_PORT 0x64
#define I8042_CMD_RESET	   0xfe /* pulse the CPU reset line: reboot=k */

enum io_result { IO_CONTINUE, IO_REBOOT };

/* Tell KVM's interrupt controllers when the UART's line changes. The PIC
 * sees ISA interrupts as edges: the driver gets one interrupt per rise. */
static void update_irq(struct lvm *L)
{
	int level = uart8250_irq_level(&L->uart);
	struct kvm_irq_level irq = {.irq = UART_COM1_IRQ, .level = (uint32_t)level};

	if (level == L->irq_level)
		return;
	if (ioctl(L->vm.vm_fd, KVM_IRQ_LINE, &irq) < 0)
		mv_diag(&L->vm, "KVM_IRQ_LINE: %s", strerror(errno));
	L->irq_level = level;
}

static void port_out(struct lvm *L, uint16_t port, uint8_t value, enum io_result *res)
{
	if (port >= UART_COM1_BASE && port < UART_COM1_BASE + UART_NPORTS) {
		uart8250_write(&L->uart, port - UART_COM1_BASE, value);
		if (L->uart.tx_bytes)
			lvm_stamp(L, LVM_FIRST_OUTPUT);
		update_irq(L);
	} else if (port == LINUXVM_PORT_BOOT && value == LINUXVM_BOOT_MAGIC) {
		lvm_stamp(L, LVM_INIT_STARTED);
	} else if (port == LINUXVM_PORT_STATUS) {
		L->status = value;
		L->status_set = 1;
		lvm_stamp(L, LVM_PROGRAM_EXIT);
	} else if (port == I8042_COMMAND_PORT && value == I8042_CMD_RESET) {
		*res = IO_REBOOT;
	}
}

static uint8_t port_in(struct lvm *L, uint16_t port)
{
	if (port >= UART_COM1_BASE && port < UART_COM1_BASE + UART_NPORTS) {
		uint8_t v = uart8250_read(&L->uart, port - UART_COM1_BASE);

		update_irq(L);
		return v;
	}
	return 0xff;
}

/* One KVM_EXIT_IO may carry several accesses (a REP INS/OUTS): count
 * elements of size bytes each, in the kvm_run page at data_offset. Our
 * devices are byte-wide: wider accesses use the low byte, and reads fill
 * the rest with ones. */
static enum io_result handle_io(struct lvm *L)
{
	struct kvm_run *run = L->vm.run;
	uint8_t *data = (uint8_t *)run + run->io.data_offset;
	enum io_result res = IO_CONTINUE;
	uint64_t bytes = (uint64_t)run->io.size * run->io.count;

	if (run->io.data_offset >= L->vm.run_size || bytes > L->vm.run_size - run->io.data_offset)
		return IO_CONTINUE; /* KVM never does this; ignore rather than overrun */
	for (uint32_t i = 0; i < run->io.count; i++) {
		uint8_t *d = data + (size_t)i * run->io.size;

		if (run->io.direction == KVM_EXIT_IO_OUT) {
			port_out(L, run->io.port, d[0], &res);
		} else {
			memset(d, 0xff, run->io.size);
			d[0] = port_in(L, run->io.port);
		}
	}
	return res;
}

/* No memory-mapped devices: reads of unbacked addresses give all ones
 * (the local APIC and IO-APIC pages are KVM's and never come out here). */
static void handle_mmio(struct lvm *L)
{
	struct kvm_run *run = L->vm.run;

	if (!run->mmio.is_write)
		memset(run->mmio.data, 0xff, sizeof(run->mmio.data));
}

/* Where the vCPU is, as " at rip=... ..." for the end of a diagnostic line
 * (one line per event: a harness keeps the last line as the reason). */
static void describe_state(struct lvm *L, char *buf, size_t size)
{
	struct kvm_regs r;
	struct kvm_sregs s;

	if (ioctl(L->vm.vcpu_fd, KVM_GET_REGS, &r) < 0 ||
	    ioctl(L->vm.vcpu_fd, KVM_GET_SREGS, &s) < 0) {
		snprintf(buf, size, " (registers unavailable: %s)", strerror(errno));
		return;
	}
	snprintf(buf, size,
		 " at rip=0x%llx rsp=0x%llx rflags=0x%llx cs=0x%x cr0=0x%llx cr2=0x%llx "
		 "cr3=0x%llx cr4=0x%llx efer=0x%llx",
		 r.rip, r.rsp, r.rflags, s.cs.selector, s.cr0, s.cr2, s.cr3, s.cr4, s.efer);
}

/* The guest rebooted (a triple fault with reboot=t, a reset through the
 * keyboard controller with reboot=k): the normal end, when /init reported
 * the workload's status first. */
static int guest_rebooted(struct lvm *L)
{
	uart8250_flush(&L->uart);
	if (L->status_set)
		return L->status;
	mv_diag(&L->vm, "the Linux guest rebooted without a status from /init "
			"(a kernel panic? add --console to see the kernel's messages)");
	L->vm.crash_reason = (int)L->vm.run->exit_reason;
	return MINIVM_EXIT_CRASH;
}

static int guest_failed(struct lvm *L, const char *what)
{
	char where[256];

	uart8250_flush(&L->uart);
	L->vm.crash_reason = (int)L->vm.run->exit_reason;
	describe_state(L, where, sizeof(where));
	if (L->vm.run->exit_reason == KVM_EXIT_INTERNAL_ERROR)
		mv_diag(&L->vm, "guest crashed: %s (suberror %u)%s", what,
			L->vm.run->internal.suberror, where);
	else
		mv_diag(&L->vm, "guest crashed: %s (exit reason %u)%s", what,
			L->vm.run->exit_reason, where);
	return MINIVM_EXIT_CRASH;
}

static int stopped(struct lvm *L)
{
	uart8250_flush(&L->uart);
	if (mv_stop_requested() == MV_STOP_TIMEOUT) {
		char where[256];

		/* where it was tells stuck from slow */
		describe_state(L, where, sizeof(where));
		mv_diag(&L->vm, "timeout: the Linux guest ran past --timeout %g s%s%s",
			L->cfg->timeout_s, L->status_set ? "" : " without finishing", where);
		return MINIVM_EXIT_TIMEOUT;
	}
	mv_diag(&L->vm, "stopped by a signal");
	return MINIVM_EXIT_SIGNAL;
}

int lvm_run_loop(struct lvm *L)
{
	for (;;) {
		if (mv_stop_requested() != MV_STOP_NONE)
			return stopped(L);
		if (L->vm.trace)
			mv_trace_run(&L->vm);
		int rc = ioctl(L->vm.vcpu_fd, KVM_RUN, 0);
		if (L->vm.trace)
			mv_trace_exit(&L->vm, rc);
		if (rc < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				L->vm.run->immediate_exit = 0;
				continue;
			}
			mv_diag(&L->vm, "KVM_RUN: %s", strerror(errno));
			return MINIVM_EXIT_ERROR;
		}
		switch (L->vm.run->exit_reason) {
		case KVM_EXIT_IO:
			if (handle_io(L) == IO_REBOOT)
				return guest_rebooted(L);
			break;
		case KVM_EXIT_MMIO:
			handle_mmio(L);
			break;
		case KVM_EXIT_SHUTDOWN:
		case KVM_EXIT_SYSTEM_EVENT:
			return guest_rebooted(L);
		case KVM_EXIT_HLT:
			return guest_failed(L, "the kernel halted");
		case KVM_EXIT_INTERNAL_ERROR:
			return guest_failed(L, "KVM could not emulate an instruction");
		case KVM_EXIT_FAIL_ENTRY:
			return guest_failed(L, "the CPU refused to enter the guest");
		default:
			return guest_failed(L, "unexpected exit");
		}
	}
}
