/* sequence.c - order.csv; see sequence.h. */
#include <stdio.h>

#include "csv.h"
#include "sequence.h"

static struct csv order_csv = {.fd = -1};
static long seq;

int sequence_open(const char *dir)
{
	seq = 0;
	return csv_open(&order_csv, dir, "order.csv", CSV_ORDER, 0);
}

void sequence_note(const char *experiment, const char *backend, const char *workload, int iteration)
{
	char s[24], it[16];
	const char *row[] = {experiment, s, backend, workload, it};

	if (order_csv.fd < 0)
		return;
	snprintf(s, sizeof(s), "%ld", seq++);
	snprintf(it, sizeof(it), "%d", iteration);
	csv_row(&order_csv, row, 5);
}

void sequence_close(void)
{
	if (order_csv.fd >= 0)
		csv_close(&order_csv);
	order_csv.fd = -1;
}
