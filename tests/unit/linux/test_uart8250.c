/*
 * test_uart8250.c - the 16550A model: the checks Linux's 8250 driver makes
 * when it probes the chip, transmission line by line, and interrupts.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "uart8250.h"

static char got[4096];
static size_t got_len;
static int calls;

static void collect(void *ctx, const char *buf, size_t len)
{
	memcpy(got + got_len, buf, len);
	got_len += len;
	got[got_len] = '\0';
	calls++;
}

static int setup(void **state)
{
	got_len = 0;
	got[0] = '\0';
	calls = 0;
	return 0;
}

static void send(struct uart8250 *u, const char *s)
{
	while (*s) {
		/* what a polling driver does: wait for THRE, then write */
		assert_true(uart8250_read(u, UART_LSR) & UART_LSR_THRE);
		uart8250_write(u, UART_RBR, (uint8_t)*s++);
	}
}

static void transmits_lines(void **state)
{
	struct uart8250 u;

	uart8250_init(&u, collect, NULL);
	send(&u, "Linux version 6.1\n");
	assert_string_equal(got, "Linux version 6.1\n");
	assert_int_equal(calls, 1);
	send(&u, "partial");
	assert_int_equal(calls, 1); /* held until the line ends */
	uart8250_flush(&u);
	assert_string_equal(got, "Linux version 6.1\npartial");
	assert_int_equal(calls, 2);
	assert_int_equal(u.tx_bytes, 25);
}

