/* Unit tests: the cgroup v2 device program (runtime/lib/devices.c), run
 * through a small evaluator of the eBPF instructions it uses, so that each
 * decision can be checked without loading it into a kernel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <linux/bpf.h>

#include "internal.h"

static struct bpf_insn prog[64];
static size_t len;

/* Run prog on one device access; returns r0 (1 allow, 0 deny), or -1 for
 * an instruction outside the subset or a jump out of the program. */
static int64_t run(uint32_t type, uint32_t access, uint32_t major, uint32_t minor)
{
	struct bpf_cgroup_dev_ctx ctx = {(access << 16) | type, major, minor};
	uint64_t r[11] = {0};
	size_t pc = 0;

	r[1] = (uintptr_t)&ctx;
	while (pc < len) {
		const struct bpf_insn *i = &prog[pc++];
		uint32_t word;

		switch (i->code) {
		case BPF_LDX | BPF_MEM | BPF_W:
			if (i->src_reg != 1 || i->off < 0 || i->off + 4 > (int)sizeof(ctx))
				return -1;
			memcpy(&word, (const char *)&ctx + i->off, 4);
			r[i->dst_reg] = word;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			r[i->dst_reg] = (uint32_t)r[i->dst_reg] & (uint32_t)i->imm;
			break;
		case BPF_ALU64 | BPF_MOV | BPF_K:
			r[i->dst_reg] = (uint64_t)(int64_t)i->imm;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			if (r[i->dst_reg] == (uint64_t)(int64_t)i->imm)
				pc += i->off;
			break;
		case BPF_JMP | BPF_JNE | BPF_K:
			if (r[i->dst_reg] != (uint64_t)(int64_t)i->imm)
				pc += i->off;
			break;
		case BPF_JMP | BPF_EXIT:
			return (int64_t)r[0];
		default:
			return -1;
		}
	}
	return -1;
}

static int setup(void **state)
{
	len = mc_devices_program(prog);
	return len && len <= 64 ? 0 : -1;
}

static void test_allowed(void **state)
{
	static const uint32_t ok[][2] = {{1, 3}, {1, 5}, {1, 7},   {1, 8},  {1, 9},
					 {5, 0}, {5, 2}, {136, 0}, {136, 7}};
	uint32_t access;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		for (access = 1; access <= 4; access <<= 1)
			assert_int_equal(run(BPF_DEVCG_DEV_CHAR, access, ok[i][0], ok[i][1]), 1);
}

static void test_denied(void **state)
{
	static const uint32_t no[][2] = {{10, 232} /* kvm */,
					 {1, 1} /* mem */,
					 {1, 2} /* kmem */,
					 {1, 4} /* port */,
					 {5, 1} /* console */,
					 {4, 0} /* tty0 */,
					 {10, 200} /* tun */,
					 {3, 3},
					 {137, 0},
					 {0, 3},
					 {1, 0}};
	size_t i;

	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		print_message("c %u:%u\n", no[i][0], no[i][1]);
		assert_int_equal(run(BPF_DEVCG_DEV_CHAR, BPF_DEVCG_ACC_READ, no[i][0], no[i][1]),
				 0);
	}
	/* no block device at all, not even with an allowed char number */
	assert_int_equal(run(BPF_DEVCG_DEV_BLOCK, BPF_DEVCG_ACC_READ, 8, 0), 0);
	assert_int_equal(run(BPF_DEVCG_DEV_BLOCK, BPF_DEVCG_ACC_MKNOD, 1, 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_allowed),
	    cmocka_unit_test(test_denied),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
