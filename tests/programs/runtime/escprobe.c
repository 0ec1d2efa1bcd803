/*
 * escprobe - the escape suite's probe (tests/integration/runtime/escape.sh):
 * run inside a container, it tries the usual ways out of one and prints a
 * line per attempt:
 *
 *   PASS name: what happened     the container held
 *   FAIL name: what happened     a way out (or a protection missing)
 *
 * and exits 1 if any failed. Static (musl), in the image as /bin/escprobe.
 *
 *   escprobe [HOSTPID [NODE]]   HOSTPID: a process outside, to ptrace and
 *                               signal (default 1 of the host, invisible
 *                               here anyway); NODE: a device node of the
 *                               image to open (default /bin/kvmnode)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif
#ifndef AF_PACKET
#define AF_PACKET 17
#endif

/* runc's default: CAP_AUDIT_WRITE (29), CAP_KILL (5), CAP_NET_BIND_SERVICE (10). */
#define ALLOWED_CAPS ((1ull << 29) | (1ull << 5) | (1ull << 10))

static int failures;

static void report(int ok, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void report(int ok, const char *name, const char *fmt, ...)
{
	char detail[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	printf("%s %s: %s\n", ok ? "PASS" : "FAIL", name, detail);
	if (!ok)
		failures++;
}

/* A call that must fail: PASS with its error, FAIL if it worked. */
static void must_fail(const char *name, long r)
{
	if (r < 0)
		report(1, name, "%s", strerror(errno));
	else
		report(0, name, "succeeded");
}

/* A call that must fail with EPERM (seccomp or a missing capability): any
 * other error means the call got through to the code behind it. */
static void must_eperm(const char *name, long r)
{
	if (r < 0 && errno == EPERM)
		report(1, name, "%s", strerror(errno));
	else
		report(0, name, "%s", r < 0 ? strerror(errno) : "succeeded");
}

static void host_pids(pid_t host_pid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
			n++;
	if (d)
		closedir(d);
	report(n == 1 && getpid() == 1, "host_pids", "%d pid(s) in /proc, mine is %d", n,
	       (int)getpid());
	must_fail("host_signal", kill(host_pid, 0));
}

static void try_create(const char *name, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	must_fail(name, fd);
}

static void writes(void)
{
	try_create("rootfs_write", "/escape-probe");
	must_fail("rootfs_overwrite", open("/etc/passwd", O_WRONLY));
	must_fail("proc_sys_write", open("/proc/sys/kernel/hostname", O_WRONLY));
	try_create("sys_write", "/sys/escape-probe");
	report(access("/sys/kernel", F_OK) != 0, "sys_hidden", "/sys/kernel %s",
	       access("/sys/kernel", F_OK) == 0 ? "visible" : "absent");
}

static void mounts_and_nodes(const char *node)
{
	struct stat st;
	int fd;

	must_fail("mount", syscall(SYS_mount, "none", "/tmp", "tmpfs", 0, NULL));
	must_fail("mknod", mknod("/tmp/escape-null", S_IFCHR | 0666, makedev(1, 3)));
	unlink("/tmp/escape-null");
	must_fail("chroot", chroot("/tmp"));
	if (stat(node, &st) < 0 || !S_ISCHR(st.st_mode)) {
		report(0, "device_node", "%s is not a device node in the image", node);
		return;
	}
	fd = open(node, O_RDWR);
	must_fail("device_node", fd);
	if (fd >= 0)
		close(fd);
}

static void kernel_calls(void)
{
	int fd = open("/bin/escprobe", O_RDONLY);

	must_eperm("module_load", syscall(SYS_finit_module, fd, "", 0));
	if (fd >= 0)
		close(fd);
	must_eperm("bpf", syscall(SYS_bpf, 0, NULL, 0));
	must_eperm("perf_event_open", syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
	must_eperm("keyctl", syscall(SYS_keyctl, 0, 0, 0, 0, 0));
	must_eperm("userfaultfd", syscall(SYS_userfaultfd, 0));
	must_eperm("io_uring_setup", syscall(SYS_io_uring_setup, 1, NULL));
	must_eperm("open_by_handle_at", syscall(SYS_open_by_handle_at, AT_FDCWD, NULL, 0));
	must_eperm("unshare_userns", syscall(SYS_unshare, 0x10000000 /* CLONE_NEWUSER */));
	must_eperm("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0));
}

static void ptrace_tries(pid_t host_pid)
{
	pid_t child = fork();
	int status;

	if (child == 0) {
		pause();
		_exit(0);
	}
	must_fail("ptrace_host", ptrace(PTRACE_ATTACH, host_pid, NULL, NULL));
	if (child > 0) {
		must_fail("ptrace_own_child", ptrace(PTRACE_ATTACH, child, NULL, NULL));
		kill(child, SIGKILL);
		waitpid(child, &status, 0);
	}
}

static void sockets(void)
{
	int fd;

	fd = socket(AF_INET, SOCK_RAW, 1 /* ICMP */);
	must_fail("raw_socket", fd);
	if (fd >= 0)
		close(fd);
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	must_fail("packet_socket", fd);
	if (fd >= 0)
		close(fd);
	fd = socket(AF_VSOCK, SOCK_STREAM, 0);
	if (fd >= 0) {
		report(0, "vsock_socket", "succeeded");
		close(fd);
	} else {
		report(errno == EPERM || errno == EAFNOSUPPORT, "vsock_socket", "%s",
		       strerror(errno));
	}
}

/* A masked /proc file reads as nothing (/dev/null bound over it), or
 * cannot be opened; a masked directory is empty. */
static void masked_proc(void)
{
	static const char *const files[] = {"/proc/kcore", "/proc/keys", "/proc/timer_list",
					    "/proc/sched_debug", "/proc/sysrq-trigger"};
	static const char *const dirs[] = {"/proc/acpi", "/proc/scsi"};
	char buf[64], bad[256] = "";
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		int fd = open(files[i], O_RDONLY), n;

		if (fd < 0)
			continue;
		n = (int)read(fd, buf, sizeof(buf));
		close(fd);
		if (n > 0)
			snprintf(bad + strlen(bad), sizeof(bad) - strlen(bad), " %s", files[i]);
	}
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;

		while (d && (e = readdir(d)))
			if (e->d_name[0] != '.') {
				snprintf(bad + strlen(bad), sizeof(bad) - strlen(bad), " %s",
					 dirs[i]);
				break;
			}
		if (d)
			closedir(d);
	}
	report(!bad[0], "masked_proc", "%s", bad[0] ? bad : "kcore keys timer_list ... read empty");
}

static void inherited_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	char extra[128] = "";

	while (d && (e = readdir(d))) {
		int fd = atoi(e->d_name);

		if (e->d_name[0] == '.' || fd <= 2 || fd == dirfd(d))
			continue;
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra), " %d", fd);
	}
	if (d)
		closedir(d);
	report(!extra[0], "inherited_fds", "%s", extra[0] ? extra : "only 0, 1, 2");
}

