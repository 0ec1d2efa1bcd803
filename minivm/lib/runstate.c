/*
 * runstate.c - the start and the end of a run, the same for minivm_run
 * (vm.c), the run of a snapshot (restore.c) and the Linux boot
 * (../linux/linuxvm.c): the defaults of a configuration
 * (minivm_config_init), the VM struct before anything is opened
 * (mv_vm_init), and the teardown with its last reports (mv_vm_finish).
 */
#include <errno.h>
#include <string.h>

#include "vm.h"

void minivm_config_init(struct minivm_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->phases_fd = -1;
	cfg->stdin_fd = 0;
	cfg->stdout_fd = 1;
	cfg->stderr_fd = 2;
	cfg->gate_ready_fd = -1;
	cfg->gate_fd = -1;
}

void mv_vm_init(struct mv_vm *vm, const struct minivm_config *cfg)
{
	memset(vm, 0, sizeof(*vm));
	mv_phase_stamp(&vm->phases, MV_PHASE_START);
	vm->cfg = cfg;
	vm->kvm_fd = vm->vm_fd = vm->vcpu_fd = -1; /* -1: not open (mv_kvm_close) */
	vm->in_fd = cfg->stdin_fd;
	vm->out_fd = cfg->stdout_fd;
	vm->err_fd = cfg->stderr_fd;
	vm->diag_fd = cfg->quiet ? -1 : cfg->stderr_fd;
	vm->crash_reason = -1;
	if (cfg->stats) { /* what a run that ends early reports */
		cfg->stats->guest_touched_kib = 0;
		cfg->stats->exit_reason = -1;
		cfg->stats->program_exited = 0;
	}
}

void mv_vm_finish(struct mv_vm *vm)
{
	const struct minivm_config *cfg = vm->cfg;

	if (cfg->stats) { /* read before the memory goes */
		cfg->stats->guest_touched_kib = vm->mem ? mv_memory_touched_kib(vm) : 0;
		cfg->stats->exit_reason = vm->crash_reason;
		cfg->stats->program_exited = vm->program_exited;
	}
	mv_kvm_close(vm);
	mv_memory_destroy(vm);
	if (vm->phases.ns[MV_PHASE_KVM_OPENED])
		mv_phase_stamp(&vm->phases, MV_PHASE_VM_DESTROYED);
	if (vm->trace) {
		mv_trace_step(vm, "close", "vCPU, VM and /dev/kvm fds, guest memory unmapped");
		mv_trace_end(vm);
	}
	if (cfg->phases_fd >= 0 && mv_phases_write(&vm->phases, cfg->phases_fd) < 0)
		mv_diag(vm, "writing phases: %s", strerror(errno));
}
