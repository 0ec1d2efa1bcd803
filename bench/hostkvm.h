/* hostkvm.h - which kind of KVM this host offers. */
#ifndef BENCH_HOSTKVM_H
#define BENCH_HOSTKVM_H

/* "vmx", "svm", "pvm" or "none": from minivm_hostinfo() when the minivm
 * library is linked, else from /sys/module/kvm_pvm and /proc/cpuinfo. */
const char *kvm_flavour(void);
/* 1 if the CPU has hardware virtualization (vmx or svm flags). */
int cpu_has_hw_virt(void);
/* The emulator under this machine, from $VMBENCH_KVM_EMULATOR (set by the
 * hardware-virtualization test tier: "qemu", "bochs"), or NULL. */
const char *kvm_emulator(void);
/* The flavour env.csv records: kvm_flavour(), with "-emulated" appended
 * under an emulator ("svm-emulated"), so that such a run's times are
 * never taken for real ones. */
const char *kvm_flavour_recorded(void);

#endif
