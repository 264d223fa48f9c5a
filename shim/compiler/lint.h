/*
 * Doubtful but valid things in a policy, for `seccomp-shim check`: calls
 * that are known ways out of a sandbox left allowed, and a call denied
 * while another route to the same operation is allowed. Pure: no system
 * calls, nothing printed.
 */
#ifndef SHIM_LINT_H
#define SHIM_LINT_H

#include <stddef.h>

#include "policy.h"
#include "rules.h"

struct lint_warning {
	const char *file; /* NULL: about the policy as a whole */
	unsigned int line;
	char message[320];
	/* a known way out left allowed: its call, as "ptrace" or "clone
	 * with CLONE_NEWUSER" (check groups these); "" for other kinds */
	char escape[48];
};

#define LINT_MAX_WARNINGS 64

/*
 * lint_add - append a warning at file:line to warnings (*n of at most
 * max). Returns 1, or 0 if there was no room.
 */
int lint_add(struct lint_warning *warnings, size_t max, size_t *n,
	     const char *file, unsigned int line, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/*
 * lint_policy - the warnings for a policy and its resolved rules, the
 * resolver's own first, into warnings (at most max). Returns how many.
 */
size_t lint_policy(const struct policy *policy, const struct ruleset *rules,
		   struct lint_warning *warnings, size_t max);

#endif
