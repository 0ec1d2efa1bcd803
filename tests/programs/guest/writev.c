/*
 * writev.c - writev with several pieces: small ones (gathered into one
 * exit by the guest kernel), an empty one, one bigger than the guest's
 * bounce buffer, and bad arguments. The script checks the exact output.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

static char big[10000];

int main(void)
{
	struct iovec v[5];
	ssize_t n;

	v[0] = (struct iovec){"one ", 4};
	v[1] = (struct iovec){"", 0};
	v[2] = (struct iovec){"two ", 4};
	v[3] = (struct iovec){"three\n", 6};
	if ((n = writev(1, v, 4)) != 14) {
		fprintf(stderr, "writev small: %zd (%s)\n", n, strerror(errno));
		return 1;
	}
	/* small, big, small: 3 + 10000 + 1 bytes */
	memset(big, 'x', sizeof(big));
	v[0] = (struct iovec){"big", 3};
	v[1] = (struct iovec){big, sizeof(big)};
	v[2] = (struct iovec){"\n", 1};
	if ((n = writev(1, v, 3)) != 10004) {
		fprintf(stderr, "writev big: %zd (%s)\n", n, strerror(errno));
		return 1;
	}
	/* stderr works too */
	v[0] = (struct iovec){"to stderr\n", 10};
	if (writev(2, v, 1) != 10)
		return 1;
	if (writev(7, v, 1) != -1 || errno != EBADF) {
		fprintf(stderr, "writev(fd 7) not EBADF\n");
		return 1;
	}
	if (writev(1, v, -1) != -1 || errno != EINVAL) {
		fprintf(stderr, "writev(iovcnt -1) not EINVAL\n");
		return 1;
	}
	if (write(1, NULL, 5) != -1 || errno != EFAULT) {
		fprintf(stderr, "write(NULL) not EFAULT\n");
		return 1;
	}
	if (lseek(1, 0, SEEK_SET) != -1 || errno != ESPIPE) {
		fprintf(stderr, "lseek(1) not ESPIPE\n");
		return 1;
	}
	/* stdio on a non-terminal: fully buffered, flushed by writev */
	printf("printf %d\n", 42);
	fflush(stdout);
	/* After close, the fd is gone. */
	if (close(1) != 0 || write(1, "x", 1) != -1 || errno != EBADF || close(1) != -1) {
		fprintf(stderr, "close(1) did not close it\n");
		return 1;
	}
	return 0;
}
