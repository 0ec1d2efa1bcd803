/*
 * hostkvm.c - the host's KVM flavour, as the minivm library reports it
 * (minivm_hostinfo: vmx, svm, pvm or none), read once and kept.
 */
#include "hostkvm.h"

#include "minivm.h"

const char *kvm_flavour(void)
{
	static struct minivm_hostinfo hi;

	if (hi.flavour[0] == '\0' && minivm_hostinfo(NULL, &hi) != 0)
		return "none";
	return hi.flavour[0] != '\0' ? hi.flavour : "none";
}
