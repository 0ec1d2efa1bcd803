/*
 * libcheck - drives the minictr library as the bench harness does (a host
 * program linked with build/libminictr.a): start, READY on a pipe, pid,
 * memory usage, phases, destroy, wait with the OOM flag, release after
 * reaping PID 1 itself, and a failed start. Run by
 * tests/integration/runtime/library.sh; prints what it checks, exits 1 on
 * the first mismatch.
 *
 *   libcheck ROOTFS
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "minictr.h"

static const char *rootfs;

#define CHECK(cond, ...)                                                                           \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL: " __VA_ARGS__);                                              \
			printf("\n");                                                              \
			exit(1);                                                                   \
		}                                                                                  \
	} while (0)

/* Start /bin/ctrprobe with args, its stdout on *out (read end). */
static struct minictr *start(char **argv, uint64_t mem_mib, int *out, int phases_fd)
{
	struct minictr_config cfg;
	struct minictr *c;
	int p[2];

	CHECK(pipe(p) == 0, "pipe: %s", strerror(errno));
	minictr_config_init(&cfg);
	cfg.rootfs = rootfs;
	cfg.argv = argv;
	cfg.mem_bytes = mem_mib << 20;
	cfg.stdout_fd = p[1];
	cfg.phases_fd = phases_fd;
	cfg.quiet = 1;
	c = minictr_start(&cfg);
	close(p[1]);
	*out = p[0];
	return c;
}

static void expect_line(int fd, const char *prefix)
{
	char buf[256];
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	CHECK(n > 0, "no output, expected %s", prefix);
	buf[n] = '\0';
	CHECK(!strncmp(buf, prefix, strlen(prefix)), "got \"%s\", expected %s", buf, prefix);
}

static void test_destroy(void)
{
	char *argv[] = {"/bin/ctrprobe", "sleep", "100", NULL};
	static const char *const phases[] = {"start",	   "clone_done",    "cgroup_joined",
					     "ids_mapped", "mounts_done",   "root_pivoted",
					     "net_done",   "privs_dropped", "exec"};
	char text[1024];
	int out, ph[2], status;
	struct minictr *c;
	int64_t mem;
	ssize_t n;
	size_t i;

	CHECK(pipe(ph) == 0, "pipe");
	c = start(argv, 64, &out, ph[1]);
	close(ph[1]);
	CHECK(c, "minictr_start failed");
	expect_line(out, "READY");
	CHECK(minictr_pid(c) > 1, "pid %d", (int)minictr_pid(c));
	mem = minictr_memory_bytes(c);
	printf("memory of an idle container: %lld bytes\n", (long long)mem);
	CHECK(mem > 0, "minictr_memory_bytes %lld", (long long)mem);
	n = read(ph[0], text, sizeof(text) - 1);
	CHECK(n > 0, "no phases");
	text[n] = '\0';
	for (i = 0; i < sizeof(phases) / sizeof(phases[0]); i++)
		CHECK(strstr(text, phases[i]), "phase %s missing in:\n%s", phases[i], text);
	status = minictr_destroy(c);
	CHECK(status == 128 + SIGKILL, "destroy: status %d", status);
	close(out);
	close(ph[0]);
	printf("start, READY, pid, memory, phases, destroy: ok\n");
}

static void test_wait(void)
{
	char *exit3[] = {"/bin/ctrprobe", "exit", "3", NULL};
	char *hog[] = {"/bin/ctrprobe", "hog", "200", NULL};
	struct minictr *c;
	int out, oom = -1, status;

	c = start(exit3, 0, &out, -1);
	CHECK(c, "start exit 3");
	status = minictr_wait(c, &oom);
	CHECK(status == 3 && oom == 0, "exit 3: status %d oom %d", status, oom);
	close(out);
	c = start(hog, 32, &out, -1);
	CHECK(c, "start hog");
	status = minictr_wait(c, &oom);
	CHECK(status == 128 + SIGKILL && oom == 1, "hog: status %d oom %d", status, oom);
	close(out);
	printf("wait, exit status, OOM flag: ok\n");
}

static void test_release(void)
{
	char *argv[] = {"/bin/ctrprobe", "sleep", "100", NULL};
	struct minictr *c;
	int out, status;
	pid_t pid;

	c = start(argv, 16, &out, -1);
	CHECK(c, "start");
	expect_line(out, "READY");
	pid = minictr_pid(c);
	CHECK(kill(pid, SIGKILL) == 0, "kill");
	CHECK(waitpid(pid, &status, 0) == pid, "waitpid");
	minictr_release(c);
	close(out);
	printf("reap PID 1 ourselves, release: ok\n");
}

static void test_failure(void)
{
	char *argv[] = {"/bin/ctrprobe", "ready", NULL};
	char *missing[] = {"/bin/no-such", NULL};
	struct minictr_config cfg;

	minictr_config_init(&cfg);
	cfg.rootfs = "/no/such/rootfs";
	cfg.argv = argv;
	CHECK(minictr_start(&cfg) == NULL, "start with a missing rootfs succeeded");
	cfg.rootfs = rootfs;
	cfg.argv = missing;
	CHECK(minictr_start(&cfg) == NULL, "start with a missing CMD succeeded");
	printf("failed starts: ok\n");
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: libcheck ROOTFS\n");
		return 2;
	}
	rootfs = argv[1];
	test_destroy();
	test_wait();
	test_release();
	test_failure();
	return 0;
}
