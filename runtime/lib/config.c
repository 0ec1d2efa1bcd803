/*
 * config.c - the defaults of a container configuration.
 */
#include <string.h>

#include "internal.h"

void minictr_config_init(struct minictr_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->phases_fd = -1;
	cfg->stdin_fd = 0;
	cfg->stdout_fd = 1;
	cfg->stderr_fd = 2;
}
