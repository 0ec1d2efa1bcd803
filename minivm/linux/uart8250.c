/*
 * uart8250.c - the register behaviour of a 16550A UART with an infinitely
 * fast line: a byte written to THR is sent at once, so THR is always empty
 * again (LSR THRE and TEMT always set) and the driver never waits.
 */
#include <string.h>

#include "uart8250.h"

void uart8250_init(struct uart8250 *u, uart8250_out_fn out, void *ctx)
{
	memset(u, 0, sizeof(*u));
	u->out = out;
	u->ctx = ctx;
	/* A 16550 comes out of reset with its writable registers at zero;
	 * LSR and MSR are computed on each read. */
}

void uart8250_flush(struct uart8250 *u)
{
	if (u->len > 0 && u->out)
		u->out(u->ctx, u->line, u->len);
	u->len = 0;
}

static void transmit(struct uart8250 *u, uint8_t c)
{
	u->tx_bytes++;
	u->line[u->len++] = (char)c;
	if (c == '\n' || u->len == sizeof(u->line))
		uart8250_flush(u);
}

/* Writing THR: in loopback mode (MCR.LOOP) the byte comes back into RBR
 * instead of going out, which is how drivers test that a UART is there. */
static void write_thr(struct uart8250 *u, uint8_t c)
{
	if (u->mcr & UART_MCR_LOOP) {
		u->rbr = c;
		u->rx_full = 1;
	} else {
		transmit(u, c);
	}
	/* The byte left THR at once: THR is empty again, and a 16550 raises
	 * its THR-empty interrupt each time that happens. */
	u->thri_pending = 1;
}

/* The interrupt the UART reports in IIR, highest priority first: received
 * data, then THR empty. (No line-status or modem-status interrupts: the
 * line never fails and the modem lines never change.) */
static uint8_t pending_iir(const struct uart8250 *u)
{
	if ((u->ier & UART_IER_RDI) && u->rx_full)
		return UART_IIR_RDI;
	if ((u->ier & UART_IER_THRI) && u->thri_pending)
		return UART_IIR_THRI;
	return UART_IIR_NO_INT;
}

int uart8250_irq_level(const struct uart8250 *u)
{
	return pending_iir(u) != UART_IIR_NO_INT;
}

static void write_ier(struct uart8250 *u, uint8_t value)
{
	uint8_t was = u->ier;

	/* Only the low four bits exist on a 16550; Linux's probe checks
	 * that writing 0x0f reads back as 0x0f. */
	u->ier = value & 0x0f;
	/* Enabling the THR-empty interrupt while THR is empty raises it at
	 * once (Linux tests for UARTs that fail to, "UART_BUG_THRE"). */
	if ((u->ier & UART_IER_THRI) && !(was & UART_IER_THRI))
		u->thri_pending = 1;
}

static void write_fcr(struct uart8250 *u, uint8_t value)
{
	u->fifo_on = value & UART_FCR_ENABLE;
	if (value & UART_FCR_CLEAR_RX)
		u->rx_full = 0;
}

void uart8250_write(struct uart8250 *u, unsigned offset, uint8_t value)
{
	int dlab = u->lcr & UART_LCR_DLAB;

	switch (offset) {
	case UART_RBR:
		if (dlab)
			u->dll = value; /* baud rate divisor: meaningless here, kept */
		else
			write_thr(u, value);
		break;
	case UART_IER:
		if (dlab)
			u->dlm = value;
		else
			write_ier(u, value);
		break;
	case UART_IIR:
		write_fcr(u, value);
		break;
	case UART_LCR:
		u->lcr = value;
		break;
	case UART_MCR:
		u->mcr = value & 0x1f;
		break;
	case UART_SCR:
		u->scr = value;
		break;
	default:
		break; /* LSR and MSR are read-only */
	}
}

static uint8_t read_rbr(struct uart8250 *u)
{
	u->rx_full = 0;
	return u->rbr;
}

/* Reading IIR while it reports THR empty acknowledges that interrupt. */
static uint8_t read_iir(struct uart8250 *u)
{
	uint8_t iir = pending_iir(u);

	if (iir == UART_IIR_THRI)
		u->thri_pending = 0;
	return iir | (u->fifo_on ? UART_IIR_FIFO : 0);
}

/* Modem status: in loopback mode the outputs of MCR show up as the inputs
 * (RTS as CTS, DTR as DSR, OUT1 as RI, OUT2 as DCD), which Linux's probe
 * checks; otherwise a modem that is always there and always ready. */
static uint8_t read_msr(const struct uart8250 *u)
{
	uint8_t msr = 0;

	if (!(u->mcr & UART_MCR_LOOP))
		return UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS;
	if (u->mcr & UART_MCR_RTS)
		msr |= UART_MSR_CTS;
	if (u->mcr & UART_MCR_DTR)
		msr |= UART_MSR_DSR;
	if (u->mcr & UART_MCR_OUT1)
		msr |= UART_MSR_RI;
	if (u->mcr & UART_MCR_OUT2)
		msr |= UART_MSR_DCD;
	return msr;
}

uint8_t uart8250_read(struct uart8250 *u, unsigned offset)
{
	int dlab = u->lcr & UART_LCR_DLAB;

	switch (offset) {
	case UART_RBR:
		return dlab ? u->dll : read_rbr(u);
	case UART_IER:
		return dlab ? u->dlm : u->ier;
	case UART_IIR:
		return read_iir(u);
	case UART_LCR:
		return u->lcr;
	case UART_MCR:
		return u->mcr;
	case UART_LSR:
		return UART_LSR_THRE | UART_LSR_TEMT | (u->rx_full ? UART_LSR_DR : 0);
	case UART_MSR:
		return read_msr(u);
	case UART_SCR:
		return u->scr;
	default:
		return 0xff; /* outside the chip: an ISA bus reads all ones */
	}
}
