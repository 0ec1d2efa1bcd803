# common/common.mk - what the harness, minictr and minivm share: the one
# clock and phase-stamp line (common/phase_stamp.h) and the whole-buffer
# write loop (common/write_all.h). Header only, so there
# is nothing to build: each part's fragment adds -Icommon to its flags.

# Unit tests (cmocka) of the header, compiled into the test itself.
COMMON_UNIT := $(patsubst tests/unit/common/%.c,$(BUILD)/tests/common-%,\
	$(wildcard tests/unit/common/*.c))
$(BUILD)/tests/common-%: tests/unit/common/%.c $(wildcard common/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Icommon -o $@ $< -lcmocka

UNIT_TESTS += $(COMMON_UNIT)
LINT_SRCS  += $(wildcard common/*.h tests/unit/common/*.c)
