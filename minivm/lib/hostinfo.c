/*
 * hostinfo.c - what kind of KVM this host offers. Hardware KVM runs guests
 * with Intel VMX or AMD SVM (the `vmx`/`svm` CPU flags in /proc/cpuinfo).
 * PVM ("Pagetable Virtual Machine", module kvm_pvm) gives the same
 * /dev/kvm API without those CPU features, in software with shadow paging:
 * guests work, but page faults and exits cost more. Benchmarks must say
 * which one they ran on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vm.h"

/* Does the "flags" line of /proc/cpuinfo list this flag? */
static int cpu_has_flag(const char *flag)
{
	FILE *f = fopen("/proc/cpuinfo", "re");
	char line[8192];
	int found = 0;
	size_t len = strlen(flag);

	if (!f)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "flags", 5) != 0)
			continue;
		for (char *p = strstr(line, flag); p && !found; p = strstr(p + 1, flag)) {
			char after = p[len];
			found = p[-1] == ' ' && (after == ' ' || after == '\n' || after == '\0');
		}
		break; /* the first CPU's flags speak for all */
	}
	fclose(f);
	return found;
}

const char *mv_flavour(char *reason, size_t reason_size)
{
	if (access("/sys/module/kvm_pvm", F_OK) == 0)
		return "pvm";
	if (cpu_has_flag("vmx"))
		return "vmx";
	if (cpu_has_flag("svm"))
		return "svm";
	snprintf(reason, reason_size, "no kvm_pvm module and no vmx/svm CPU flag");
	return "none";
}

int minivm_hostinfo(const char *kvm_path, struct minivm_hostinfo *out)
{
	struct minivm_config cfg;

	minivm_config_init(&cfg);
	cfg.kvm_path = kvm_path;
	const char *path = mv_kvm_path(&cfg);

	memset(out, 0, sizeof(*out));
	out->api_version = -1;
	snprintf(out->flavour, sizeof(out->flavour), "%s",
		 mv_flavour(out->reason, sizeof(out->reason)));

	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(out->reason, sizeof(out->reason), "cannot open %s: %s", path,
			 strerror(errno));
		snprintf(out->flavour, sizeof(out->flavour), "none");
		return -1;
	}
	out->api_version = ioctl(fd, KVM_GET_API_VERSION, 0);
	close(fd);
	if (out->api_version != KVM_API_VERSION) {
		snprintf(out->reason, sizeof(out->reason), "%s: KVM API version %d, want %d", path,
			 out->api_version, KVM_API_VERSION);
		snprintf(out->flavour, sizeof(out->flavour), "none");
		return -1;
	}
	return 0;
}

/* The capabilities this VMM relies on or that explain its figures. */
static const struct {
	const char *name;
	int cap;
} caps[] = {
    {"user_memory", KVM_CAP_USER_MEMORY}, {"immediate_exit", KVM_CAP_IMMEDIATE_EXIT},
    {"get_tsc_khz", KVM_CAP_GET_TSC_KHZ}, {"tsc_control", KVM_CAP_TSC_CONTROL},
    {"ext_cpuid", KVM_CAP_EXT_CPUID},	  {"nr_vcpus", KVM_CAP_NR_VCPUS},
    {"max_vcpus", KVM_CAP_MAX_VCPUS},	  {"nr_memslots", KVM_CAP_NR_MEMSLOTS},
};

int minivm_info_write(const char *kvm_path, int fd)
{
	struct minivm_hostinfo hi;
	struct minivm_config cfg;
	int ok = minivm_hostinfo(kvm_path, &hi) == 0;

	minivm_config_init(&cfg);
	cfg.kvm_path = kvm_path;
	dprintf(fd, "kvm_path %s\n", mv_kvm_path(&cfg));
	dprintf(fd, "api_version %d\n", hi.api_version);
	dprintf(fd, "flavour %s\n", hi.flavour);
	if (!ok) {
		dprintf(fd, "reason %s\n", hi.reason);
		return -1;
	}
	int kvm = open(mv_kvm_path(&cfg), O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		return -1;
	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		/* KVM_CHECK_EXTENSION: 0 = absent, >0 = present (or a count). */
		int v = ioctl(kvm, KVM_CHECK_EXTENSION, caps[i].cap);
		dprintf(fd, "cap.%s %d\n", caps[i].name, v);
	}
	/* What a guest gets, which may be less than the host CPU has. */
	struct mv_cpuid_offer offer;
	if (mv_cpuid_offer(kvm, &offer) == 0) {
		dprintf(fd, "cpuid.1.ecx 0x%08x\n", offer.leaf1_ecx);
		dprintf(fd, "cpuid.d.0.eax 0x%08x\n", offer.leafd_eax);
		dprintf(fd, "guest.avx %s\n", offer.avx ? "yes" : "no");
	} else {
		dprintf(fd, "guest.avx unknown (KVM_GET_SUPPORTED_CPUID: %s)\n", strerror(errno));
	}
	close(kvm);
	return 0;
}
