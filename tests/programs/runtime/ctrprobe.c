/*
 * ctrprobe - a static test program for minictr's integration tests: it
 * reports what it sees from inside a container, or misbehaves on purpose.
 *
 *   ctrprobe ready        print READY and exit 0 (the start-up benchmark)
 *   ctrprobe probe        print "key=value" lines: pid, visible pids,
 *                         network interfaces, hostname, write to /, ...
 *   ctrprobe hog MIB      allocate and touch MIB MiB, 1 MiB at a time
 *   ctrprobe fork N       try to fork N children; print how many worked
 *   ctrprobe sleep SEC    print READY, then sleep (idle container)
 *   ctrprobe exit N       exit with status N
 *   ctrprobe segv         die of SIGSEGV (status 139)
 *   ctrprobe open PATH    open PATH read-write: "open=ok" or the error
 *   ctrprobe limits       open_files=SOFT HARD (RLIMIT_NOFILE)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void visible_pids(void)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int n = 0;

	printf("visible_pids=");
	while (d && (e = readdir(d)))
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9')
			printf("%s%s", n++ ? "," : "", e->d_name);
	printf("\nvisible_count=%d\n", n);
	if (d)
		closedir(d);
}

static void net_ifaces(void)
{
	FILE *f = fopen("/proc/net/dev", "r");
	char line[256], name[64];
	int n = 0;

	printf("net_ifaces=");
	while (f && fgets(line, sizeof(line), f)) {
		if (!strchr(line, ':') || sscanf(line, " %63[^:]:", name) != 1)
			continue;
		printf("%s%s", n++ ? "," : "", name);
	}
	printf("\n");
	if (f)
		fclose(f);
}

static void try_write(const char *key, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0) {
		printf("%s=ok\n", key);
		close(fd);
		unlink(path);
	} else {
		printf("%s=%s\n", key, strerror(errno));
	}
}

static void status_field(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	size_t len = strlen(field);

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, field, len) && line[len] == ':') {
			char *v = line + len + 1;
			v += strspn(v, " \t");
			v[strcspn(v, "\n")] = '\0';
			printf("%s=%s\n", field, v);
		}
	if (f)
		fclose(f);
}

/* Use the devices of /dev: "ok", or what failed. */
static const char *dev_io(void)
{
	char c = 1, buf[4];
	int fd;

	fd = open("/dev/null", O_WRONLY);
	if (fd < 0 || write(fd, &c, 1) != 1)
		return "/dev/null";
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	if (fd < 0 || read(fd, &c, 1) != 1 || c != 0)
		return "/dev/zero";
	close(fd);
	fd = open("/dev/urandom", O_RDONLY);
	if (fd < 0 || read(fd, buf, sizeof(buf)) != sizeof(buf))
		return "/dev/urandom";
	close(fd);
	return "ok";
}

/* cgroup_memory=PATH and cgroup_unified=PATH from /proc/self/cgroup: in
 * the container's cgroup namespace its own cgroup reads "/". */
static void cgroup_lines(void)
{
	FILE *f = fopen("/proc/self/cgroup", "r");
	char line[512];

	while (f && fgets(line, sizeof(line), f)) {
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;

		if (!c2)
			continue;
		c2[strcspn(c2, "\n")] = '\0';
		if (!strncmp(c1, ":memory:", 8))
			printf("cgroup_memory=%s\n", c2 + 1);
		else if (!strncmp(line, "0::", 3))
			printf("cgroup_unified=%s\n", c2 + 1);
	}
	if (f)
		fclose(f);
}

/* ns_NAME=NAME:[inode] for each namespace, to compare with the host's. */
static void print_namespaces(void)
{
	static const char *const names[] = {"pid", "mnt", "uts", "ipc", "net", "cgroup", "user"};
	char path[64], target[64];
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "/proc/self/ns/%s", names[i]);
		ssize_t n = readlink(path, target, sizeof(target) - 1);
		target[n > 0 ? n : 0] = '\0';
		printf("ns_%s=%s\n", names[i], target);
	}
}

static int probe(void)
{
	char host[128] = "";
	struct stat st;
	long r;

	printf("pid=%d\nppid=%d\n", getpid(), getppid());
	visible_pids();
	net_ifaces();
	gethostname(host, sizeof(host));
	printf("hostname=%s\n", host);
	printf("uid=%d\n", getuid());
	try_write("write_root", "/probe-file");
	try_write("write_tmp", "/tmp/probe-file");
	try_write("write_proc_sys", "/proc/sys/kernel/hostname");
	cgroup_lines();
	printf("kcore_size=%lld\n", stat("/proc/kcore", &st) == 0 ? (long long)st.st_size : -1LL);
	printf("dev_io=%s\n", dev_io());
	printf("sys_entries=%s\n", access("/sys/kernel", F_OK) == 0 ? "present" : "absent");
	r = syscall(SYS_mount, "none", "/tmp", "tmpfs", 0, NULL);
	printf("mount=%s\n", r == 0 ? "ok" : strerror(errno));
	r = syscall(SYS_unshare, 0x10000000 /* CLONE_NEWUSER */);
	printf("unshare=%s\n", r == 0 ? "ok" : strerror(errno));
	print_namespaces();
	status_field("CapEff");
	status_field("CapBnd");
	status_field("NoNewPrivs");
	status_field("Seccomp");
	return 0;
}

static int hog(long mib)
{
	long i;

	for (i = 0; i < mib; i++) {
		char *p = malloc(1 << 20);
		if (!p) {
			printf("malloc failed at %ld MiB\n", i);
			return 1;
		}
		memset(p, 1, 1 << 20);
	}
	printf("allocated %ld MiB\n", mib);
	return 0;
}

static int forker(long n)
{
	long ok = 0, i;
	int err = 0;
	pid_t pid;

	for (i = 0; i < n; i++) {
		pid = fork();
		if (pid < 0) {
			err = errno;
			break;
		}
		if (pid == 0) {
			pause();
			_exit(0);
		}
		ok++;
	}
	printf("forked=%ld\nfork_error=%s\n", ok, err ? strerror(err) : "none");
	fflush(stdout);
	/* -1: every process of our PID namespace but us. */
	kill(-1, SIGKILL);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!strcmp(cmd, "ready")) {
		printf("READY\n");
		return 0;
	}
	if (!strcmp(cmd, "probe"))
		return probe();
	if (!strcmp(cmd, "hog"))
		return hog(n);
	if (!strcmp(cmd, "fork"))
		return forker(n);
	if (!strcmp(cmd, "sleep")) {
		printf("READY\n");
		sleep(n > 0 ? n : 1000000);
		return 0;
	}
	if (!strcmp(cmd, "exit"))
		return (int)n;
	if (!strcmp(cmd, "open") && argc > 2) {
		int fd = open(argv[2], O_RDWR);

		printf("open=%s\n", fd >= 0 ? "ok" : strerror(errno));
		return 0;
	}
	if (!strcmp(cmd, "limits")) {
		struct rlimit r;

		if (getrlimit(RLIMIT_NOFILE, &r) < 0)
			return 1;
		printf("open_files=%llu %llu\n", (unsigned long long)r.rlim_cur,
		       (unsigned long long)r.rlim_max);
		return 0;
	}
	if (!strcmp(cmd, "segv")) {
		/* A fault is forced on the process even as PID 1 of a PID
		 * namespace, which ignores most other signals from inside. */
		*(volatile int *)(uintptr_t)n = 0;
		return 0;
	}
	fprintf(stderr,
		"usage: ctrprobe ready|probe|hog MIB|fork N|sleep SEC|exit N|segv|open PATH|"
		"limits\n");
	return 2;
}
