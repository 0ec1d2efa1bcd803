/*
 * hostkvm.c - the host's KVM flavour, as the minivm library reports it
 * (minivm_hostinfo: vmx, svm, pvm or none), and whether the CPU itself has
 * hardware virtualization: the `vmx` (Intel) or `svm` (AMD) flag in
 * /proc/cpuinfo, which a stock Linux guest needs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostkvm.h"

#include "minivm.h"

static int cpu_flag(const char *flag)
{
	char line[8192];
	int found = 0;
	FILE *f = fopen("/proc/cpuinfo", "re");

	if (f == NULL)
		return 0;
	while (!found && fgets(line, sizeof(line), f)) {
		char *p;

		if (strncmp(line, "flags", 5) != 0)
			continue;
		for (p = strtok(strchr(line, ':') ? strchr(line, ':') + 1 : line, " \t\n"); p;
		     p = strtok(NULL, " \t\n"))
			if (strcmp(p, flag) == 0)
				found = 1;
		break; /* every CPU has the same flags */
	}
	fclose(f);
	return found;
}

int cpu_has_hw_virt(void)
{
	return cpu_flag("vmx") || cpu_flag("svm");
}

const char *kvm_flavour(void)
{
	static struct minivm_hostinfo hi;

	if (hi.flavour[0] == '\0' && minivm_hostinfo(NULL, &hi) != 0)
		return "none";
	return hi.flavour[0] != '\0' ? hi.flavour : "none";
}

/* KVM inside an emulator (QEMU's TCG emulating SVM, Bochs emulating VMX)
 * is the real kvm-amd or kvm-intel module: nothing it can query says that
 * its VMX or SVM is software. Only whoever started the emulator knows, so
 * the test tier says it in the environment. */
const char *kvm_emulator(void)
{
	const char *e = getenv("VMBENCH_KVM_EMULATOR");

	return e != NULL && e[0] != '\0' ? e : NULL;
}

const char *kvm_flavour_recorded(void)
{
	static char buf[32];

	if (kvm_emulator() == NULL)
		return kvm_flavour();
	snprintf(buf, sizeof(buf), "%s-emulated", kvm_flavour());
	return buf;
}
