#!/usr/bin/env bash
# Intel VMX, emulated by Bochs, with Debian's kvm-intel in the L1 guest
# (tests/hwvirt/README.md).
# run-tests: timeout 600
exec "$(dirname "$0")/run.sh" bochs
