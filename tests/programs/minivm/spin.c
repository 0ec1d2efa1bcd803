/* Print READY, then spin forever (minivm --timeout and signal tests). */
#include <stdio.h>

int main(void)
{
	printf("READY\n");
	fflush(stdout);
	for (volatile unsigned long i = 0;; i++)
		;
}
