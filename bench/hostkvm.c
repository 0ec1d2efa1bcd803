/*
 * hostkvm.c - the host's KVM flavour. Hardware virtualization shows as the
 * `vmx` (Intel) or `svm` (AMD) flag in /proc/cpuinfo; PVM ("Pagetable
 * Virtual Machine", KVM without either, by shadow paging) as the kvm_pvm
 * module in /sys/module.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostkvm.h"

#ifdef HAVE_MINIVM
#include "minivm.h"
#endif

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
	struct stat st;

#ifdef HAVE_MINIVM
	static struct minivm_hostinfo hi;

	if (minivm_hostinfo(NULL, &hi) == 0 && hi.flavour[0] != '\0')
		return hi.flavour;
#endif
	if (access("/dev/kvm", R_OK | W_OK) != 0)
		return "none";
	if (stat("/sys/module/kvm_pvm", &st) == 0)
		return "pvm";
	if (cpu_flag("vmx"))
		return "vmx";
	if (cpu_flag("svm"))
		return "svm";
	return "none";
}
