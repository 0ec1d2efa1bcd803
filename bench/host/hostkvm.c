/*
 * hostkvm.c - the host's KVM flavour, as the minivm library reports it
 * (minivm_hostinfo: vmx, svm, pvm or none), read once and kept.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostkvm.h"

#include "minivm.h"

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
