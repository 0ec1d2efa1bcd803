# tests/hwvirt/hwvirt.mk - the hardware-virtualization tier: minivm, the
# Linux boot and the harness under real kvm-amd and kvm-intel, inside an
# emulator that provides SVM (QEMU's TCG) or VMX (Bochs). See
# tests/hwvirt/README.md.
#
#   make test-hwvirt   install the emulators (scripts/deps.sh hwvirt), build,
#                      run both tiers
#
# `make test` runs the same two tests last; each is skipped, with the
# reason, where its emulator is not installed.

HWVIRT_TESTS := tests/hwvirt/svm-qemu.sh tests/hwvirt/vmx-bochs.sh

# An ordinary program, unaware of minivm, that the tier runs through each
# guest entry: static musl, like the workload.
$(BUILD)/tests/hwvirt/probe: tests/programs/hwvirt/probe.c
	@mkdir -p $(dir $@)
	$(MUSLCC) $(MUSLCFLAGS) -o $@ $<

ALL += $(BUILD)/tests/hwvirt/probe
INTEG_TESTS += $(HWVIRT_TESTS)
LINT_SRCS += tests/programs/hwvirt/probe.c

.PHONY: test-hwvirt deps-hwvirt
deps-hwvirt:
	@scripts/deps.sh hwvirt

test-hwvirt: deps deps-hwvirt
	@$(MAKE) --no-print-directory build
	@scripts/run-tests.sh $(HWVIRT_TESTS)
