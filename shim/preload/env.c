/* The environment without libc's getenv (env.h). */
#include "config.h"

#include <link.h>
#include <stdlib.h>
#include <sys/syscall.h>

#include "env.h"
#include "sys.h"

static char **vector;	     /* the environment the process started with */
static int secure_mode = -1; /* unknown until env_init */

/* Without AT_SECURE: what the dynamic loader itself decides from. */
static int ids_differ(void)
{
	return sys1(SYS_getuid, 0) != sys1(SYS_geteuid, 0) ||
	       sys1(SYS_getgid, 0) != sys1(SYS_getegid, 0);
}

void env_init(char **envp)
{
	char **p = envp;

	if (!p)
		return;
	vector = envp;
	while (*p)
		p++;
	for (ElfW(auxv_t) *aux = (ElfW(auxv_t) *)(p + 1);
	     aux->a_type != AT_NULL; aux++) {
		if (aux->a_type == AT_SECURE) {
			secure_mode = aux->a_un.a_val != 0;
			return;
		}
	}
	secure_mode = ids_differ();
}

const char *env_get(const char *name)
{
	if (!vector)
		return secure_getenv(name);
	if (secure_mode)
		return NULL;
	for (char **e = vector; *e; e++) {
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

char *const *env_vector(void)
{
	return vector;
}
