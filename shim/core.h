/*
 * The policy compiler as a module of its own, libseccomp-shim-core.so: the
 * preload library loads it (and with it libseccomp and libinih) only when
 * the cache cannot answer, so that a process without a policy, or with a
 * cached one, pays for neither.
 */
#ifndef SHIM_CORE_H
#define SHIM_CORE_H

#include "compiled.h"
#include "error.h"

/* The module's file name, looked for next to the preload library. */
#define CORE_FILE "libseccomp-shim-core.so"

/* Its one exported function, of type core_entry. */
#define CORE_SYMBOL "seccomp_shim_compile"

/*
 * policy_compile_source's contract, after a check that build_id is the
 * module's own SHIM_BUILD_ID: the two halves must come from one build.
 */
typedef int core_entry(const char *build_id, const char *setting, int trust,
		       struct compiled *out, struct shim_error *err);

#endif
