/* Warm start: VMs started from a snapshot template (minivm/lib/snapshot.c,
 * restore.c) run the workload as a cold VM does (READY, status, argv, a
 * loop of system calls), each with its own copy of the template's memory,
 * and the template itself never changes. Needs /dev/kvm: exits 77 (skip)
 * without it. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "minivm.h"
#include "snapshot.h"

#define WORKLOAD  "build/workload"
#define ARGV_PROG "build/tests/minivm/argv"
#define COW_PROG  "build/tests/minivm/cow"

static struct minivm_template *make_template(const char *program)
{
	static char *const argv[] = {"template", "not-seen-by-instances", NULL};
	struct minivm_config cfg;
	struct minivm_template *t = NULL;

	minivm_config_init(&cfg);
	cfg.program = program;
	cfg.argc = 2;
	cfg.argv = argv;
	assert_int_equal(minivm_template_create(&cfg, &t), 0);
	assert_non_null(t);
	return t;
}

/* One VM from t with argv; its stdout (NUL-terminated) in out, its phase
 * lines in phases (if not NULL). Returns its status. */
static int run_one(const struct minivm_template *t, char *const argv[], char *out, size_t len,
		   char *phases, size_t plen)
{
	int o[2], ph[2], argc = 0;
	struct minivm_config cfg;

	while (argv[argc])
		argc++;
	assert_int_equal(pipe(o), 0);
	assert_int_equal(pipe(ph), 0);
	minivm_config_init(&cfg);
	cfg.argc = argc;
	cfg.argv = argv;
	cfg.stdout_fd = o[1];
	cfg.phases_fd = ph[1];
	cfg.timeout_s = 30;
	int rc = minivm_run_snapshot(t, &cfg);
	close(o[1]);
	close(ph[1]);
	ssize_t n = read(o[0], out, len - 1);
	out[n > 0 ? n : 0] = '\0';
	if (phases) {
		n = read(ph[0], phases, plen - 1);
		phases[n > 0 ? n : 0] = '\0';
	}
	close(o[0]);
	close(ph[0]);
	return rc;
}

static void test_workload_noop(void **state)
{
	struct minivm_template *t = make_template(WORKLOAD);
	char *argv[] = {"workload", "noop", NULL};
	char out[256], phases[1024];

	/* Twice: a template serves any number of VMs. */
	for (int i = 0; i < 2; i++) {
		assert_int_equal(run_one(t, argv, out, sizeof(out), phases, sizeof(phases)), 0);
		assert_string_equal(out, "READY\n");
	}
	const char *names[] = {"start ",      "kvm_opened ",	"vm_created ",	 "memory_mapped ",
			       "vcpu_ready ", "first_syscall ", "program_exit ", "vm_destroyed "};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strstr(phases, names[i]))
			fail_msg("phase %s missing from:\n%s", names[i], phases);
	/* The guest kernel's entry ran in the template, not here. */
	assert_null(strstr(phases, "guest_entered "));
	minivm_template_free(t);
}

/* argv is this VM's own, not the template's: longer and shorter ones, an
 * empty string, and the program's own status. */
static void test_argv_status(void **state)
{
	struct minivm_template *t = make_template(ARGV_PROG);
	char *longer[] = {"prog", "one", "two words", "", "a much longer argument than before",
			  NULL};
	char *shorter[] = {"p", NULL};
	char out[512];

	assert_int_equal(run_one(t, longer, out, sizeof(out), NULL, 0), 3);
	assert_string_equal(out, "prog\none\ntwo words\n\na much longer argument than before\n");
	assert_int_equal(run_one(t, shorter, out, sizeof(out), NULL, 0), 3);
	assert_string_equal(out, "p\n");
	minivm_template_free(t);
}

static void test_syscall_loop(void **state)
{
	struct minivm_template *t = make_template(WORKLOAD);
	char *argv[] = {"workload", "syscall", "2000", NULL};
	char out[256];

	assert_int_equal(run_one(t, argv, out, sizeof(out), NULL, 0), 0);
	assert_true(strncmp(out, "ELAPSED ", 8) == 0);
	assert_true(atoll(out + 8) > 0);
	minivm_template_free(t);
}

/* In a child: one VM from t, its output into the pipe fd. */
static pid_t spawn_cow(const struct minivm_template *t, char *const argv[], int fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		struct minivm_config cfg;

		minivm_config_init(&cfg);
		cfg.argc = 3;
		cfg.argv = argv;
		cfg.stdout_fd = fd;
		cfg.timeout_s = 30;
		_exit(minivm_run_snapshot(t, &cfg));
	}
	return pid;
}

