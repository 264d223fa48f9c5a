/*
 * Resolved rules: the parsed policy tied to this machine's system call
 * numbers, with names absent from every ABI of the filter dropped and
 * contradictions refused. Pure data; resolving makes no system calls.
 */
#ifndef SHIM_RULES_H
#define SHIM_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "policy.h"

struct rule {
	int syscall;	  /* libseccomp number (negative: not native) */
	const char *name; /* points into the policy */
	uint32_t action;
	unsigned int line;
};

struct ruleset {
	const char *file; /* points into the policy */
	uint32_t default_action;
	uint32_t arches[POLICY_MAX_ARCHES];
	size_t n_arches;
	struct rule *rules; /* in policy order */
	size_t n_rules;
};

/*
 * rules_resolve - turn policy into *rules. The ruleset borrows strings
 * from policy, which must outlive it.
 * Returns 0, or a negative errno with err filled in.
 */
int rules_resolve(const struct policy *policy, struct ruleset *rules,
		  struct shim_error *err);

/* rules_free - release what rules_resolve allocated. */
void rules_free(struct ruleset *rules);

#endif
