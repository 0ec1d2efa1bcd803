/* Print each argument on its own line, then exit 3 (minivm integration test). */
#include <stdio.h>

int main(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("%s\n", argv[i]);
	return 3;
}
