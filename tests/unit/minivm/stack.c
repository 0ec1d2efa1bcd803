/* Unit tests of minivm/lib/stack.c: build the initial stack into a memory
 * image, then parse it back as a libc's start-up code would. */
#include <elf.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "vm.h"

#define MEM_SIZE (16ULL << 20)
#define LOW	 (MEM_SIZE - MINIVM_STACK_SIZE)

static uint64_t word(const uint8_t *mem, uint64_t gpa)
{
	uint64_t v;

	assert_true(gpa >= LOW && gpa + 8 <= MEM_SIZE);
	memcpy(&v, mem + gpa, 8);
	return v;
}

static const char *string(const uint8_t *mem, uint64_t gpa)
{
	assert_true(gpa >= LOW && gpa < MEM_SIZE);
	assert_non_null(memchr(mem + gpa, 0, MEM_SIZE - gpa));
	return (const char *)mem + gpa;
}

static void fill_args(struct mv_stack_args *a, int argc, char *const *argv, char *const *envp)
{
	memset(a, 0, sizeof(*a));
	a->argc = argc;
	a->argv = argv;
	a->envp = envp;
	a->execfn = "/bin/prog";
	a->phdr = 0x400040;
	a->phent = 56;
	a->phnum = 7;
	a->entry = 0x401000;
	a->hwcap = 0x178bfbff;
	for (int i = 0; i < 16; i++)
		a->random[i] = (uint8_t)(i * 7 + 1);
}

/* Parse back the stack at sp and check it against what was asked. */
static void check_stack(const uint8_t *mem, uint64_t sp, const struct mv_stack_args *a)
{
	int envc = 0;

	while (a->envp && a->envp[envc])
		envc++;
	assert_int_equal(sp % 16, 0);
	assert_int_equal(word(mem, sp), a->argc);
	uint64_t at = sp + 8;
	for (int i = 0; i < a->argc; i++, at += 8)
		assert_string_equal(string(mem, word(mem, at)), a->argv[i]);
	assert_int_equal(word(mem, at), 0);
	at += 8;
	for (int i = 0; i < envc; i++, at += 8)
		assert_string_equal(string(mem, word(mem, at)), a->envp[i]);
	assert_int_equal(word(mem, at), 0);
	at += 8;

	uint64_t seen = 0; /* bit per AT_ type seen */
	for (;; at += 16) {
		uint64_t type = word(mem, at), val = word(mem, at + 8);
		if (type == AT_NULL)
			break;
		assert_true(type < 64);
		seen |= 1ULL << type;
		switch (type) {
		case AT_PHDR:
			assert_int_equal(val, a->phdr);
			break;
		case AT_PHENT:
			assert_int_equal(val, a->phent);
			break;
		case AT_PHNUM:
			assert_int_equal(val, a->phnum);
			break;
		case AT_PAGESZ:
			assert_int_equal(val, 4096);
			break;
		case AT_ENTRY:
			assert_int_equal(val, a->entry);
			break;
		case AT_HWCAP:
			assert_int_equal(val, a->hwcap);
			break;
		case AT_CLKTCK:
			assert_int_equal(val, 100);
			break;
		case AT_UID:
		case AT_EUID:
		case AT_GID:
		case AT_EGID:
		case AT_SECURE:
			assert_int_equal(val, 0);
			break;
		case AT_RANDOM:
			assert_true(val >= LOW && val + 16 <= MEM_SIZE);
			assert_memory_equal(mem + val, a->random, 16);
			break;
		case AT_EXECFN:
			assert_string_equal(string(mem, val), a->execfn);
			break;
		default:
			break;
		}
	}
	const int want[] = {AT_PHDR,   AT_PHENT, AT_PHNUM,  AT_PAGESZ, AT_ENTRY,
			    AT_RANDOM, AT_HWCAP, AT_CLKTCK, AT_UID,    AT_EUID,
			    AT_GID,    AT_EGID,	 AT_SECURE, AT_EXECFN};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!(seen & (1ULL << want[i])))
			fail_msg("auxv lacks type %d", want[i]);
	assert_true(at + 16 <= MEM_SIZE);
}

