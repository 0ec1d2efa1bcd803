/*
 * init.c - /init of minivm's Linux guests: run the workload, pass its exit
 * status out to minivm, power off.
 *
 *   /init [PROGRAM [ARG...]]     (default: /workload, else /bin/workload)
 *
 * The kernel starts /init as PID 1 with its console as fds 0, 1 and 2,
 * and with the words after "--" on its command line as arguments. The
 * kernel's console is ttyS0 only when minivm was asked for it (each byte
 * on a serial console costs an exit); so /init opens ttyS0 itself and
 * gives it to the workload as fds 0, 1 and 2: the workload's output always
 * reaches minivm's stdout. /init mounts nothing: the workload is a static
 * program that needs no /proc, and /dev/ttyS0 is in the initramfs.
 *
 * PID 1 cannot just exec the workload: when PID 1 exits the kernel panics,
 * and the exit status would be lost. So /init forks, waits (reaping any
 * orphan that gets reparented to it meanwhile), writes the status to a
 * port minivm watches (initports.h), and reboots; minivm sees the reboot
 * and stops the VM.
 *
 * Run as any PID other than 1 (for a test on the host), it touches no
 * I/O port and does not reboot: it just runs PROGRAM and exits with its
 * status.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "initports.h"

static int in_guest;

/* ioperm(2) opens the ports to this process; only the guest's PID 1 does
 * it (on a host, port 0x3f0 is real hardware). */
static void port_out(unsigned short port, unsigned char value)
{
	if (in_guest)
		outb(value, port);
}

/* ttyS0 as stdin/out/err, with output post-processing off: the tty
 * layer would otherwise turn each "\n" into "\r\n". */
static void serial_stdio(void)
{
	struct termios t;
	int fd = open("/dev/ttyS0", O_RDWR | O_NOCTTY);

	if (fd < 0) {
		fprintf(stderr, "init: open /dev/ttyS0: %s\n", strerror(errno));
		return; /* keep the console the kernel gave us */
	}
	if (tcgetattr(fd, &t) < 0) {
		fprintf(stderr, "init: tcgetattr: %s\n", strerror(errno));
	} else {
		t.c_oflag &= ~(tcflag_t)OPOST;
		if (tcsetattr(fd, TCSANOW, &t) < 0)
			fprintf(stderr, "init: tcsetattr: %s\n", strerror(errno));
	}
	for (int i = 0; i < 3; i++)
		if (dup2(fd, i) < 0)
			fprintf(stderr, "init: dup2: %s\n", strerror(errno));
	if (fd > 2)
		close(fd);
}

static int run(char *const argv[])
{
	int status;
	pid_t child = fork(), pid;

	if (child < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return 127;
	}
	if (child == 0) {
		execv(argv[0], argv);
		fprintf(stderr, "init: exec %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	do {
		pid = wait(&status);
	} while (pid != child && (pid >= 0 || errno == EINTR));
	if (pid < 0) {
		fprintf(stderr, "init: wait: %s\n", strerror(errno));
		return 127;
	}
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status); /* as a shell reports it */
	return WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
	char *deflt[] = {LINUXVM_WORKLOAD, NULL};

	if (access(LINUXVM_WORKLOAD, X_OK) != 0)
		deflt[0] = LINUXVM_WORKLOAD_BIN;
	int status;

	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		printf("usage: /init [PROGRAM [ARG...]]  (default: %s, else %s)\n"
		       "minivm's Linux guest init: runs PROGRAM, reports its exit status to "
		       "minivm, reboots.\n",
		       LINUXVM_WORKLOAD, LINUXVM_WORKLOAD_BIN);
		return 0;
	}
	if (getpid() == 1) {
		serial_stdio();
		if (ioperm(LINUXVM_PORT_BOOT, 2, 1) == 0)
			in_guest = 1;
		else
			fprintf(stderr, "init: ioperm: %s\n", strerror(errno));
	}
	port_out(LINUXVM_PORT_BOOT, LINUXVM_BOOT_MAGIC);
	status = run(argc > 1 ? argv + 1 : deflt);
	if (getpid() != 1)
		return status;
	fflush(NULL);
	/* The workload's last lines may still sit in the tty's buffer, sent
	 * by the UART's interrupts: wait until they are out, or the reboot
	 * drops them. */
	if (tcdrain(STDOUT_FILENO) < 0)
		fprintf(stderr, "init: tcdrain: %s\n", strerror(errno));
	port_out(LINUXVM_PORT_STATUS, (unsigned char)status);
	sync();
	reboot(RB_AUTOBOOT);
	fprintf(stderr, "init: reboot: %s\n", strerror(errno));
	return status; /* the kernel panics; with panic=-1 it reboots at once */
}
