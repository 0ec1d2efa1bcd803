#!/usr/bin/env bash
# AMD SVM, emulated by QEMU's TCG, with Debian's kvm-amd in the L1 guest
# (tests/hwvirt/README.md).
# run-tests: timeout 360
exec "$(dirname "$0")/run.sh" qemu
