/* Unit tests of minivm/lib/hypercall.c and the address checks of gpa.c:
 * every guest address and length is checked before use, sums that would
 * wrap included. A fake VM: guest memory is a plain buffer, output a pipe. */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "vm.h"

#define MEM_SIZE (1ULL << 20)
#define BLOCK	 MINIVM_HCARG_ADDR
#define BUF	 0x10000ULL

struct fake {
	struct mv_vm vm;
	struct minivm_config cfg;
	int pipe[2]; /* guest output lands in pipe[1], the test reads pipe[0] */
};

static int setup(void **state)
{
	struct fake *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->vm.mem = calloc(1, MEM_SIZE);
	assert_non_null(f->vm.mem);
	f->vm.mem_size = MEM_SIZE;
	assert_int_equal(pipe2(f->pipe, O_NONBLOCK), 0);
	minivm_config_init(&f->cfg);
	f->vm.cfg = &f->cfg;
	f->vm.out_fd = f->pipe[1];
	f->vm.err_fd = f->pipe[1];
	f->vm.in_fd = -1;
	f->vm.diag_fd = -1; /* no diagnostics in the test output */
	f->vm.kvm_fd = f->vm.vm_fd = f->vm.vcpu_fd = -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fake *f = *state;

	close(f->pipe[0]);
	close(f->pipe[1]);
	free(f->vm.mem);
	free(f);
	return 0;
}

static size_t pipe_read(struct fake *f, char *buf, size_t size)
{
	ssize_t n = read(f->pipe[0], buf, size);

	return n < 0 ? 0 : (size_t)n;
}

/* Put a read/write block at BLOCK, run the hypercall, return its result. */
static int64_t rw_call(struct fake *f, uint16_t port, uint64_t fd, uint64_t buf, uint64_t len,
		       enum mv_hc_result *res)
{
	struct minivm_hc_rw rw = {.fd = fd, .buf = buf, .len = len, .ret = 12345};

	memcpy(f->vm.mem + BLOCK, &rw, sizeof(rw));
	*res = mv_hypercall(&f->vm, port, BLOCK);
	memcpy(&rw, f->vm.mem + BLOCK, sizeof(rw));
	return rw.ret;
}

static void test_gpa_ok(void **state)
{
	const uint64_t s = MEM_SIZE;

	assert_true(mv_gpa_ok(s, 0, s));
	assert_true(mv_gpa_ok(s, s - 1, 1));
	assert_true(mv_gpa_ok(s, s, 0));
	assert_false(mv_gpa_ok(s, s, 1));
	assert_false(mv_gpa_ok(s, 1, s));
	assert_false(mv_gpa_ok(s, s + 1, 0));
	assert_false(mv_gpa_ok(s, UINT64_MAX, 2));     /* gpa + len wraps to 1 */
	assert_false(mv_gpa_ok(s, 2, UINT64_MAX - 1)); /* len + gpa wraps to 0 */
	assert_false(mv_gpa_ok(s, UINT64_MAX - s + 1, s));
	assert_null(mv_gpa_ptr(NULL, s, 0, 1));
}

static void test_write_inside(void **state)
{
	struct fake *f = *state;
	enum mv_hc_result res;
	char out[64];

	memcpy(f->vm.mem + BUF, "hello\n", 6);
	assert_int_equal(rw_call(f, MINIVM_HC_WRITE, 1, BUF, 6, &res), 6);
	assert_int_equal(res, MV_HC_CONTINUE);
	assert_int_equal(pipe_read(f, out, sizeof(out)), 6);
	assert_memory_equal(out, "hello\n", 6);
	/* The very last bytes of memory are fine too; fd 2 as well. */
	memcpy(f->vm.mem + MEM_SIZE - 3, "end", 3);
	assert_int_equal(rw_call(f, MINIVM_HC_WRITE, 2, MEM_SIZE - 3, 3, &res), 3);
	assert_int_equal(pipe_read(f, out, sizeof(out)), 3);
	/* Zero bytes at the very end: nothing to write, nothing wrong. */
	assert_int_equal(rw_call(f, MINIVM_HC_WRITE, 1, MEM_SIZE, 0, &res), 0);
}

static void test_write_outside(void **state)
{
	struct fake *f = *state;
	enum mv_hc_result res;
	char out[64];

	/* Past the end, straddling the end, and sums that wrap 64 bits. */
	assert_int_equal(rw_call(f, MINIVM_HC_WRITE, 1, MEM_SIZE, 1, &res), -EFAULT);
	assert_int_equal(rw_call(f, MINIVM_HC_WRITE, 1, MEM_SIZE - 2, 5, &res), -EFAULT);
	assert_int_equal(rw_call(f, MINIVM_HC_WRITE, 1, UINT64_MAX - 1, 4, &res), -EFAULT);
	assert_int_equal(rw_call(f, MINIVM_HC_WRITE, 1, 16, UINT64_MAX, &res), -EFAULT);
	assert_int_equal(res, MV_HC_CONTINUE);
	/* Not a console fd. */
	assert_int_equal(rw_call(f, MINIVM_HC_WRITE, 3, BUF, 1, &res), -EBADF);
	assert_int_equal(rw_call(f, MINIVM_HC_WRITE, UINT64_MAX, BUF, 1, &res), -EBADF);
	/* Nothing reached the host. */
	assert_int_equal(pipe_read(f, out, sizeof(out)), 0);
}

