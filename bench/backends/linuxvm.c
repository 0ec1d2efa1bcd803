/*
 * linuxvm.c - the workload in a KVM microVM that boots a real Linux
 * kernel: minivm's Linux boot (minivm/linux/), with the image's workload
 * started by the initramfs's /init. Like microvm, one VM is one host
 * process, forked by the harness into a cgroup of its own, which then
 * execs build/minivm (vmfork.c):
 *
 *   minivm run --kernel KERNEL --initrd build/initramfs.cpio [--mem MiB]
 *              --phases 3 /bin/workload ARGS
 *
 * the command a user types. So the VM's pss holds none of the harness's
 * copy-on-write pages, as microvm.c explains.
 *
 * It needs: a kernel (build/kernel/vmlinux, uncompressed, or
 * vmlinuz; `make kernel`; or the file $VMBENCH_LINUX_KERNEL names, e.g.
 * the minimal kernel of `make minimal-kernel`), the initramfs (build/initramfs.cpio, `make`),
 * build/minivm, and a host with hardware virtualization: under PVM a stock
 * kernel does not boot (docs/kvm-flavours.md). Where one is missing, the
 * backend says which, and the harness records it as skip.linuxvm in
 * env.csv.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend.h"
#include "bench.h"
#include "files/results.h"
#include "host/hostkvm.h"
#include "vmfork.h"

#include "linuxboot.h"

static char kernel[PATH_MAX + 32], initrd[PATH_MAX + 32];

/* The first of the candidate files that exists, into out. */
static int pick(char *out, size_t len, const char *dir, const char *const *names)
{
	for (; *names; names++) {
		snprintf(out, len, "%s/%s", dir, *names);
		if (access(out, R_OK) == 0)
			return 0;
	}
	return -1;
}

static int linuxvm_prepare(const struct bench_opts *o, char *reason, size_t len)
{
	/* vmlinux first: entered at its ELF entry, no decompressor to run. */
	static const char *const kernels[] = {"kernel/vmlinux", "kernel/vmlinuz", NULL};
	static const char *const initrds[] = {"initramfs.cpio", NULL};
	const char *flavour = kvm_flavour(), *chosen = getenv("VMBENCH_LINUX_KERNEL");

	/* PVM runs a stock kernel's ring-0 code by emulation, and stops;
	 * minivm itself would refuse each launch with status 122. Said once
	 * here instead, before any launch, so that the run records a skip
	 * with this reason rather than a failed instance per sample. */
	if (strcmp(flavour, "vmx") != 0 && strcmp(flavour, "svm") != 0) {
		snprintf(reason, len,
			 "unsupported here: no VMX/SVM on this host (KVM: %s); a stock Linux "
			 "guest needs hardware virtualization",
			 flavour);
		return -1;
	}
	if (chosen != NULL && chosen[0] != '\0') {
		if (access(chosen, R_OK) != 0) {
			snprintf(reason, len, "unsupported here: VMBENCH_LINUX_KERNEL=%s: %s",
				 chosen, strerror(errno));
			return -1;
		}
		snprintf(kernel, sizeof(kernel), "%s", chosen);
	} else if (pick(kernel, sizeof(kernel), o->exe_dir, kernels) != 0) {
		snprintf(reason, len,
			 "unsupported here: no Linux kernel in %s/kernel (run make "
			 "kernel)",
			 o->exe_dir);
		return -1;
	}
	env_set("linux_kernel", kernel);
	if (pick(initrd, sizeof(initrd), o->exe_dir, initrds) != 0) {
		snprintf(reason, len, "unsupported here: no %s/initramfs.cpio (run make)",
			 o->exe_dir);
		return -1;
	}
	return vm_minivm_ready(o, reason, len);
}

/* In the forked child (vmfork.c), already in its cgroup: exec minivm's
 * Linux boot, whose /init runs /bin/workload (build/image's workload, in
 * the initramfs) with argv's arguments. Returns only when the exec
 * fails. */
static int linuxvm_main(char *const argv[], int phases_fd)
{
	const char *const options[] = {"--kernel", kernel, "--initrd", initrd, NULL};

	return vm_exec_minivm(options, vm_guest_mib(argv, LINUXVM_DEFAULT_MEM_MIB), phases_fd,
			      "/bin/workload", argv);
}

static int linuxvm_launch(struct instance *in, char *const argv[], int want_phases)
{
	return vm_fork(in, argv, want_phases, linuxvm_main);
}

const struct backend backend_linuxvm = {
    .name = "linuxvm",
    .kind = BACKEND_VM,
    .what = "KVM microVM booting a full Linux kernel, the workload as /init",
    .prepare = linuxvm_prepare,
    .launch = linuxvm_launch,
    .cgroup_bytes = instance_cgroup_bytes,
    .stop = vm_stop,
    .release = instance_cgroup_release,
};