/* TIOCSTI pushes characters into a terminal's input, as if typed: from a
 * container sharing the caller's terminal, commands for the shell outside.
 * The kernel allows it only on one's controlling terminal (or with
 * CAP_SYS_ADMIN), and the container is a session of its own, without one. */
static void tiocsti(void)
{
	char c = ' ';
	int fd;

	if (isatty(0)) {
		must_fail("tiocsti", ioctl(0, TIOCSTI, &c));
		return;
	}
	fd = open("/dev/tty", O_RDWR);
	if (fd >= 0) {
		must_fail("tiocsti", ioctl(fd, TIOCSTI, &c));
		close(fd);
		return;
	}
	report(1, "tiocsti", "no terminal to push into (stdin not a tty, /dev/tty: %s)",
	       strerror(errno));
}

/* "Field:\t value" of /proc/self/status, as a number in base. */
static unsigned long long status_value(const char *field, int base)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	size_t len = strlen(field);
	unsigned long long v = ~0ull;

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len) && line[len] == ':')
			v = strtoull(line + len + 1, NULL, base);
	if (f)
		fclose(f);
	return v;
}

static void privileges(void)
{
	unsigned long long eff = status_value("CapEff", 16), bnd = status_value("CapBnd", 16);
	unsigned long long amb = status_value("CapAmb", 16), inh = status_value("CapInh", 16);

	report(!(eff & ~ALLOWED_CAPS) && !(bnd & ~ALLOWED_CAPS) && amb == 0 && inh == 0,
	       "capabilities", "eff %llx bnd %llx amb %llx inh %llx (allowed: %llx)", eff, bnd, amb,
	       inh, ALLOWED_CAPS);
	report(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1, "no_new_privs", "%d",
	       prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	report(status_value("Seccomp", 10) == 2, "seccomp", "mode %llu",
	       status_value("Seccomp", 10));
}

int main(int argc, char **argv)
{
	pid_t host_pid = argc > 1 ? (pid_t)atoi(argv[1]) : 1;
	const char *node = argc > 2 ? argv[2] : "/bin/kvmnode";

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (host_pid <= 1)
		host_pid = 1; /* PID 1 here is ourselves: ptrace it must fail too */
	host_pids(host_pid);
	writes();
	mounts_and_nodes(node);
	kernel_calls();
	ptrace_tries(host_pid);
	sockets();
	masked_proc();
	inherited_fds();
	tiocsti();
	privileges();
	printf("%d failed\n", failures);
	return failures ? 1 : 0;
}
