/*
 * caps.c - capabilities the workload keeps.
 *
 * Root inside the container has every capability, but only over the
 * container's namespaces (and, with a user namespace, only its own user
 * namespace). Still, most capabilities act on things no namespace covers:
 * CAP_SYS_ADMIN (mount, many ioctls), CAP_SYS_MODULE, CAP_SYS_TIME,
 * CAP_SYS_RAWIO, CAP_NET_ADMIN, CAP_SYS_PTRACE, ... The workload keeps
 * runc's default set (`runc spec`), and nothing more:
 *
 *   CAP_AUDIT_WRITE       write records to the kernel audit log (login-like
 *                         programs fail without it)
 *   CAP_KILL              signal processes of other uids (all inside)
 *   CAP_NET_BIND_SERVICE  bind ports below 1024 (own net namespace)
 *
 * Not kept, though Docker keeps them: CAP_CHOWN, CAP_DAC_OVERRIDE,
 * CAP_FOWNER, CAP_FSETID, CAP_SETUID, CAP_SETGID, CAP_MKNOD, ... So root
 * inside is held to the ordinary permission bits of files it does not own,
 * and cannot become another user. Nothing here needs them: the root file
 * system is read-only anyway, and /tmp, /dev's nodes and the workload's own
 * files are root's or world-writable.
 *
 * Three places hold capabilities, and all three are set:
 *   - the bounding set: the most a later execve can grant; drop the rest
 *     (PR_CAPBSET_DROP, needs CAP_SETPCAP, so first);
 *   - the ambient set: capabilities kept across execve by non-root
 *     programs; cleared;
 *   - effective/permitted/inheritable of this process (capset): the kept
 *     set / the kept set / none. After execve, uid 0 gets the bounding set.
 */
#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>

#include "internal.h"
#include "childfail.h"
#include "trace.h"

static const int kept_caps[] = {
    CAP_AUDIT_WRITE,
    CAP_KILL,
    CAP_NET_BIND_SERVICE,
};

static int is_kept(int cap)
{
	size_t i;

	for (i = 0; i < sizeof(kept_caps) / sizeof(kept_caps[0]); i++)
		if (kept_caps[i] == cap)
			return 1;
	return 0;
}

int mc_caps_drop(void)
{
	struct __user_cap_header_struct head = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];
	size_t i;
	int cap;

	/* PR_CAPBSET_DROP answers EINVAL past the kernel's last capability,
	 * so the loop needs no table of how many this kernel knows (and no
	 * second call per capability to ask). */
	for (cap = 0; cap < 64; cap++) {
		if (is_kept(cap))
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
			if (errno == EINVAL)
				break;
			return mc_child_fail("prctl PR_CAPBSET_DROP", "capabilities");
		}
	}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL)
		return mc_child_fail("prctl PR_CAP_AMBIENT_CLEAR_ALL", "capabilities");
	memset(data, 0, sizeof(data));
	for (i = 0; i < sizeof(kept_caps) / sizeof(kept_caps[0]); i++) {
		cap = kept_caps[i];
		data[cap / 32].effective |= 1u << (cap % 32);
		data[cap / 32].permitted |= 1u << (cap % 32);
	}
	if (syscall(SYS_capset, &head, data) < 0)
		return mc_child_fail("capset", "capabilities");
	if (mc_trace_fd >= 0)
		mc_trace("capabilities",
			 "3 kept (audit_write, kill, net_bind_service); bounding set cut, ambient "
			 "cleared",
			 NULL);
	return 0;
}