static void long_line_is_passed_on_in_pieces(void **state)
{
	struct uart8250 u;
	char line[UART_LINE_MAX + 11];

	uart8250_init(&u, collect, NULL);
	memset(line, 'a', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\0';
	send(&u, line);
	uart8250_flush(&u);
	assert_int_equal(got_len, sizeof(line) - 1);
	assert_int_equal(calls, 2);
}

/* Linux's autoconfig(): IER keeps its low 4 bits; in loopback mode with
 * OUT2|RTS set, MSR's top nibble reads 0x90; with FIFOs enabled IIR's top
 * bits read 0xc0, which makes the port a 16550A. */
static void passes_linux_probe(void **state)
{
	struct uart8250 u;

	uart8250_init(&u, collect, NULL);
	uart8250_write(&u, UART_IER, 0);
	assert_int_equal(uart8250_read(&u, UART_IER) & 0x0f, 0);
	uart8250_write(&u, UART_IER, 0x0f);
	assert_int_equal(uart8250_read(&u, UART_IER) & 0x0f, 0x0f);
	uart8250_write(&u, UART_IER, 0);

	uart8250_write(&u, UART_MCR, UART_MCR_LOOP | 0x0a);
	assert_int_equal(uart8250_read(&u, UART_MSR) & 0xf0, 0x90);
	uart8250_write(&u, UART_MCR, 0);
	assert_int_equal(uart8250_read(&u, UART_MSR), UART_MSR_DCD | UART_MSR_DSR | UART_MSR_CTS);

	uart8250_write(&u, UART_IIR, UART_FCR_ENABLE);
	assert_int_equal(uart8250_read(&u, UART_IIR) & 0xc0, 0xc0);
	uart8250_write(&u, UART_IIR, 0);
	assert_int_equal(uart8250_read(&u, UART_IIR) & 0xc0, 0);

	uart8250_write(&u, UART_SCR, 0xa5);
	assert_int_equal(uart8250_read(&u, UART_SCR), 0xa5);
	assert_int_equal(got_len, 0);
}

/* Loopback: a byte written comes back in RBR, and does not go out. */
static void loopback_returns_bytes(void **state)
{
	struct uart8250 u;

	uart8250_init(&u, collect, NULL);
	uart8250_write(&u, UART_MCR, UART_MCR_LOOP);
	assert_int_equal(uart8250_read(&u, UART_LSR) & UART_LSR_DR, 0);
	uart8250_write(&u, UART_RBR, 'Z');
	assert_int_equal(uart8250_read(&u, UART_LSR) & UART_LSR_DR, UART_LSR_DR);
	assert_int_equal(uart8250_read(&u, UART_RBR), 'Z');
	assert_int_equal(uart8250_read(&u, UART_LSR) & UART_LSR_DR, 0);
	uart8250_flush(&u);
	assert_int_equal(got_len, 0);
}

static void divisor_latch(void **state)
{
	struct uart8250 u;

	uart8250_init(&u, collect, NULL);
	uart8250_write(&u, UART_IER, 0x05);
	uart8250_write(&u, UART_LCR, UART_LCR_DLAB | 0x03);
	uart8250_write(&u, UART_RBR, 0x01); /* DLL: 115200 baud */
	uart8250_write(&u, UART_IER, 0x00); /* DLM */
	assert_int_equal(uart8250_read(&u, UART_RBR), 0x01);
	assert_int_equal(uart8250_read(&u, UART_IER), 0x00);
	uart8250_write(&u, UART_LCR, 0x03);
	assert_int_equal(uart8250_read(&u, UART_IER), 0x05); /* IER untouched */
	assert_int_equal(uart8250_read(&u, UART_LCR), 0x03);
	assert_int_equal(got_len, 0); /* divisor writes sent nothing */
}

/* THR-empty interrupt: raised when enabled while THR is empty (the check
 * behind Linux's UART_BUG_THRE), taken by reading IIR, raised again after
 * each byte; never raised while disabled. */
static void thre_interrupt(void **state)
{
	struct uart8250 u;

	uart8250_init(&u, collect, NULL);
	assert_int_equal(uart8250_irq_level(&u), 0);
	assert_int_equal(uart8250_read(&u, UART_IIR) & 0x0f, UART_IIR_NO_INT);
	uart8250_write(&u, UART_IER, UART_IER_THRI);
	assert_int_equal(uart8250_irq_level(&u), 1);
	assert_int_equal(uart8250_read(&u, UART_IIR) & 0x0f, UART_IIR_THRI);
	assert_int_equal(uart8250_irq_level(&u), 0);
	assert_int_equal(uart8250_read(&u, UART_IIR) & 0x0f, UART_IIR_NO_INT);
	/* off and on again: raised again */
	uart8250_write(&u, UART_IER, 0);
	uart8250_write(&u, UART_IER, UART_IER_THRI);
	assert_int_equal(uart8250_read(&u, UART_IIR) & 0x0f, UART_IIR_THRI);
	send(&u, "x");
	assert_int_equal(uart8250_irq_level(&u), 1);
	uart8250_write(&u, UART_IER, 0);
	assert_int_equal(uart8250_irq_level(&u), 0);
}

static void received_data_interrupt_first(void **state)
{
	struct uart8250 u;

	uart8250_init(&u, collect, NULL);
	uart8250_write(&u, UART_MCR, UART_MCR_LOOP);
	uart8250_write(&u, UART_IER, UART_IER_RDI | UART_IER_THRI);
	uart8250_write(&u, UART_RBR, 'q');
	assert_int_equal(uart8250_read(&u, UART_IIR) & 0x0f, UART_IIR_RDI);
	assert_int_equal(uart8250_read(&u, UART_RBR), 'q');
	assert_int_equal(uart8250_read(&u, UART_IIR) & 0x0f, UART_IIR_THRI);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(transmits_lines, setup),
	    cmocka_unit_test_setup(long_line_is_passed_on_in_pieces, setup),
	    cmocka_unit_test_setup(passes_linux_probe, setup),
	    cmocka_unit_test_setup(loopback_returns_bytes, setup),
	    cmocka_unit_test_setup(divisor_latch, setup),
	    cmocka_unit_test_setup(thre_interrupt, setup),
	    cmocka_unit_test_setup(received_data_interrupt_first, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
