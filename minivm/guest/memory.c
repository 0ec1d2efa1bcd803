/*
 * memory.c - brk and mmap for a program that owns the whole guest.
 *
 * The VMM identity-maps all guest memory (abi.h), so "mapping" memory here
 * is only choosing an address range: there are no page tables to edit and
 * every page is readable, writable and executable. Two areas share the
 * room between the program image and the stack:
 *
 *   brk_start .. brk                the heap, growing up
 *   mmap_low .. mmap_top            mmap'ed ranges, the area growing down
 *
 * Freed mmap ranges go to a small sorted free list and are reused first;
 * a freed range next to mmap_low gives its room back to the gap.
 *
 * Linux hands out zeroed memory. Guest memory the VMM never touched is
 * already zero, and zeroing it would cost a page fault per page on the
 * host, so we remember the range no one has had yet ("pristine") and zero
 * only memory that was handed out before.
 */
#include "kernel.h"

#define PROT_NONE	    0
#define MAP_SHARED	    0x01
#define MAP_PRIVATE	    0x02
#define MAP_TYPE	    0x0f
#define MAP_FIXED	    0x10
#define MAP_ANON	    0x20
#define MAP_FIXED_NOREPLACE 0x100000
#define MREMAP_MAYMOVE	    1

#define FREE_MAX 64

struct range {
	uint64_t start, end;
};

static uint64_t brk_start, brk_cur;
static uint64_t mmap_floor, mmap_low, mmap_top;
static uint64_t pristine_lo, pristine_hi;
static struct range free_list[FREE_MAX]; /* sorted, disjoint, not adjacent */
static int free_count;

static uint64_t page_up(uint64_t v)
{
	return (v + MINIVM_PAGE_SIZE - 1) & ~(MINIVM_PAGE_SIZE - 1);
}

static uint64_t max64(uint64_t a, uint64_t b)
{
	return a > b ? a : b;
}

static uint64_t min64(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

void memory_init(void)
{
	brk_start = brk_cur = boot->brk_start;
	mmap_floor = boot->mmap_bottom;
	mmap_low = mmap_top = boot->mmap_top;
	pristine_lo = page_up(brk_start);
	pristine_hi = mmap_top;
	if (brk_start > mmap_top || mmap_floor > mmap_top)
		panic("bootinfo: brk and mmap areas overlap");
}

/* Zero [start, end) except where it is pristine (still zero). */
static void zero_dirty(uint64_t start, uint64_t end)
{
	uint64_t lo = max64(start, pristine_lo), hi = min64(end, pristine_hi);

	if (lo >= hi) {
		memset((void *)start, 0, end - start);
		return;
	}
	memset((void *)start, 0, lo - start);
	memset((void *)hi, 0, end - hi);
}

/* Mark [start, end) as handed out: no longer pristine. */
static void take(uint64_t start, uint64_t end)
{
	zero_dirty(start, end);
	if (start <= pristine_lo)
		pristine_lo = max64(pristine_lo, page_up(end));
	if (end >= pristine_hi)
		pristine_hi = min64(pristine_hi, start);
}

/*
 * Linux: set the end of the data segment; on failure return the old end.
 * We: the same, between brk_start and the lowest mmap'ed range.
 */
long sys_brk(uint64_t addr)
{
	if (addr < brk_start || page_up(addr) > mmap_low || addr > mmap_low)
		return brk_cur;
	if (addr > brk_cur)
		take(brk_cur, addr);
	brk_cur = addr;
	return brk_cur;
}

static void free_remove(int i)
{
	for (; i + 1 < free_count; i++)
		free_list[i] = free_list[i + 1];
	free_count--;
}

/* Add [s, e) to the free list, merging with what touches it. Returns -1
 * if the list is full: the range then stays allocated (a leak of address
 * space, never a wrong answer). */
static int free_add(uint64_t s, uint64_t e)
{
	int i = 0, j;

	while (i < free_count && free_list[i].end < s)
		i++;
	for (j = i; j < free_count && free_list[j].start <= e; j++) {
		s = min64(s, free_list[j].start);
		e = max64(e, free_list[j].end);
	}
	if (i == j) {
		if (free_count == FREE_MAX)
			return -1;
		for (int k = free_count; k > i; k--)
			free_list[k] = free_list[k - 1];
		free_count++;
	} else {
		while (j - i > 1) {
			free_remove(i + 1);
			j--;
		}
	}
	free_list[i].start = s;
	free_list[i].end = e;
	return 0;
}

/* Remove [s, e) from the free list if one free range holds all of it. */
static int free_take(uint64_t s, uint64_t e)
{
	for (int i = 0; i < free_count; i++) {
		struct range *r = &free_list[i];

		if (s < r->start || e > r->end)
			continue;
		if (s == r->start && e == r->end) {
			free_remove(i);
		} else if (s == r->start) {
			r->start = e;
		} else if (e == r->end) {
			r->end = s;
		} else {
			/* splitting needs a new entry */
			uint64_t old_end = r->end;

			if (free_count == FREE_MAX)
				return -1;
			r->end = s;
			free_add(e, old_end);
		}
		return 0;
	}
	return -1;
}

/* Is [s, e) handed out by mmap: inside the area and on no free range? */
static int mmap_in_use(uint64_t s, uint64_t e)
{
	if (s < mmap_low || e > mmap_top || e <= s)
		return 0;
	for (int i = 0; i < free_count; i++)
		if (free_list[i].start < e && s < free_list[i].end)
			return 0;
	return 1;
}

/* Hand out len bytes (page multiple): first fit on the free list, else
 * from the gap below mmap_low. Returns 0 if there is no room. */
static uint64_t mmap_alloc(uint64_t len)
{
	uint64_t limit = max64(mmap_floor, page_up(brk_cur));

	for (int i = 0; i < free_count; i++) {
		uint64_t s = free_list[i].start;

		if (free_list[i].end - s >= len) {
			free_take(s, s + len);
			take(s, s + len);
			return s;
		}
	}
	if (mmap_low < limit || mmap_low - limit < len)
		return 0;
	take(mmap_low - len, mmap_low);
	mmap_low -= len;
	return mmap_low;
}

/*
 * Linux: map a file or anonymous memory, anywhere or at a given address.
 * We: anonymous memory only (there are no files), at an address we choose.
 * MAP_SHARED is the same as MAP_PRIVATE with one process and no fork.
 * PROT_* are accepted and ignored: everything is RWX.
 */
long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, uint64_t off)
{
	uint64_t p;

	if (!(flags & MAP_ANON))
		return (fd >= 0 && fd <= 2) ? -ENODEV : -EBADF;
	if ((flags & MAP_TYPE) != MAP_SHARED && (flags & MAP_TYPE) != MAP_PRIVATE)
		return -EINVAL;
	if (len == 0 || page_up(len) < len)
		return -EINVAL;
	/* Placement at a chosen address would need us to move other
	 * mappings; no program we run asks for it. */
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))
		return -ENOMEM;
	p = mmap_alloc(page_up(len));
	return p ? (long)p : -ENOMEM;
}

