/*
 * The environment, as the preload library reads it: like secure_getenv(3),
 * but without libc, which is not initialised yet on the library's early
 * path (preload.c), from the vector the process started with.
 */
#ifndef SHIM_ENV_H
#define SHIM_ENV_H

/*
 * env_init - read the environment from envp, the vector the process
 * started with (on the initial stack, where the preload library's early
 * path finds it before libc has set environ), and learn from the
 * auxiliary vector that follows it whether the process runs in secure
 * mode (AT_SECURE: set-user-ID and the like; without one, whether its
 * real and effective ids differ). Without a call, or if envp is NULL,
 * env_get asks secure_getenv(3).
 */
void env_init(char **envp);

/*
 * env_get - the value of the environment variable name, or NULL if it is
 * unset or the process runs in secure mode.
 */
const char *env_get(const char *name);

/* env_vector - the vector env_init was given (NULL: none). */
char *const *env_vector(void);

#endif