static int wait_status(pid_t pid)
{
	int st;

	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

static void read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len - 1 && (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
}

/* Two VMs from one template run at once; each sets the same global of the
 * program to its own value, A sleeps while B writes: A must still see its
 * own value, both must have found the template's 7, and a third VM after
 * them too. Their AT_RANDOM bytes differ. */
static void test_cow_isolation(void **state)
{
	struct minivm_template *t = make_template(COW_PROG);
	char *a_argv[] = {"cow", "11", "400", NULL};
	char *b_argv[] = {"cow", "22", "0", NULL};
	int pa[2], pb[2];
	char a[512], b[512], c[512];

	assert_int_equal(pipe(pa), 0);
	assert_int_equal(pipe(pb), 0);
	pid_t ia = spawn_cow(t, a_argv, pa[1]);
	usleep(100 * 1000); /* A has set its value and sleeps */
	pid_t ib = spawn_cow(t, b_argv, pb[1]);
	close(pa[1]);
	close(pb[1]);
	assert_int_equal(wait_status(ib), 5);
	assert_int_equal(wait_status(ia), 5);
	read_all(pa[0], a, sizeof(a));
	read_all(pb[0], b, sizeof(b));
	close(pa[0]);
	close(pb[0]);
	assert_true(strncmp(a, "before 7\nafter 11\nrandom ", 25) == 0);
	assert_true(strncmp(b, "before 7\nafter 22\nrandom ", 25) == 0);
	assert_true(strcmp(strchr(a, 'r'), strchr(b, 'r')) != 0);

	char *c_argv[] = {"cow", "33", "0", NULL};
	assert_int_equal(run_one(t, c_argv, c, sizeof(c), NULL, 0), 5);
	assert_true(strncmp(c, "before 7\nafter 33\n", 18) == 0);
	minivm_template_free(t);
}

/* Bytes of the memfd that hold pages. */
static long long data_bytes(int fd, long long size)
{
	long long total = 0;
	off_t pos = 0;

	while (pos < size) {
		off_t d = lseek(fd, pos, SEEK_DATA);
		if (d < 0)
			break;
		off_t h = lseek(fd, d, SEEK_HOLE);
		assert_true(h > d);
		total += h - d;
		pos = h;
	}
	return total;
}

/* The template is sealed, and a VM that touches many new pages (8 MiB)
 * does not make it grow: those pages are the VM's own. */
static void test_template_unchanged(void **state)
{
	struct minivm_template *t = make_template(WORKLOAD);
	char *argv[] = {"workload", "mem", "8", NULL};
	char out[256];
	pid_t pid;
	int o[2];

	long long before = data_bytes(t->memfd, (long long)t->mem_size);
	assert_true(before > 0);
	assert_true(write(t->memfd, "x", 1) < 0);
	assert_int_equal(errno, EPERM);

	/* `mem` stays idle after READY: stop it once READY is out. */
	assert_int_equal(pipe(o), 0);
	pid = fork();
	if (pid == 0) {
		struct minivm_config cfg;

		close(o[0]);
		minivm_config_init(&cfg);
		cfg.argc = 3;
		cfg.argv = argv;
		cfg.stdout_fd = o[1];
		cfg.timeout_s = 30;
		cfg.quiet = 1; /* "stopped by a signal" is expected */
		_exit(minivm_run_snapshot(t, &cfg));
	}
	close(o[1]);
	ssize_t n = read(o[0], out, sizeof(out) - 1);
	out[n > 0 ? n : 0] = '\0';
	assert_string_equal(out, "READY\n");
	kill(pid, SIGTERM);
	assert_int_equal(wait_status(pid), MINIVM_EXIT_SIGNAL);
	close(o[0]);
	assert_int_equal(data_bytes(t->memfd, (long long)t->mem_size), before);
	minivm_template_free(t);
}

/* A child that moves the template's fd (as the harness's children do
 * before closing the others) changes nothing in the parent's template. */
static void test_move_fd_in_child(void **state)
{
	struct minivm_template *t = make_template(WORKLOAD);
	char *argv[] = {"workload", "noop", NULL};
	int fd = t->memfd;
	char out[64];

	pid_t pid = fork();
	if (pid == 0)
		_exit(minivm_template_move_fd(t, 60) == 0 && t->memfd == 60 ? 0 : 1);
	assert_int_equal(wait_status(pid), 0);
	assert_int_equal(t->memfd, fd);
	assert_int_equal(run_one(t, argv, out, sizeof(out), NULL, 0), 0);
	assert_string_equal(out, "READY\n");
	minivm_template_free(t);
}

static void test_bad_program(void **state)
{
	struct minivm_config cfg;
	struct minivm_template *t = (void *)1;
	char *argv[] = {"x", NULL};

	minivm_config_init(&cfg);
	cfg.program = "build/tests/minivm/no-such-program";
	cfg.argc = 1;
	cfg.argv = argv;
	cfg.quiet = 1;
	assert_int_equal(minivm_template_create(&cfg, &t), MINIVM_EXIT_NOEXEC);
	assert_null(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_workload_noop),      cmocka_unit_test(test_argv_status),
	    cmocka_unit_test(test_syscall_loop),       cmocka_unit_test(test_cow_isolation),
	    cmocka_unit_test(test_template_unchanged), cmocka_unit_test(test_move_fd_in_child),
	    cmocka_unit_test(test_bad_program),
	};

	if (access("/dev/kvm", R_OK | W_OK) != 0) {
		printf("skip: /dev/kvm is not usable here\n");
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
