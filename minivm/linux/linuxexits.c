/*
 * linuxexits.c - what the exits of a Linux guest mean, for the library's
 * run loop (../lib/exits.c): the few devices it reaches through port I/O,
 * the 16550A UART on COM1 (uart8250.c), /init's boot and status ports
 * (initports.h), the keyboard controller's reset line.
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

#include "initports.h"
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
			mv_phase_stamp(&L->vm.phases, MV_PHASE_FIRST_OUTPUT);
		update_irq(L);
	} else if (port == LINUXVM_PORT_BOOT && value == LINUXVM_BOOT_MAGIC) {
		mv_phase_stamp(&L->vm.phases, MV_PHASE_INIT_STARTED);
	} else if (port == LINUXVM_PORT_STATUS) {
		L->status = value;
		L->status_set = 1;
		mv_phase_stamp(&L->vm.phases, MV_PHASE_PROGRAM_EXIT);
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
	char regs[MV_REGS_TEXT_MAX];

	if (mv_regs_describe(&L->vm, regs, sizeof(regs)) < 0)
		snprintf(buf, size, " (registers unavailable: %s)", regs);
	else
		snprintf(buf, size, " at %s", regs);
}

/* The guest rebooted (a triple fault with reboot=t, a reset through the
 * keyboard controller with reboot=k): the normal end, when /init reported
 * the workload's status first. */
static int guest_rebooted(struct lvm *L)
{
	uart8250_flush(&L->uart);
	if (L->status_set) {
		L->vm.program_exited = 1;
		return L->status;
	}
	mv_diag(&L->vm, "the Linux guest rebooted without a status from /init "
			"(a kernel panic? add --console to see the kernel's messages)");
	L->vm.crash_reason = (int)L->vm.run->exit_reason;
	return MINIVM_EXIT_CRASH;
}

static int guest_failed(struct lvm *L, const char *what)
{
	char where[MV_REGS_TEXT_MAX + 32];

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

static int stopped(struct mv_vm *vm, void *ctx)
{
	struct lvm *L = ctx;

	uart8250_flush(&L->uart);
	if (mv_stop_requested() == MV_STOP_TIMEOUT) {
		char where[MV_REGS_TEXT_MAX + 32];

		/* where it was tells stuck from slow */
		describe_state(L, where, sizeof(where));
		mv_diag(vm, "timeout: the Linux guest ran past --timeout %g s%s%s",
			L->cfg->timeout_s, L->status_set ? "" : " without finishing", where);
		return MINIVM_EXIT_TIMEOUT;
	}
	mv_diag(vm, "stopped by a signal");
	return MINIVM_EXIT_SIGNAL;
}

/* One exit of the Linux guest: its devices, a reboot, or a crash. */
static int linux_exit(struct mv_vm *vm, void *ctx)
{
	struct lvm *L = ctx;

	switch (vm->run->exit_reason) {
	case KVM_EXIT_IO:
		if (handle_io(L) == IO_REBOOT)
			return guest_rebooted(L);
		return MV_RUN_AGAIN;
	case KVM_EXIT_MMIO:
		handle_mmio(L);
		return MV_RUN_AGAIN;
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

/* The library's run loop (../lib/exits.c) with the Linux guest's exits. */
int lvm_run_loop(struct lvm *L)
{
	const struct mv_exit_handler linux_guest = {
	    .on_exit = linux_exit, .on_stop = stopped, .ctx = L};

	return mv_run_vcpu(&L->vm, &linux_guest);
}
