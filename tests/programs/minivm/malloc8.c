/* Allocate 8 MiB, touch every page, check it reads back (minivm test). */
#include <stdio.h>
#include <stdlib.h>

int main(void)
{
	size_t size = 8u << 20;
	unsigned char *p = malloc(size);

	if (!p) {
		printf("malloc failed\n");
		return 1;
	}
	for (size_t i = 0; i < size; i += 4096)
		p[i] = (unsigned char)(i >> 12);
	for (size_t i = 0; i < size; i += 4096) {
		if (p[i] != (unsigned char)(i >> 12)) {
			printf("page %zu reads back wrong\n", i >> 12);
			return 1;
		}
	}
	free(p);
	printf("touched 8 MiB\n");
	return 0;
}
