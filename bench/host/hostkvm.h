/* hostkvm.h - which kind of KVM this host offers. */
#ifndef BENCH_HOSTKVM_H
#define BENCH_HOSTKVM_H

/* "vmx", "svm", "pvm" or "none", as minivm_hostinfo() reports it
 * (docs/kvm-flavours.md). */
const char *kvm_flavour(void);
/* The emulator under this machine, from $VMBENCH_KVM_EMULATOR (set by the
 * hardware-virtualization test tier: "qemu", "bochs"), or NULL. */
const char *kvm_emulator(void);
/* The flavour env.csv records: kvm_flavour(), with "-emulated" appended
 * under an emulator ("svm-emulated"), so that such a run's times are
 * never taken for real ones. */
const char *kvm_flavour_recorded(void);

#endif
