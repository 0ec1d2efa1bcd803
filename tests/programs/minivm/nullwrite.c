/* Write through a NULL pointer: the guest must fault (minivm test). */
#include <stdio.h>

int main(void)
{
	volatile int *p = NULL;

	printf("writing to NULL\n");
	fflush(stdout);
	/* The fault is the test. */
	// cppcheck-suppress nullPointer
	*p = 42;
	printf("no fault\n");
	return 0;
}
