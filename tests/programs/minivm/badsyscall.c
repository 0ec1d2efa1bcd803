/* Call an unsupported system call (socket, 41) twice, then carry on: the
 * guest reports it once on stderr and returns ENOSYS (minivm test). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	for (int i = 0; i < 2; i++) {
		long r = syscall(SYS_socket, 2, 1, 0);
		if (r != -1 || errno != ENOSYS) {
			printf("socket gave %ld (%s), want ENOSYS\n", r, strerror(errno));
			return 1;
		}
	}
	printf("still running\n");
	return 0;
}
