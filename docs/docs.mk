# docs/docs.mk - the documentation for students and teachers (docs/README.md).
# Its test: every link resolves inside the repository, and no file names a
# document outside it.
INTEG_TESTS += $(sort $(wildcard tests/integration/docs/*.sh))
