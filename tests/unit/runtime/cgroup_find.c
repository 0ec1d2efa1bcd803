/* Unit tests: finding this process's cgroup directories from
 * /proc/self/cgroup and /proc/self/mountinfo texts (runtime/lib/cgroup_find.c). */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "internal.h"

/* A v1 hybrid host (the build machine, 2026-11). */
static const char v1_cgroup[] = "9:name=systemd:/\n"
				"8:pids:/\n"
				"7:blkio:/\n"
				"6:freezer:/\n"
				"5:devices:/\n"
				"4:memory:/process_api/850b7bfa0915341b8af6230e009bbfce\n"
				"3:cpuset:/\n"
				"2:cpuacct:/\n"
				"1:cpu:/\n"
				"0::/\n";

static const char v1_mountinfo[] =
    "22 27 0:21 / /proc rw,relatime - proc proc rw\n"
    "23 27 0:22 / /sys rw,relatime - sysfs sysfs rw\n"
    "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard\n"
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

/* A v2-only host (systemd, Debian 12 / Fedora style), with optional
 * fields (shared:N) before the separator. */
static const char v2_cgroup[] = "0::/user.slice/user-1000.slice/session-2.scope\n";

static const char v2_mountinfo[] =
    "24 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
    "25 24 0:22 / /sys rw,nosuid,nodev,noexec,relatime shared:2 - sysfs sysfs rw\n"
    "30 25 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 "
    "cgroup2 rw,nsdelegate,memory_recursiveprot\n";

/* Inside a cgroup namespace whose cgroup2 mount shows only a subtree, at
 * a mount point with a space in its name. */
static const char ns_cgroup[] = "0::/box/inner\n";
static const char ns_mountinfo[] = "30 25 0:26 /box /sys/fs/my\\040cg rw - cgroup2 cgroup2 rw\n";

static void test_v1_hybrid(void **state)
{
	char dir[PATH_MAX];

	assert_int_equal(mc_cgroup_find(v1_cgroup, v1_mountinfo, "memory", dir, sizeof(dir)),
			 MC_CG_V1);
	assert_string_equal(dir,
			    "/sys/fs/cgroup/memory/process_api/850b7bfa0915341b8af6230e009bbfce");
	assert_int_equal(mc_cgroup_find(v1_cgroup, v1_mountinfo, "pids", dir, sizeof(dir)),
			 MC_CG_V1);
	assert_string_equal(dir, "/sys/fs/cgroup/pids");
	/* "cpu" must not match "cpuacct" or "cpuset" */
	assert_int_equal(mc_cgroup_find(v1_cgroup, v1_mountinfo, "cpu", dir, sizeof(dir)),
			 MC_CG_V1);
	assert_string_equal(dir, "/sys/fs/cgroup/cpu");
	/* a controller with no v1 hierarchy falls to the (empty) unified one */
	assert_int_equal(mc_cgroup_find(v1_cgroup, v1_mountinfo, "io", dir, sizeof(dir)), MC_CG_V2);
	assert_string_equal(dir, "/sys/fs/cgroup/unified");
}

static void test_v2(void **state)
{
	char dir[PATH_MAX];

	assert_int_equal(mc_cgroup_find(v2_cgroup, v2_mountinfo, "memory", dir, sizeof(dir)),
			 MC_CG_V2);
	assert_string_equal(dir, "/sys/fs/cgroup/user.slice/user-1000.slice/session-2.scope");
	assert_int_equal(mc_cgroup_find(v2_cgroup, v2_mountinfo, "pids", dir, sizeof(dir)),
			 MC_CG_V2);
}

static void test_v2_root(void **state)
{
	char dir[PATH_MAX];

	assert_int_equal(mc_cgroup_find("0::/\n", v2_mountinfo, "memory", dir, sizeof(dir)),
			 MC_CG_V2);
	assert_string_equal(dir, "/sys/fs/cgroup");
}

static void test_subtree_mount(void **state)
{
	char dir[PATH_MAX];

	assert_int_equal(mc_cgroup_find(ns_cgroup, ns_mountinfo, "memory", dir, sizeof(dir)),
			 MC_CG_V2);
	assert_string_equal(dir, "/sys/fs/my cg/inner");
	/* a path outside the mounted subtree cannot be reached */
	assert_int_equal(mc_cgroup_find("0::/other\n", ns_mountinfo, "memory", dir, sizeof(dir)),
			 -ENOENT);
	/* "/boxer" is not under "/box" */
	assert_int_equal(mc_cgroup_find("0::/boxer\n", ns_mountinfo, "memory", dir, sizeof(dir)),
			 -ENOENT);
}

static void test_missing(void **state)
{
	char dir[PATH_MAX], small[8];

	assert_int_equal(mc_cgroup_find("", "", "memory", dir, sizeof(dir)), -ENOENT);
	/* listed in /proc/self/cgroup but not mounted */
	assert_int_equal(
	    mc_cgroup_find("4:memory:/a\n", v2_mountinfo + 0, "memory", dir, sizeof(dir)), -ENOENT);
	assert_int_equal(
	    mc_cgroup_find("garbage\n::\n", "garbage line\n", "memory", dir, sizeof(dir)), -ENOENT);
	assert_int_equal(mc_cgroup_find(v2_cgroup, v2_mountinfo, "memory", small, sizeof(small)),
			 -ENOENT);
}

static void test_unescape(void **state)
{
	char s1[] = "/a\\040b\\011c\\134d", s2[] = "/bad\\9xx";

	assert_int_equal(mc_mountinfo_unescape(s1), 0);
	assert_string_equal(s1, "/a b\tc\\d");
	assert_int_equal(mc_mountinfo_unescape(s2), -EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_v1_hybrid), cmocka_unit_test(test_v2),
	    cmocka_unit_test(test_v2_root),   cmocka_unit_test(test_subtree_mount),
	    cmocka_unit_test(test_missing),   cmocka_unit_test(test_unescape),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
