/*
 * linuxvm.c - the workload as /init of a KVM microVM booting a real Linux
 * kernel. This needs two things this tree does not have yet: minivm able to
 * boot a Linux kernel (another part of the project, in progress), and a host
 * with hardware virtualization (a stock kernel under PVM stops early; see
 * shared/HOST-NOTES.md). Until both hold, the backend says which one is
 * missing, and the harness records that as skip.linuxvm in env.csv.
 */
#include <stdio.h>

#include "backend.h"
#include "bench.h"
#include "hostkvm.h"

static int linuxvm_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	const char *flavour = kvm_flavour();

	if (!cpu_has_hw_virt())
		snprintf(reason, len,
			 "unsupported here: no VMX/SVM on this host (KVM: %s); a stock Linux "
			 "guest needs hardware virtualization",
			 flavour);
	else
		snprintf(reason, len, "unsupported here: minivm cannot boot a Linux kernel yet");
	return -1;
}

const struct backend backend_linuxvm = {
    .name = "linuxvm",
    .prepare = linuxvm_prepare,
};
