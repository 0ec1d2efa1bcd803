/*
 * devices.c - which device nodes the container may use: the device cgroup.
 *
 * A root file system can hold device nodes (an image unpacked by root, or
 * `mknod rootfs/bin/kvmnode c 10 232`), and a node is only a name for a
 * (type, major, minor) triple: whoever can open it reaches the host's
 * driver, /dev/kvm or a disk alike. Two walls keep the container off them:
 *   - the root file system is mounted nodev (rootfs.c): the kernel refuses
 *     to open any device node on it;
 *   - the device cgroup (here) allows only a short list of harmless
 *     character devices anywhere, also on mounts that are not nodev
 *     (the container's own /dev).
 * The list is runc's default, without its "mknod of anything" and tun:
 *   1:3 null  1:5 zero  1:7 full  1:8 random  1:9 urandom
 *   5:0 tty   5:2 ptmx  136:* the pseudo-terminals of /dev/pts
 * each with read, write and mknod (minictr itself makes the first ones in
 * /dev after joining the cgroup).
 *
 * cgroup v1 has a devices controller with two files: writing "a" to
 * devices.deny empties the allow list, and each "c MAJOR:MINOR rwm" line
 * written to devices.allow adds one entry. cgroup v2 has no such files: the
 * kernel instead runs a BPF program of type BPF_PROG_TYPE_CGROUP_DEVICE,
 * attached to the cgroup, on every open and mknod of a device node; it
 * returns 1 to allow, 0 to deny (as runc and crun do, and systemd).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/bpf.h>

#include "internal.h"

/* The allowed character devices; MC_DEV_ANY_MINOR: every minor. */
#define MC_DEV_ANY_MINOR (-1)

static const struct {
	int major, minor;
} allowed[] = {
    {1, 3}, {1, 5}, {1, 7}, {1, 8}, {1, 9}, {5, 0}, {5, 2}, {136, MC_DEV_ANY_MINOR},
};

#define NALLOWED (sizeof(allowed) / sizeof(allowed[0]))

/* ---- cgroup v1 ---- */

/* Each write(2) to devices.allow is one rule to the kernel, so one open
 * serves them all (4 system calls a rule otherwise, 0.1 ms per start on a 2-vCPU
 * AMD EPYC PVM VM, 2026-12-02). */
