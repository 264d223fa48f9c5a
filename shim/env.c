/* The environment without libc's getenv (env.h). */
#include "config.h"

#include <link.h>
#include <stdlib.h>

#include "env.h"

extern char **environ;

static int secure_mode = -1; /* unknown until env_init */

void env_init(char **envp)
{
	char **p = envp;

	if (!p)
		return;
	while (*p)
		p++;
	/* Unknown (no AT_SECURE entry) stays -1: ask libc then. */
	for (ElfW(auxv_t) *aux = (ElfW(auxv_t) *)(p + 1);
	     aux->a_type != AT_NULL; aux++) {
		if (aux->a_type == AT_SECURE) {
			secure_mode = aux->a_un.a_val != 0;
			return;
		}
	}
}

const char *env_get(const char *name)
{
	if (secure_mode < 0)
		return secure_getenv(name);
	if (secure_mode || !environ)
		return NULL;
	for (char **e = environ; *e; e++) {
		const char *a = *e, *b = name;

		while (*b && *a == *b) {
			a++;
			b++;
		}
		if (!*b && *a == '=')
			return a + 1;
	}
	return NULL;
}
