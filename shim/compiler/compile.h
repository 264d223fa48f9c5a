/* Policy files in, a compiled policy out: the compiler's side. */
#ifndef SHIM_COMPILE_H
#define SHIM_COMPILE_H

#include <stddef.h>
#include <stdint.h>

#include <sys/stat.h>

#include "compiled.h"
#include "error.h"
#include "source.h"
#include "filter.h"
#include "policy.h"
#include "rules.h"

/*
 * source_load - read, parse and merge the policy a SECCOMP_SHIM_POLICY
 * value names (a path, or inline text) and every file it includes, into
 * *policy. Include paths are relative to the including file's directory
 * (to the working directory for inline text). Returns 0, or a negative
 * errno with err filled in.
 */
int source_load(const char *setting, struct policy *policy,
		struct shim_error *err);

/*
 * policy_compile - resolve policy into *rules and compile them, with the
 * probe rules (rules_mark) for the filter's digest, origin and relative
 * key (compiled.h; 0: none), into *filter; the digest in *digest. Pure.
 * Returns 0, or a negative errno with err filled in (nothing to free
 * then).
 */
int policy_compile(const struct policy *policy, uint64_t origin,
		   uint64_t relative, struct ruleset *rules,
		   struct filter *filter, uint64_t *digest,
		   struct shim_error *err);

/*
 * policy_compile_source - the compiler as the preload library uses it:
 * load the policy a SECCOMP_SHIM_POLICY value names (as source_load does;
 * with trust, every file must pass source_trusted()) and compile it into
 * *out, with every file read recorded for the cache. Touches the system
 * only to read the files. Returns 0, or a negative errno with err filled in
 * (nothing to free then).
 */
int policy_compile_source(const char *setting, int trust, struct compiled *out,
			  struct shim_error *err);

#endif
