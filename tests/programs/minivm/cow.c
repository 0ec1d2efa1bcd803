/* Copy-on-write isolation of VMs started from one snapshot template
 * (tests/unit/minivm/snapshot.c): print the value of a global as the
 * program found it, set it to argv[1], sleep argv[2] ms (while another VM
 * from the same template sets its own), print it again, and print this
 * VM's AT_RANDOM bytes. Exits 5. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/auxv.h>
#include <time.h>

static volatile long mark = 7; /* in the program's data: a page the template holds */

int main(int argc, char **argv)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	struct timespec ts;
	long ms;

	if (argc < 3 || !rnd)
		return 1;
	printf("before %ld\n", mark);
	mark = atol(argv[1]);
	ms = atol(argv[2]);
	ts.tv_sec = ms / 1000;
	ts.tv_nsec = ms % 1000 * 1000000L;
	nanosleep(&ts, NULL);
	printf("after %ld\nrandom", mark);
	for (int i = 0; i < 16; i++)
		printf(" %02x", rnd[i]);
	printf("\n");
	return 5;
}
