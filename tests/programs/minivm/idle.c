/* Print READY, then sleep for an hour (memory-per-instance measurements). */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	printf("READY\n");
	fflush(stdout);
	sleep(3600);
	return 0;
}
