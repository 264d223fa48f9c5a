/* The side-effect end of the pipeline: files in, kernel out. */
#ifndef SHIM_INSTALL_H
#define SHIM_INSTALL_H

#include <stddef.h>
#include <stdint.h>

#include <sys/stat.h>

#include "error.h"
#include "filter.h"
#include "policy.h"
#include "rules.h"

/* Largest policy file read, so a hostile path cannot exhaust memory. */
#define SOURCE_MAX_SIZE (1 << 20)

/* The name inline policies go by in messages. */
#define SOURCE_INLINE_NAME "$SECCOMP_SHIM_POLICY"

/*
 * source_is_inline - whether a SECCOMP_SHIM_POLICY value is the policy
 * text itself (it contains a newline) rather than a path. Pure.
 */
int source_is_inline(const char *setting);

/* How deep include lines may nest, and how many files a policy includes. */
#define SOURCE_MAX_INCLUDE_DEPTH 8
#define SOURCE_MAX_INCLUDES	 64

/*
 * source_read - read the regular file at path into a new NUL-terminated
 * buffer in *text (length in *len; free() it); its identity in *st if st
 * is not NULL. Returns 0, or a negative errno with err filled in.
 */
int source_read(const char *path, char **text, size_t *len, struct stat *st,
		struct shim_error *err);

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
 * install_filter - install filter in the kernel for every thread of the
 * process (NO_NEW_PRIVS first). file names the policy in messages.
 * Returns 0, or a negative errno with err filled in.
 */
int install_filter(const struct filter *filter, const char *file,
		   struct shim_error *err);

/*
 * policy_compile - resolve policy into *rules and compile them, with the
 * probe rules (rules_mark) for the filter's digest, into *filter; the
 * digest in *digest. Pure. Returns 0, or a negative errno with err filled
 * in (nothing to free then).
 */
int policy_compile(const struct policy *policy, struct ruleset *rules,
		   struct filter *filter, uint64_t *digest,
		   struct shim_error *err);

/*
 * install_in_force - whether the filter on top of this process's filters
 * is one the shim installed for digest: an exec chain under one policy.
 * The probe is a prctl call that fails without side effects.
 *
 * A program can install a filter of its own that answers yes, and so keep
 * its children from adding a policy's filter. That gains it nothing: its
 * own filters, which its children inherit, stay in force, and the policy
 * it would dodge is the one it chose for them in their environment (it
 * could as well remove SECCOMP_SHIM_POLICY).
 */
int install_in_force(uint64_t digest);

/*
 * install_policy - the whole pipeline for one SECCOMP_SHIM_POLICY value
 * (a path or inline text): read, parse, then resolve, compile and install
 * a filter (unless the same one is on top already), or prepare for strict
 * mode and switch to it.
 * Returns 0 once the process is confined, or a negative errno with err
 * filled in, in which case nothing was installed.
 */
int install_policy(const char *setting, struct shim_error *err);

/*
 * install_program_policy - if directory dir (a build-time setting, never
 * the environment's) holds a policy for this executable, at
 * dir/PATH.ini for /PATH as /proc/self/exe names it, install it. dir, the
 * directories under it on the way and every file the policy reads must be
 * owned by root and writable by root alone, and the way there may not use
 * symbolic links. Returns 0 (installed, or no policy for this program), or
 * a negative errno with err filled in.
 */
int install_program_policy(const char *dir, struct shim_error *err);

#endif
