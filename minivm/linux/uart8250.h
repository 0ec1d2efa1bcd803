/*
 * uart8250.h - a 16550A serial port (UART), as much of it as Linux's 8250
 * driver and its earlyprintk need to use it as the console.
 *
 * The UART has eight byte-wide registers at consecutive I/O ports (COM1:
 * 0x3f8..0x3ff). The VMM passes each guest IN/OUT on them here; this file
 * has no KVM in it, only the chip's register behaviour, so that it can be
 * tested alone. What the guest transmits comes out, line by line, through
 * the out() callback; the guest never receives anything (no input), except
 * its own bytes in loopback mode, which the driver uses to probe the chip.
 *
 * Registers (offset from the base port; DLAB is bit 7 of LCR):
 *   0  write: THR, transmit a byte   read: RBR, received byte   (DLAB: DLL)
 *   1  IER, interrupt enable                                    (DLAB: DLM)
 *   2  read: IIR, interrupt identification   write: FCR, FIFO control
 *   3  LCR, line control      4  MCR, modem control
 *   5  LSR, line status       6  MSR, modem status      7  SCR, scratch
 */
#ifndef MINIVM_LINUX_UART8250_H
#define MINIVM_LINUX_UART8250_H

#include <stddef.h>
#include <stdint.h>

#define UART_COM1_BASE 0x3f8
#define UART_COM1_IRQ  4 /* the PC's IRQ for COM1, wired to the PIC/IOAPIC */
#define UART_NPORTS    8

/* Register offsets */
#define UART_RBR 0 /* also THR, DLL */
#define UART_IER 1 /* also DLM */
#define UART_IIR 2 /* also FCR */
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_MSR 6
#define UART_SCR 7

/* Bits */
#define UART_IER_RDI	  0x01 /* interrupt when a byte has been received */
#define UART_IER_THRI	  0x02 /* interrupt when THR is empty */
#define UART_IIR_NO_INT	  0x01
#define UART_IIR_THRI	  0x02
#define UART_IIR_RDI	  0x04
#define UART_IIR_FIFO	  0xc0 /* both bits set: a 16550A with FIFOs on */
#define UART_FCR_ENABLE	  0x01
#define UART_FCR_CLEAR_RX 0x02
#define UART_LCR_DLAB	  0x80
#define UART_MCR_DTR	  0x01
#define UART_MCR_RTS	  0x02
#define UART_MCR_OUT1	  0x04
#define UART_MCR_OUT2	  0x08
#define UART_MCR_LOOP	  0x10
#define UART_LSR_DR	  0x01 /* a received byte is waiting */
#define UART_LSR_THRE	  0x20 /* THR empty: the driver may write the next byte */
#define UART_LSR_TEMT	  0x40 /* transmitter idle */
#define UART_MSR_CTS	  0x10
#define UART_MSR_DSR	  0x20
#define UART_MSR_RI	  0x40
#define UART_MSR_DCD	  0x80

#define UART_LINE_MAX 512

/* Called with each complete line (its '\n' included), or with a partial
 * line when the buffer fills or on uart8250_flush(). */
typedef void (*uart8250_out_fn)(void *ctx, const char *buf, size_t len);

struct uart8250 {
	uint8_t ier, lcr, mcr, scr, dll, dlm;
	uint8_t fifo_on;      /* FCR bit 0 */
	uint8_t rbr;	      /* received byte (loopback only) */
	uint8_t rx_full;      /* rbr holds a byte: LSR.DR */
	uint8_t thri_pending; /* THR-empty interrupt raised and not yet taken */
	uint64_t tx_bytes;    /* bytes transmitted, for diagnostics */
	char line[UART_LINE_MAX];
	size_t len;
	uart8250_out_fn out;
	void *ctx;
};

void uart8250_init(struct uart8250 *u, uart8250_out_fn out, void *ctx);

/* A guest OUT of value to base + offset (offset 0..7). */
void uart8250_write(struct uart8250 *u, unsigned offset, uint8_t value);

/* A guest IN from base + offset; reading can change state (IIR, RBR). */
uint8_t uart8250_read(struct uart8250 *u, unsigned offset);

/* 1 while the UART asserts its interrupt line, else 0. */
int uart8250_irq_level(const struct uart8250 *u);

/* Pass on what is buffered (a line without its '\n' yet). */
void uart8250_flush(struct uart8250 *u);

#endif
