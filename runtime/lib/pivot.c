/*
 * pivot.c - switch the container's root to the prepared tree.
 *
 * pivot_root, not chroot: chroot changes only this process's idea of "/",
 * and the old root stays reachable (a second chroot, or a directory file
 * descriptor kept open, leads back out). pivot_root moves the whole mount
 * namespace onto the new root; then the old root is unmounted, and with it
 * every host mount disappears from the container.
 *
 * pivot_root(".", ".") stacks the old root on top of the new one at the same
 * place, so no directory for the old root is needed in a read-only image;
 * umount2(".", MNT_DETACH) then takes the old root off lazily (busy or not).
 */
#include <sys/mount.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"
#include "childfail.h"
#include "trace.h"

int mc_pivot(void)
{
	if (syscall(SYS_pivot_root, ".", ".") < 0)
		return mc_child_fail("pivot_root", ".");
	if (mc_trace_fd >= 0)
		mc_trace("pivot_root", "the prepared tree is / now, the old root on top", NULL);
	if (umount2(".", MNT_DETACH) < 0)
		return mc_child_fail("detach the old root", "/");
	if (mc_trace_fd >= 0)
		mc_trace("umount2 MNT_DETACH", "old root detached: no host mount left inside",
			 NULL);
	if (chdir("/") < 0)
		return mc_child_fail("chdir", "/");
	return 0;
}