/*
 * Linux: remove mappings in [addr, addr + len); unmapped parts are fine.
 * We: give the part inside the mmap area back to the free list. Memory of
 * the program image or the brk heap is left alone.
 */
long sys_munmap(uint64_t addr, uint64_t len)
{
	uint64_t s, e;

	if ((addr & (MINIVM_PAGE_SIZE - 1)) || len == 0 || page_up(len) < len ||
	    addr + page_up(len) < addr)
		return -EINVAL;
	s = max64(addr, mmap_low);
	e = min64(addr + page_up(len), mmap_top);
	if (s >= e)
		return 0;
	if (free_add(s, e) < 0)
		return 0;
	/* A free range starting at mmap_low goes back to the gap. */
	if (free_count > 0 && free_list[0].start == mmap_low) {
		mmap_low = free_list[0].end;
		free_remove(0);
	}
	return 0;
}

/*
 * Linux: resize a mapping, in place or (MREMAP_MAYMOVE) elsewhere.
 * We: shrink in place; grow in place if the pages above are free; else,
 * with MAYMOVE, copy to a new range (musl's realloc of big blocks).
 */
long sys_mremap(uint64_t old, uint64_t old_len, uint64_t new_len, int flags, uint64_t new_addr)
{
	uint64_t p;

	if (flags & ~MREMAP_MAYMOVE)
		return -EINVAL;
	if ((old & (MINIVM_PAGE_SIZE - 1)) || new_len == 0 || page_up(new_len) < new_len ||
	    page_up(old_len) < old_len)
		return -EINVAL;
	old_len = page_up(old_len);
	new_len = page_up(new_len);
	if (!mmap_in_use(old, old + old_len))
		return -EFAULT;
	if (new_len <= old_len) {
		if (new_len < old_len)
			sys_munmap(old + new_len, old_len - new_len);
		return old;
	}
	if (old + new_len > old && free_take(old + old_len, old + new_len) == 0) {
		take(old + old_len, old + new_len);
		return old;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	p = mmap_alloc(new_len);
	if (!p)
		return -ENOMEM;
	memcpy((void *)p, (const void *)old, old_len);
	sys_munmap(old, old_len);
	return p;
}

/* Linux: change page protection. We: the identity map is RWX and stays
 * so; a PROT_NONE guard page does not fault here. */
long sys_mprotect(uint64_t addr, uint64_t len, int prot)
{
	if (addr & (MINIVM_PAGE_SIZE - 1))
		return -EINVAL;
	return 0;
}
