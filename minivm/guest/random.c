/*
 * random.c - getrandom().
 *
 * Linux: bytes from the kernel's CSPRNG. We have no entropy pool. Where
 * the CPU has RDRAND (CPUID.1:ECX bit 30) we use it: its output comes from
 * the CPU's own hardware generator. Else we fall back to splitmix64 seeded
 * from the TSC, which is NOT cryptographic: fine for hash seeds and malloc
 * randomization, not for keys.
 */
#include "kernel.h"
#include "cpu.h"

#define CPUID1_ECX_RDRAND (1U << 30)
#define GRND_NONBLOCK	  1
#define GRND_RANDOM	  2
#define GRND_INSECURE	  4

static int have_rdrand = -1; /* unknown until first use */
static uint64_t splitmix_state;

/* RDRAND may fail (CF = 0) when its buffer runs dry; Intel advises up to
 * ten retries. */
static int rdrand64(uint64_t *v)
{
	for (int i = 0; i < 10; i++) {
		unsigned char ok;

		__asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok));
		if (ok)
			return 1;
	}
	return 0;
}

static uint64_t splitmix64(void)
{
	uint64_t z;

	if (!splitmix_state)
		splitmix_state = rdtsc();
	z = (splitmix_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t random64(void)
{
	uint64_t v;

	if (have_rdrand < 0)
		have_rdrand = (cpuid(1, 0).ecx & CPUID1_ECX_RDRAND) != 0;
	if (have_rdrand && rdrand64(&v))
		return v;
	return splitmix64();
}

long sys_getrandom(uint64_t buf, size_t len, unsigned flags)
{
	unsigned char *p = (unsigned char *)buf;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if (len > 33554431)
		len = 33554431; /* Linux returns at most this much per call */
	if (len == 0)
		return 0;
	if (!user_ok(buf, len))
		return -EFAULT;
	for (size_t i = 0; i < len; i += 8) {
		uint64_t v = random64();
		size_t n = len - i < 8 ? len - i : 8;

		memcpy(p + i, &v, n);
	}
	return len;
}
