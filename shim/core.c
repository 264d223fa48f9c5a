/*
 * libseccomp-shim-core.so: the policy compiler behind one function, for
 * the preload library to load when it must compile (core.h).
 */
#include "config.h"

#include <string.h>

#include "build-id.h"
#include "core.h"
#include "install.h"
#include "rules.h"

__attribute__((visibility("default"))) core_entry seccomp_shim_compile;

int seccomp_shim_compile(const char *build_id, const char *setting, int trust,
			 struct compiled *out, struct shim_error *err)
{
	int rc;

	if (strcmp(build_id, SHIM_BUILD_ID) != 0)
		return error_set(err,
				 source_is_inline(setting) ? SOURCE_INLINE_NAME
							   : setting,
				 0,
				 "the policy compiler " CORE_FILE
				 " is from another build than the preload "
				 "library (reinstall seccomp-shim)");
	rc = policy_compile_source(setting, trust, out, err);
	/* The module is unloaded next: nothing of it may stay in the heap. */
	rules_forget_abis();
	return rc;
}
