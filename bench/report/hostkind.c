/* hostkind.c - the kind of host of a run; see hostkind.h. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "report/hostkind.h"
#include "report/lookup.h"

const char *host_vendor(const struct rundir *r, char *buf, size_t cap)
{
	const char *v = run_env(r, "cpu_vendor"), *model = run_env(r, "cpu_model");

	if (v && v[0])
		snprintf(buf, cap, "%s", v);
	else if (model && strstr(model, "AMD"))
		snprintf(buf, cap, "AMD");
	else if (model && strstr(model, "Intel"))
		snprintf(buf, cap, "Intel");
	else if (model && model[0])
		snprintf(buf, cap, "%s", model);
	else
		return NULL;
	return buf;
}

static void differs(char *why, size_t cap, const char *what, const char *a, const char *b)
{
	size_t len = strlen(why);

	snprintf(why + len, cap - len, "%s%s '%s' vs '%s'", len ? "; " : "", what, a, b);
}

int host_kind_differs(const struct rundir *a, const struct rundir *b, char *why, size_t cap)
{
	static const char *const keys[] = {"cpu_model", "kvm_flavour"};
	char va[128], vb[128];
	const char *x = host_vendor(a, va, sizeof(va)), *y = host_vendor(b, vb, sizeof(vb));

	why[0] = '\0';
	if (x && y && strcmp(x, y) != 0)
		differs(why, cap, "CPU vendor", x, y);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		x = run_env(a, keys[i]);
		y = run_env(b, keys[i]);
		if (x && y && x[0] && y[0] && strcmp(x, y) != 0)
			differs(why, cap, keys[i], x, y);
	}
	return why[0] != '\0';
}

/* A flavour becomes a folder name (results/baselines/amd-pvm): only
 * lower-case letters, digits and '-', so that no env.csv can name a path
 * elsewhere ("../x"). */
static int flavour_name(const char *f)
{
	if (f == NULL || f[0] == '\0')
		return 0;
	for (; *f; f++)
		if (!islower((unsigned char)*f) && !isdigit((unsigned char)*f) && *f != '-')
			return 0;
	return 1;
}

enum host_kind_result host_kind(const struct rundir *r, char *buf, size_t cap)
{
	const char *flavour = run_env(r, "kvm_flavour"), *vendor;
	char v[128];

	if (!flavour_name(flavour))
		return HOST_KIND_NO_FLAVOUR;
	/* cpu_vendor may be /proc/cpuinfo's vendor_id (AuthenticAMD,
	 * GenuineIntel): the name is inside it. */
	vendor = host_vendor(r, v, sizeof(v));
	if (vendor && strstr(vendor, "AMD"))
		vendor = "amd";
	else if (vendor && strstr(vendor, "Intel"))
		vendor = "intel";
	else
		return HOST_KIND_NO_VENDOR;
	snprintf(buf, cap, "%s-%s", vendor, flavour);
	return HOST_KIND_OK;
}
