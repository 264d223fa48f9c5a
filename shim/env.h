/*
 * The environment, as the preload library reads it: like secure_getenv(3),
 * but without calling into libc once the constructor has told it whether
 * the process runs in secure mode (a first call of a libc function costs a
 * page fault, see sys.h). libc only.
 */
#ifndef SHIM_ENV_H
#define SHIM_ENV_H

/*
 * env_init - learn from the auxiliary vector that follows envp (as the
 * dynamic loader hands it to constructors) whether the process runs in
 * secure mode (AT_SECURE: set-user-ID and the like). Without a call, or if
 * envp is NULL, env_get asks secure_getenv(3).
 */
void env_init(char **envp);

/*
 * env_get - the value of the environment variable name, or NULL if it is
 * unset or the process runs in secure mode.
 */
const char *env_get(const char *name);

#endif
