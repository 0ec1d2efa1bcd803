/*
 * hostkind.h - the kind of host a run was measured on (CPU vendor and
 * model, KVM flavour, from env.csv). Ratios to the plain process travel
 * between machines of one kind, not between kinds: PVM against VMX, or
 * AMD against Intel, changes what a VM exit costs.
 */
#ifndef BENCH_REPORT_HOSTKIND_H
#define BENCH_REPORT_HOSTKIND_H

#include <stddef.h>

#include "report/run.h"

/* The CPU vendor: env.csv cpu_vendor when recorded, else read from
 * cpu_model ("AMD", "Intel"), else the model itself; NULL if neither. */
const char *host_vendor(const struct rundir *r, char *buf, size_t cap);
/* Do a and b come from different kinds of host? When they do, 1 and one
 * phrase saying how in why ("cpu_model 'X' vs 'Y'; kvm_flavour pvm vs
 * vmx"). A key that one run does not record is not a difference. */
int host_kind_differs(const struct rundir *a, const struct rundir *b, char *why, size_t cap);

/* The kind as results/baselines/ names its folders, "<vendor>-<flavour>":
 * vendor "amd" or "intel" (host_vendor's answer names one of them),
 * flavour env.csv's kvm_flavour ("pvm", "vmx", "svm-emulated", ...). */
enum host_kind_result {
	HOST_KIND_OK,	      /* the kind is in buf */
	HOST_KIND_NO_FLAVOUR, /* no kvm_flavour, or not a flavour name: not a run's env.csv */
	HOST_KIND_NO_VENDOR,  /* neither AMD nor Intel: a kind no baseline can have */
};
enum host_kind_result host_kind(const struct rundir *r, char *buf, size_t cap);

#endif
