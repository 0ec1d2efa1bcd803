/*
 * memory.c - brk, mmap, munmap and mremap under stress: memory handed out
 * reads as zero even where it was used and freed before, blocks do not
 * overlap, and malloc of 8 MiB works and can be touched. Prints "ok".
 */
#define _GNU_SOURCE /* mremap */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096
#define CHECK(cond, what)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			printf("FAIL: %s (line %d, errno %s)\n", what, __LINE__, strerror(errno)); \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static void *map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static int test_brk(void)
{
	uintptr_t start = syscall(SYS_brk, 0), cur;

	CHECK(start != 0, "brk(0)");
	cur = syscall(SYS_brk, start + 3 * PAGE + 100);
	CHECK(cur == start + 3 * PAGE + 100, "brk grow");
	CHECK(all_zero((void *)start, 3 * PAGE + 100), "new brk memory zero");
	memset((void *)start, 0xab, 3 * PAGE + 100);
	CHECK(syscall(SYS_brk, start + PAGE) == (long)(start + PAGE), "brk shrink");
	CHECK(syscall(SYS_brk, start + 3 * PAGE) == (long)(start + 3 * PAGE), "brk regrow");
	CHECK(all_zero((void *)(start + PAGE), 2 * PAGE), "regrown brk memory zero");
	/* Failure returns the current break, as Linux does. */
	CHECK(syscall(SYS_brk, start - PAGE) == (long)(start + 3 * PAGE), "brk below start");
	CHECK(syscall(SYS_brk, (uintptr_t)1 << 46) == (long)(start + 3 * PAGE), "brk huge");
	CHECK(syscall(SYS_brk, start) == (long)start, "brk back to start");
	return 0;
}

static int test_mmap(void)
{
	enum { N = 40 };
	unsigned char *p[N];
	size_t len[N];

	/* Many blocks of varied sizes: zero, disjoint, writable. */
	for (int i = 0; i < N; i++) {
		len[i] = (size_t)(i % 7 + 1) * PAGE + (i % 3) * 100;
		p[i] = map(len[i]);
		CHECK(p[i], "mmap");
		CHECK(((uintptr_t)p[i] & (PAGE - 1)) == 0, "mmap page aligned");
		CHECK(all_zero(p[i], len[i]), "fresh mmap zero");
		memset(p[i], i + 1, len[i]);
	}
	for (int i = 0; i < N; i++)
		for (size_t j = 0; j < len[i]; j += 512)
			CHECK(p[i][j] == i + 1, "blocks overlap");
	/* Free every other block, then reallocate: reused memory is zero. */
	for (int round = 0; round < 20; round++) {
		for (int i = round % 2; i < N; i += 2) {
			CHECK(munmap(p[i], len[i]) == 0, "munmap");
			p[i] = NULL;
		}
		for (int i = round % 2; i < N; i += 2) {
			len[i] = (size_t)((i + round) % 5 + 1) * PAGE;
			p[i] = map(len[i]);
			CHECK(p[i], "mmap after munmap");
			CHECK(all_zero(p[i], len[i]), "reused mmap memory zero");
			memset(p[i], i + 1, len[i]);
		}
		for (int i = 0; i < N; i++)
			for (size_t j = 0; j < len[i]; j += 512)
				CHECK(p[i][j] == i + 1, "blocks overlap after reuse");
	}
	/* Partial munmap: the middle page of a 3-page block. */
	unsigned char *q = map(3 * PAGE);
	CHECK(q, "mmap 3 pages");
	memset(q, 7, 3 * PAGE);
	CHECK(munmap(q + PAGE, PAGE) == 0, "munmap middle page");
	CHECK(q[0] == 7 && q[2 * PAGE] == 7, "neighbours of an unmapped page intact");
	for (int i = 0; i < N; i++)
		CHECK(munmap(p[i], len[i]) == 0, "munmap all");
	CHECK(munmap(q, 3 * PAGE) == 0, "munmap an area with a hole");
	/* Bad arguments. */
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED &&
		  errno == EINVAL,
	      "mmap of 0 bytes: EINVAL");
	CHECK(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 5, 0) == MAP_FAILED && errno == EBADF,
	      "file mmap of a bad fd: EBADF");
	CHECK(munmap((void *)(PAGE + 1), PAGE) == -1 && errno == EINVAL, "munmap unaligned");
	q = map(PAGE);
	CHECK(q && mprotect(q, PAGE, PROT_READ | PROT_WRITE) == 0, "mprotect");
	CHECK(munmap(q, PAGE) == 0, "munmap after mprotect");
	return 0;
}

static int test_mremap(void)
{
	unsigned char *p = map(2 * PAGE), *r;

	CHECK(p, "mmap for mremap");
	memset(p, 9, 2 * PAGE);
	r = mremap(p, 2 * PAGE, 64 * PAGE, MREMAP_MAYMOVE);
	CHECK(r != MAP_FAILED, "mremap grow");
	CHECK(r[0] == 9 && r[2 * PAGE - 1] == 9, "mremap kept the contents");
	CHECK(all_zero(r + 2 * PAGE, 62 * PAGE), "mremap's new part zero");
	r = mremap(r, 64 * PAGE, PAGE, 0);
	CHECK(r != MAP_FAILED && r[0] == 9, "mremap shrink");
	CHECK(munmap(r, PAGE) == 0, "munmap after mremap");
	return 0;
}

static int test_malloc(void)
{
	size_t n = 8 << 20;
	unsigned char *p;

	for (int round = 0; round < 3; round++) {
		p = malloc(n);
		CHECK(p, "malloc 8 MiB");
		CHECK(all_zero(p, n), "malloc'ed 8 MiB zero (fresh from mmap)");
		for (size_t i = 0; i < n; i += PAGE)
			p[i] = (unsigned char)i | 1;
		free(p);
	}
	/* Many small allocations (brk and mmap'ed groups in musl). */
	void *small[2000];
	for (int i = 0; i < 2000; i++) {
		small[i] = malloc(i % 300 + 1);
		CHECK(small[i], "malloc small");
		memset(small[i], 0x5a, i % 300 + 1);
	}
	for (int i = 0; i < 2000; i++)
		free(small[i]);
	p = calloc(1, 1 << 20);
	CHECK(p && all_zero(p, 1 << 20), "calloc 1 MiB");
	unsigned char *bigger = realloc(p, 3 << 20);
	if (!bigger)
		free(p);
	CHECK(bigger, "realloc to 3 MiB");
	free(bigger);
	return 0;
}

int main(void)
{
	if (test_brk() || test_mmap() || test_mremap() || test_malloc())
		return 1;
	printf("ok\n");
	return 0;
}
