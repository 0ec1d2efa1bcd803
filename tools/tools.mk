# tools/tools.mk - tools for measuring by hand, shared by the parts:
# abtime, interleaved A/B timing of commands (to READY and to exit), used by
# runtime/measure.sh and minivm/tools/startup-figures.sh.

# The parent of what it times: glibc, like the harness.
$(BUILD)/abtime: tools/abtime.c common/phase_stamp.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Icommon -o $@ $<

ALL         += $(BUILD)/abtime
LINT_SRCS   += tools/abtime.c
INTEG_TESTS += $(sort $(wildcard tests/integration/tools/*.sh))
