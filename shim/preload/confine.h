/*
 * The kernel end of the pipeline: a compiled policy in, a confined process
 * out. libc only, so that the preload library carries it without the
 * compiler (which it loads only on a cache miss).
 */
#ifndef SHIM_CONFINE_H
#define SHIM_CONFINE_H

#include <stddef.h>
#include <stdint.h>

#include "compiled.h"
#include "error.h"
#include "filter.h"

/*
 * The compiler, as confine_policy calls it: compile the policy setting
 * names into *out (policy_compile_source's contract), and store it in the
 * cache directory store_dir unless that is NULL.
 */
typedef int confine_compiler(const char *setting, int trust,
			     const char *store_dir, struct compiled *out,
			     struct shim_error *err);

/*
 * confine_filter - install filter in the kernel for every thread of the
 * process (NO_NEW_PRIVS first). file names the policy in messages.
 * Returns 0, or a negative errno with err filled in.
 */
int confine_filter(const struct filter *filter, const char *file,
		   struct shim_error *err);

/* What a filter policy installs besides its filter and Landlock domain. */
struct confine_extras {
	/* memory_deny_write_execute: the kernel's own W^X for the process,
	 * PR_SET_MDWE with PR_MDWE_REFUSE_EXEC_GAIN, where it has it (Linux
	 * 6.3). Without it the filter's rules stand alone, unless the process
	 * has READ_IMPLIES_EXEC already (from before the filter), which they
	 * cannot undo: then it is refused. */
	int mdwe;
	/* capability_bounding_set: the capabilities dropped (bit N:
	 * capability N) from the effective, permitted and inheritable sets
	 * (and so the ambient one), and from the bounding set where the
	 * process may change it (CAP_SETPCAP); NO_NEW_PRIVS keeps execve from
	 * giving them back either way. */
	uint64_t drop_caps;
	unsigned int flags; /* more SECCOMP_FILTER_FLAG_* flags (LOG, say) */
};

/*
 * confine_filter with the Landlock domain of table landlock (landlock.h;
 * NULL: the base domain alone) and what extras says (NULL: nothing), all
 * before the filter, which may deny the calls they take.
 */
int confine_filter_flags(const struct filter *filter, const void *landlock,
			 size_t landlock_len,
			 const struct confine_extras *extras, const char *file,
			 struct shim_error *err);

/*
 * confine_compiled - confine this process as compiled says, and let go of
 * it: install its filter (unless the same one is on top already), or, for
 * strict mode, keep its settings for confine_strict_now. Returns 0 once
 * the process is confined (or strict mode is pending), or a negative errno
 * with err filled in.
 */
int confine_compiled(struct compiled *compiled, struct shim_error *err);

/*
 * confine_policy - the whole pipeline for one SECCOMP_SHIM_POLICY value
 * (a path or inline text): the compiled policy from the cache (cache.h)
 * if it holds one that is current and trusted, else from compile (and
 * then into the cache); then confine_compiled. trust as for
 * policy_compile_source. Returns 0 once the process is confined, or a
 * negative errno with err filled in, in which case nothing was installed.
 */
int confine_policy(const char *setting, int trust, confine_compiler *compile,
		   struct shim_error *err);

/* confine_strict_pending - whether a strict-mode policy awaits the switch. */
int confine_strict_pending(void);

/*
 * confine_strict_now - prepare for strict mode as the pending policy says,
 * and switch (needs libc initialised: the preload library's constructor).
 * Returns 0 once the process is in strict mode, or a negative errno with
 * err filled in.
 */
int confine_strict_now(struct shim_error *err);

/*
 * confine_program_policy - the system policy for this executable, if
 * directory dir (a build-time setting, never the environment's) holds
 * one: dir/PATH.ini for /PATH as /proc/self/exe names it. dir and the
 * directories under it on the way must be owned by root and writable by
 * root alone, and the way there may not use symbolic links. Sets *path
 * (size bytes) and returns 1 if there is one, returns 0 if there is none,
 * or a negative errno with err filled in.
 */
int confine_program_policy(const char *dir, char *path, size_t size,
			   struct shim_error *err);

#endif
