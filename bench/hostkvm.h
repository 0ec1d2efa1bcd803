/* hostkvm.h - which kind of KVM this host offers. */
#ifndef BENCH_HOSTKVM_H
#define BENCH_HOSTKVM_H

/* "vmx", "svm", "pvm" or "none", as minivm_hostinfo() reports it
 * (docs/kvm-flavours.md). */
const char *kvm_flavour(void);

#endif