static void test_layout(void **state)
{
	uint8_t *mem = calloc(1, MEM_SIZE);
	char *argv[] = {"prog", "a", "bc", "", "last argument", NULL};
	char *envp[] = {"HOME=/", "X=1", NULL};
	struct mv_stack_args a;
	const char *why;
	uint64_t sp;

	assert_non_null(mem);
	/* Every argc parity, with and without an environment: rsp stays aligned. */
	for (int argc = 0; argc <= 5; argc++) {
		fill_args(&a, argc, argv, argc % 2 ? envp : NULL);
		memset(mem + LOW, 0, MINIVM_STACK_SIZE);
		assert_int_equal(mv_stack_build(mem, MEM_SIZE, LOW, &a, &sp, &why), 0);
		check_stack(mem, sp, &a);
	}
	free(mem);
}

static void test_too_long(void **state)
{
	uint8_t *mem = calloc(1, MEM_SIZE);
	size_t len = MINIVM_STACK_SIZE / 2;
	char *big = malloc(len + 1);
	struct mv_stack_args a;
	const char *why = NULL;
	uint64_t sp;

	assert_non_null(mem);
	assert_non_null(big);
	memset(big, 'x', len);
	big[len] = '\0';
	char *argv[] = {"prog", big, NULL};
	fill_args(&a, 2, argv, NULL);
	assert_int_equal(mv_stack_build(mem, MEM_SIZE, LOW, &a, &sp, &why), -1);
	assert_non_null(why);
	assert_non_null(strstr(why, "argument list too long"));
	/* Nothing was written below the args window. */
	for (uint64_t i = LOW; i < MEM_SIZE - MINIVM_STACK_SIZE / 4; i++)
		assert_int_equal(mem[i], 0);
	free(big);
	free(mem);
}

/* Over 100,000 arguments (or environment strings), each one byte: too
 * many words, which Linux answers with E2BIG, "argument list too long". */
static void test_too_many(void **state)
{
	uint8_t *mem = calloc(1, MEM_SIZE);
	char **argv = calloc(100002, sizeof(char *));
	struct mv_stack_args a;
	const char *why = NULL;
	uint64_t sp;

	assert_non_null(mem);
	assert_non_null(argv);
	for (int i = 0; i < 100001; i++)
		argv[i] = "";
	fill_args(&a, 100001, argv, NULL);
	assert_int_equal(mv_stack_build(mem, MEM_SIZE, LOW, &a, &sp, &why), -1);
	assert_non_null(why);
	if (!strstr(why, "argument list too long"))
		fail_msg("reason \"%s\" is not \"argument list too long\"", why);
	fill_args(&a, 1, argv, argv); /* 100,001 environment strings */
	assert_int_equal(mv_stack_build(mem, MEM_SIZE, LOW, &a, &sp, &why), -1);
	assert_non_null(strstr(why, "argument list too long"));
	free(argv);
	free(mem);
}

/* A stack area that would reach below its allowed bottom is refused. */
static void test_low_limit(void **state)
{
	uint8_t *mem = calloc(1, MEM_SIZE);
	char *argv[] = {"prog", NULL};
	struct mv_stack_args a;
	const char *why = NULL;
	uint64_t sp;

	assert_non_null(mem);
	fill_args(&a, 1, argv, NULL);
	assert_int_equal(mv_stack_build(mem, MEM_SIZE, MEM_SIZE - 4096, &a, &sp, &why), -1);
	assert_non_null(strstr(why, "stack area too small"));
	/* A memory smaller than the argument area itself (its bottom would
	 * wrap below 0). */
	assert_int_equal(mv_stack_build(mem, 4096, 0, &a, &sp, &why), -1);
	assert_non_null(strstr(why, "stack area too small"));
	free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_layout),
	    cmocka_unit_test(test_too_long),
	    cmocka_unit_test(test_too_many),
	    cmocka_unit_test(test_low_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
