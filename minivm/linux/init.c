/*
 * init.c - /init of minivm's Linux guests: run the workload, pass its exit
 * status out to minivm, power off.
 *
 *   /init [PROGRAM [ARG...]]     (default PROGRAM: /workload)
 *
 * The kernel starts /init as PID 1 with the console (ttyS0) as fds 0, 1
 * and 2, and with the words after "--" on its command line as arguments.
 * /init mounts nothing: the workload is a static program that needs no
 * /proc or /dev beyond the console the kernel opened.
 *
 * PID 1 cannot just exec the workload: when PID 1 exits the kernel panics,
 * and the exit status would be lost. So /init forks, waits (reaping any
 * orphan that gets reparented to it meanwhile), writes the status to a
 * port minivm watches (linuxvm.h), and reboots; minivm sees the reboot
 * and stops the VM.
 *
 * Run as any PID other than 1 (for a test on the host), it touches no
 * I/O port and does not reboot: it just runs PROGRAM and exits with its
 * status.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#include "linuxvm.h"

static int in_guest;

/* ioperm(2) opens the ports to this process; only the guest's PID 1 does
 * it (on a host, port 0x3f0 is real hardware). */
static void port_out(unsigned short port, unsigned char value)
{
	if (in_guest)
		outb(value, port);
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
	int status;

	if (argc > 1 && (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		printf("usage: /init [PROGRAM [ARG...]]  (default: %s)\n"
		       "minivm's Linux guest init: runs PROGRAM, reports its exit status to "
		       "minivm, reboots.\n",
		       LINUXVM_WORKLOAD);
		return 0;
	}
	if (getpid() == 1) {
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
	port_out(LINUXVM_PORT_STATUS, (unsigned char)status);
	sync();
	reboot(RB_AUTOBOOT);
	fprintf(stderr, "init: reboot: %s\n", strerror(errno));
	return status; /* the kernel panics; with panic=-1 it reboots at once */
}