static void test_read(void **state)
{
	struct fake *f = *state;
	enum mv_hc_result res;

	/* No input: end of file. Input from a pipe lands in guest memory. */
	assert_int_equal(rw_call(f, MINIVM_HC_READ, 0, BUF, 10, &res), 0);
	int in[2];
	assert_int_equal(pipe(in), 0);
	assert_int_equal(write(in[1], "abc", 3), 3);
	f->vm.in_fd = in[0];
	assert_int_equal(rw_call(f, MINIVM_HC_READ, 0, BUF, 10, &res), 3);
	assert_memory_equal(f->vm.mem + BUF, "abc", 3);
	assert_int_equal(rw_call(f, MINIVM_HC_READ, 0, MEM_SIZE - 1, 10, &res), -EFAULT);
	assert_int_equal(rw_call(f, MINIVM_HC_READ, 0, UINT64_MAX - 4, 10, &res), -EFAULT);
	assert_int_equal(rw_call(f, MINIVM_HC_READ, 1, BUF, 10, &res), -EBADF);
	close(in[0]);
	close(in[1]);
}

static void test_block_outside(void **state)
{
	struct fake *f = *state;
	const uint16_t ports[] = {MINIVM_HC_WRITE, MINIVM_HC_READ,  MINIVM_HC_EXIT,
				  MINIVM_HC_PHASE, MINIVM_HC_SLEEP, MINIVM_HC_PANIC};

	/* The argument block itself outside memory, or straddling its end:
	 * the VM is stopped as crashed, nothing is read or written. */
	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		assert_int_equal(mv_hypercall(&f->vm, ports[i], MEM_SIZE), MV_HC_CRASH);
		assert_int_equal(mv_hypercall(&f->vm, ports[i], MEM_SIZE - 4), MV_HC_CRASH);
		assert_int_equal(mv_hypercall(&f->vm, ports[i], UINT64_MAX - 7), MV_HC_CRASH);
	}
	assert_int_equal(mv_hypercall(&f->vm, 0x600, BLOCK), MV_HC_CRASH);
}

static void test_exit_phase_sleep_panic(void **state)
{
	struct fake *f = *state;
	struct minivm_hc_exit ex = {.status = 0x1203};
	struct minivm_hc_phase ph = {.id = MINIVM_PHASE_FIRST_SYSCALL};
	struct minivm_hc_sleep sl = {.ns = 1000000, .ret = 99};
	struct minivm_hc_panic pn;

	memcpy(f->vm.mem + BLOCK, &ph, sizeof(ph));
	assert_int_equal(mv_hypercall(&f->vm, MINIVM_HC_PHASE, BLOCK), MV_HC_CONTINUE);
	assert_true(f->vm.phases.ns[MV_PHASE_FIRST_SYSCALL] != 0);
	assert_int_equal(f->vm.phases.ns[MV_PHASE_GUEST_ENTERED], 0);

	memcpy(f->vm.mem + BLOCK, &sl, sizeof(sl));
	assert_int_equal(mv_hypercall(&f->vm, MINIVM_HC_SLEEP, BLOCK), MV_HC_CONTINUE);
	memcpy(&sl, f->vm.mem + BLOCK, sizeof(sl));
	assert_int_equal(sl.ret, 0);

	memcpy(f->vm.mem + BLOCK, &ex, sizeof(ex));
	assert_int_equal(mv_hypercall(&f->vm, MINIVM_HC_EXIT, BLOCK), MV_HC_EXIT);
	assert_int_equal(f->vm.exit_status, 3); /* low 8 bits, as for a process */

	/* A panic with an unterminated message is a crash, and no overrun. */
	memset(&pn, 'A', sizeof(pn));
	pn.vector = 14;
	memcpy(f->vm.mem + BLOCK, &pn, sizeof(pn));
	f->vm.diag_fd = f->pipe[1];
	assert_int_equal(mv_hypercall(&f->vm, MINIVM_HC_PANIC, BLOCK), MV_HC_CRASH);
	char out[2048];
	size_t n = pipe_read(f, out, sizeof(out) - 1);
	out[n] = '\0';
	assert_non_null(strstr(out, "minivm: guest crashed: exception 14"));
	assert_non_null(strstr(out, "\nminivm: registers: rip=0x4141414141414141"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_gpa_ok),
	    cmocka_unit_test_setup_teardown(test_write_inside, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_write_outside, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_read, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_block_outside, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_exit_phase_sleep_panic, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
