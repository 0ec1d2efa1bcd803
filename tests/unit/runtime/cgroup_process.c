/* Unit tests: a plain process's cgroup through the public API
 * (runtime/include/minictr_cgroup.h, runtime/lib/cgroup_process.c), on
 * the real cgroup file system: needs root and memory cgroups, else skips. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "minictr_cgroup.h"

#define CHILD_MIB 4

/* What a failed assertion would leave: the teardown removes it. */
static struct minictr_cgroup *made;
static pid_t child_pid;

/* The name minictr gives its own (minictr-PID-N): should this test die,
 * the runtime's clean-up of dead owners' cgroups removes what it left. */
static void name_of(char *name, size_t len)
{
	snprintf(name, len, "minictr-%d-900", (int)getpid());
}

static int usable(void)
{
	return geteuid() == 0 && minictr_cgroup_where()[0] != '\0';
}

/* The child: join, touch CHILD_MIB MiB, say so, wait to be killed. */
static void child(const struct minictr_cgroup *cg, int fd)
{
	size_t n = (size_t)CHILD_MIB << 20;
	volatile char *p; /* volatile: the stores must happen */

	if (minictr_cgroup_join(cg) != 0)
		_exit(1);
	p = malloc(n);
	if (p == NULL)
		_exit(1);
	for (size_t i = 0; i < n; i += 4096)
		p[i] = 1;
	if (write(fd, "j", 1) != 1)
		_exit(1);
	pause();
	_exit(0);
}

/* Does /proc/PID/cgroup name the cgroup dir ends with? */
static int in_cgroup(pid_t pid, const char *name)
{
	char path[64], line[4096], want[128];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof(path), "/proc/%d/cgroup", (int)pid);
	snprintf(want, sizeof(want), "/%s\n", name);
	f = fopen(path, "re");
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		size_t l = strlen(line), w = strlen(want);

		if (l >= w && strcmp(line + l - w, want) == 0)
			found = 1;
	}
	fclose(f);
	return found;
}

static void test_version(void **state)
{
	const char *v = minictr_cgroup_version();

	(void)state;
	assert_true(!strcmp(v, "v1") || !strcmp(v, "v2") || !strcmp(v, "hybrid") ||
		    !strcmp(v, "none"));
	/* "none" exactly when there is nowhere to make cgroups. */
	assert_int_equal(!strcmp(v, "none"), minictr_cgroup_where()[0] == '\0');
}

static void test_create_join_remove(void **state)
{
	struct minictr_cgroup *cg;
	char name[64], path[4096], c;
	struct stat st;
	int p[2], status;
	int64_t bytes;
	pid_t pid;

	(void)state;
	if (!usable())
		skip();
	name_of(name, sizeof(name));
	cg = made = minictr_cgroup_create(name);
	assert_non_null(cg);
	snprintf(path, sizeof(path), "%s", minictr_cgroup_path(cg));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(strncmp(path, minictr_cgroup_where(), strlen(minictr_cgroup_where())), 0);

	/* A name that is taken is never used. */
	assert_null(minictr_cgroup_create(name));
	assert_int_equal(errno, EEXIST);

	assert_int_equal(pipe(p), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		child(cg, p[1]);
	child_pid = pid;
	close(p[1]);
	assert_int_equal(read(p[0], &c, 1), 1);
	close(p[0]);
	assert_true(in_cgroup(pid, name));
	/* Charged to it (v2 only when the memory controller reaches it). */
	bytes = minictr_cgroup_memory(cg);
	if (strcmp(minictr_cgroup_version(), "v2") != 0 || bytes >= 0)
		assert_true(bytes >= (int64_t)CHILD_MIB << 20);

	/* Removal kills what is still in it and leaves no directory. */
	minictr_cgroup_remove(cg);
	made = NULL;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	child_pid = 0;
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_int_equal(stat(path, &st), -1);
	assert_int_equal(errno, ENOENT);
}

static int teardown(void **state)
{
	(void)state;
	if (child_pid > 0) {
		kill(child_pid, SIGKILL);
		waitpid(child_pid, NULL, 0);
		child_pid = 0;
	}
	minictr_cgroup_remove(made);
	made = NULL;
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_version),
	    cmocka_unit_test_teardown(test_create_join_remove, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
