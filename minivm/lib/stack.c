/*
 * stack.c - the program's initial stack, laid out as Linux's execve leaves
 * it (System V x86-64 ABI, "Process Initialization"), so that an unmodified
 * libc start-up finds its arguments:
 *
 *   high  mem_size
 *         8 zero bytes (end marker)
 *         AT_EXECFN string, environment strings, argument strings
 *         16 random bytes (AT_RANDOM: libc's stack protector and pointer
 *         guard seeds)
 *         padding to 16 bytes
 *         auxv: (type, value) pairs ending with AT_NULL
 *         envp[]: pointers, NULL
 *         argv[]: pointers, NULL
 *   rsp-> argc                       (rsp is 16-byte aligned here)
 *   low
 *
 * mv_stack_build is a pure function over a guest memory image: the unit
 * tests parse back what it writes. It writes only at the top of memory:
 * one or two pages touched. mv_stack_for_run gives it a run's arguments.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "vm.h"

/* Strings plus tables may take at most this much of the stack. */
#define MAX_ARGS_BYTES (MINIVM_STACK_SIZE / 4)
#define NAUXV	       17 /* the pairs written below, AT_NULL included */
/* At most this many arguments, and as many environment strings: each
 * costs a pointer besides its string, and 100,000 is far above what any
 * program of the benchmark takes. */
#define MAX_ARGS 100000

struct builder {
	uint8_t *mem;
	uint64_t pos; /* next free byte is below this guest address */
	uint64_t low; /* may not go below */
};

/* Copy bytes just below pos; returns their guest address, or 0 if no room. */
static uint64_t push_bytes(struct builder *b, const void *data, size_t len)
{
	if (len > b->pos - b->low)
		return 0;
	b->pos -= len;
	memcpy(b->mem + b->pos, data, len);
	return b->pos;
}

static uint64_t push_string(struct builder *b, const char *s)
{
	return push_bytes(b, s, strlen(s) + 1);
}

static int count(char *const *v)
{
	int n = 0;

	while (v && v[n])
		n++;
	return n;
}

static void put_word(uint8_t *mem, uint64_t *at, uint64_t value)
{
	memcpy(mem + *at, &value, 8);
	*at += 8;
}

static void put_aux(uint8_t *mem, uint64_t *at, uint64_t type, uint64_t value)
{
	put_word(mem, at, type);
	put_word(mem, at, value);
}

int mv_stack_build(uint8_t *mem, uint64_t mem_size, uint64_t stack_low,
		   const struct mv_stack_args *a, uint64_t *sp, const char **why)
{
	int envc = count(a->envp);
	struct builder b = {.mem = mem, .pos = mem_size, .low = mem_size - MAX_ARGS_BYTES};
	uint64_t zero = 0;

	/* The caller's layout, not the user's input: memory must hold the
	 * whole argument area above stack_low (checked before b.low is used,
	 * which would wrap for a memory smaller than the area). */
	if (mem_size < MAX_ARGS_BYTES || stack_low > b.low) {
		*why = "stack area too small";
		return -1;
	}
	/* What Linux's execve answers with E2BIG: too many words, or too many
	 * bytes for the room set aside for them (MAX_ARGS_BYTES, below). */
	*why = "argument list too long (E2BIG)";
	if (a->argc < 0 || a->argc > MAX_ARGS || envc > MAX_ARGS)
		return -1;
	uint64_t execfn;
	if (!push_bytes(&b, &zero, 8) || !(execfn = push_string(&b, a->execfn)))
		return -1;

	/* Pushed last to first, the strings end up in order: argv[0] at the
	 * lowest address, each next one right after the previous one's NUL.
	 * So only the first string's address needs keeping. */
	for (int i = envc - 1; i >= 0; i--) {
		if (!push_string(&b, a->envp[i]))
			return -1;
	}
	uint64_t env0 = b.pos;
	for (int i = a->argc - 1; i >= 0; i--) {
		if (!push_string(&b, a->argv[i]))
			return -1;
	}
	uint64_t arg0 = b.pos;
	uint64_t random = push_bytes(&b, a->random, 16);
	if (!random)
		return -1;

	/* The table: argc, argv[] + NULL, envp[] + NULL, auxv pairs. */
	uint64_t words = 1 + ((uint64_t)a->argc + 1) + ((uint64_t)envc + 1) + 2 * NAUXV;
	uint64_t top = b.pos & ~15ULL;
	if (words * 8 > top - b.low)
		return -1;
	/* Round down so that rsp, the address of argc, is 16-byte aligned as
	 * the ABI requires at process entry. */
	uint64_t at = (top - words * 8) & ~15ULL;
	*sp = at;

	put_word(mem, &at, (uint64_t)a->argc);
	for (int i = 0; i < a->argc; i++) {
		put_word(mem, &at, arg0);
		arg0 += strlen(a->argv[i]) + 1;
	}
	put_word(mem, &at, 0);
	for (int i = 0; i < envc; i++) {
		put_word(mem, &at, env0);
		env0 += strlen(a->envp[i]) + 1;
	}
	put_word(mem, &at, 0);

	put_aux(mem, &at, AT_PHDR, a->phdr);
	put_aux(mem, &at, AT_PHENT, a->phent);
	put_aux(mem, &at, AT_PHNUM, a->phnum);
	put_aux(mem, &at, AT_PAGESZ, MINIVM_PAGE_SIZE);
	put_aux(mem, &at, AT_BASE, 0); /* no interpreter */
	put_aux(mem, &at, AT_FLAGS, 0);
	put_aux(mem, &at, AT_ENTRY, a->entry);
	put_aux(mem, &at, AT_UID, 0);
	put_aux(mem, &at, AT_EUID, 0);
	put_aux(mem, &at, AT_GID, 0);
	put_aux(mem, &at, AT_EGID, 0);
	put_aux(mem, &at, AT_SECURE, 0);
	put_aux(mem, &at, AT_RANDOM, random);
	put_aux(mem, &at, AT_HWCAP, a->hwcap);
	put_aux(mem, &at, AT_CLKTCK, 100); /* what Linux reports: USER_HZ */
	put_aux(mem, &at, AT_EXECFN, execfn);
	put_aux(mem, &at, AT_NULL, 0);
	*why = NULL;
	return 0;
}

int mv_stack_for_run(struct mv_vm *vm, struct mv_stack_args *a, uint64_t guard, uint64_t *sp)
{
	const char *why = NULL;

	a->argc = vm->cfg->argc;
	a->argv = vm->cfg->argv;
	a->envp = vm->cfg->envp;
	/* AT_RANDOM: 16 bytes from the kernel's pool, as Linux gives; fresh
	 * for every VM, a snapshot's included (a copied stack would give every
	 * VM the same stack-protector canary and malloc seeds). */
	if (getrandom(a->random, sizeof(a->random), GRND_NONBLOCK) != sizeof(a->random)) {
		mv_diag(vm, "getrandom: %s", strerror(errno));
		return MINIVM_EXIT_ERROR;
	}
	if (mv_stack_build(vm->mem, vm->mem_size, guard + MINIVM_PAGE_SIZE, a, sp, &why) < 0) {
		mv_diag(vm, "program stack: %s", why);
		return MINIVM_EXIT_ERROR;
	}
	return 0;
}
