/*
 * boot.c - the order every VM of this library is built and run in,
 * whatever its guest (minivm's own in vm.c, a snapshot's in restore.c, a
 * Linux kernel in ../linux/linuxvm.c), with the phase stamp each step
 * ends on:
 *   open /dev/kvm, then the stop handlers and the --timeout clock
 *                                                       kvm_opened
 *   KVM_CREATE_VM and the guest's in-kernel devices     vm_created
 *   guest memory                                        memory_mapped
 *   the vCPU and everything it starts with              vcpu_ready
 *   the gate, when the caller set one (gate.c): the VM
 *   waits, built, until it is told to go                resumed
 *   the run loop, until the guest is done or stopped
 * The steps that differ per guest are the caller's (struct mv_boot_steps);
 * the teardown is too (mv_signals_stop, mv_vm_finish), so that it runs
 * whatever step a boot stopped at.
 */
#include "vm.h"

int mv_boot_and_run(struct mv_vm *vm, const struct mv_boot_steps *s)
{
	int rc;

	if ((rc = mv_kvm_open(vm, mv_kvm_path(vm->cfg))))
		return rc;
	/* After the open: a missing /dev/kvm costs no timer or handlers. The
	 * --timeout clock runs from here, set-up included. */
	if ((rc = mv_signals_start(vm, vm->cfg->timeout_s)))
		return rc;
	mv_phase_stamp(&vm->phases, MV_PHASE_KVM_OPENED);
	if ((rc = mv_kvm_create_vm(vm)) || (s->devices && (rc = s->devices(vm, s->ctx))))
		return rc;
	mv_phase_stamp(&vm->phases, MV_PHASE_VM_CREATED);
	rc = s->memory ? s->memory(vm, s->ctx) : mv_memory_create(vm, vm->mem_size);
	if (rc)
		return rc;
	mv_phase_stamp(&vm->phases, MV_PHASE_MEMORY_MAPPED);
	if ((rc = s->vcpu(vm, s->ctx)))
		return rc;
	/* From here a stop signal also gets the vCPU out of KVM_RUN. */
	mv_signals_attach(vm->run);
	mv_phase_stamp(&vm->phases, MV_PHASE_VCPU_READY);
	/* Everything above is the VM's construction; nothing of the guest
	 * has run yet. A gate pauses exactly here. */
	if ((rc = mv_gate_pass(vm)))
		return rc;

	rc = s->run ? s->run(vm, s->ctx) : mv_run_loop(vm);
	if (vm->trace)
		mv_trace_step(vm, "run loop done", "status %d", rc);
	return rc;
}