int mc_devices_v1(const char *dir)
{
	char path[PATH_MAX + 32], rule[32];
	size_t i;
	int r, fd;

	snprintf(path, sizeof(path), "%s/devices.deny", dir);
	r = mc_write_file(path, "a");
	if (r < 0) {
		mc_err("write %s (a): %s", path, strerror(-r));
		return -1;
	}
	snprintf(path, sizeof(path), "%s/devices.allow", dir);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		mc_err("open %s: %s", path, strerror(errno));
		return -1;
	}
	for (i = 0; i < NALLOWED; i++) {
		size_t len;

		if (allowed[i].minor == MC_DEV_ANY_MINOR)
			snprintf(rule, sizeof(rule), "c %d:* rwm", allowed[i].major);
		else
			snprintf(rule, sizeof(rule), "c %d:%d rwm", allowed[i].major,
				 allowed[i].minor);
		len = strlen(rule);
		if (write(fd, rule, len) != (ssize_t)len) {
			mc_err("write %s (%s): %s", path, rule, strerror(errno));
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}

/* ---- cgroup v2: the BPF program ----
 *
 * The program gets r1 = a struct bpf_cgroup_dev_ctx:
 *   u32 access_type  low 16 bits: BPF_DEVCG_DEV_CHAR (2) or _BLOCK (1);
 *                    high 16 bits: what is asked (mknod 1, read 2, write 4)
 *   u32 major, minor
 * and returns r0. Written out as instructions (struct bpf_insn: opcode,
 * destination and source register, 16-bit jump offset counted from the
 * next instruction, 32-bit immediate):
 *
 *   r2 = *(u32 *)(r1 + 0)        the access type
 *   w2 &= 0xffff                 keep the device type (32-bit AND)
 *   r3 = *(u32 *)(r1 + 4)        major
 *   r4 = *(u32 *)(r1 + 8)        minor
 *   if r2 != CHAR goto deny      no block device at all
 *   per allowed (major, minor):
 *     if r3 != major goto +1     skip the minor test
 *     if r4 == minor goto allow  (a whole major: "if r3 == major goto allow")
 *   deny:  r0 = 0; exit
 *   allow: r0 = 1; exit
 * Any access (r, w, m) to an allowed device passes, as "rwm" in v1.
 */

static struct bpf_insn insn(unsigned char code, int dst, int src, short off, int imm)
{
	struct bpf_insn i;

	memset(&i, 0, sizeof(i));
	i.code = code;
	i.dst_reg = dst;
	i.src_reg = src;
	i.off = off;
	i.imm = imm;
	return i;
}

#define DEV_PROG_MAX (8 + 2 * NALLOWED)

/* Returns the number of instructions written into prog. */
size_t mc_devices_program(struct bpf_insn *prog)
{
	size_t n = 0, i, deny, allow, jumps[2 * NALLOWED + 1], nj = 0;

	prog[n++] = insn(BPF_LDX | BPF_MEM | BPF_W, 2, 1,
			 offsetof(struct bpf_cgroup_dev_ctx, access_type), 0);
	prog[n++] = insn(BPF_ALU | BPF_AND | BPF_K, 2, 0, 0, 0xffff);
	prog[n++] =
	    insn(BPF_LDX | BPF_MEM | BPF_W, 3, 1, offsetof(struct bpf_cgroup_dev_ctx, major), 0);
	prog[n++] =
	    insn(BPF_LDX | BPF_MEM | BPF_W, 4, 1, offsetof(struct bpf_cgroup_dev_ctx, minor), 0);
	jumps[nj++] = n; /* to deny, fixed below */
	prog[n++] = insn(BPF_JMP | BPF_JNE | BPF_K, 2, 0, 0, BPF_DEVCG_DEV_CHAR);
	for (i = 0; i < NALLOWED; i++) {
		if (allowed[i].minor == MC_DEV_ANY_MINOR) {
			jumps[nj++] = n; /* to allow */
			prog[n++] = insn(BPF_JMP | BPF_JEQ | BPF_K, 3, 0, 0, allowed[i].major);
			continue;
		}
		prog[n++] = insn(BPF_JMP | BPF_JNE | BPF_K, 3, 0, 1, allowed[i].major);
		jumps[nj++] = n; /* to allow */
		prog[n++] = insn(BPF_JMP | BPF_JEQ | BPF_K, 4, 0, 0, allowed[i].minor);
	}
	deny = n;
	prog[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 0);
	prog[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	allow = n;
	prog[n++] = insn(BPF_ALU64 | BPF_MOV | BPF_K, 0, 0, 0, 1);
	prog[n++] = insn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
	/* The first jump goes to deny, the others to allow. */
	for (i = 0; i < nj; i++)
		prog[jumps[i]].off = (short)((i == 0 ? deny : allow) - jumps[i] - 1);
	return n;
}

static long sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(SYS_bpf, cmd, attr, sizeof(*attr));
}

/* Load the program and attach it to the v2 cgroup dir. The attachment
 * holds the program; our descriptors can go, and removing the cgroup
 * detaches and frees it. Returns 0, or -errno (nothing is left behind). */
int mc_devices_v2(const char *dir)
{
	struct bpf_insn prog[DEV_PROG_MAX];
	union bpf_attr attr;
	int prog_fd, cg_fd, e = 0;

	memset(&attr, 0, sizeof(attr));
	attr.prog_type = BPF_PROG_TYPE_CGROUP_DEVICE;
	attr.insns = (unsigned long)prog;
	attr.insn_cnt = (unsigned)mc_devices_program(prog);
	attr.license = (unsigned long)"GPL";
	prog_fd = (int)sys_bpf(BPF_PROG_LOAD, &attr);
	if (prog_fd < 0)
		return -errno;
	cg_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (cg_fd < 0) {
		e = -errno;
		close(prog_fd);
		return e;
	}
	memset(&attr, 0, sizeof(attr));
	attr.target_fd = cg_fd;
	attr.attach_bpf_fd = prog_fd;
	attr.attach_type = BPF_CGROUP_DEVICE;
	if (sys_bpf(BPF_PROG_ATTACH, &attr) < 0)
		e = -errno;
	close(cg_fd);
	close(prog_fd);
	return e;
}
