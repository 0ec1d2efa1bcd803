/* backends.c - the list of backends, in the order reports show them. */
#include <string.h>

#include "backend.h"

static const struct backend *const all[] = {
    &backend_process, &backend_container,    &backend_container_sharednet,
    &backend_microvm, &backend_microvm_snap, &backend_microvm_pool,
    &backend_linuxvm, &backend_runc,
};

int backend_count(void)
{
	return (int)(sizeof(all) / sizeof(all[0]));
}

const struct backend *backend_at(int i)
{
	return i >= 0 && i < backend_count() ? all[i] : NULL;
}

const struct backend *backend_by_name(const char *name)
{
	for (int i = 0; i < backend_count(); i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	return NULL;
}
