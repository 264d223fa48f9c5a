/* struct policy -> struct ruleset. */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "rules.h"

/*
 * Whether the filter has an ABI besides the native one. A name libseccomp
 * knows but this machine lacks (_llseek on x86_64) means nothing without
 * one; with one, libseccomp places the rule where the name exists, even
 * where it is multiplexed (recv through i386 socketcall).
 */
static int has_foreign_arch(const struct policy *policy)
{
	for (size_t i = 0; i < policy->n_arches; i++)
		if (policy->arches[i] != seccomp_arch_native())
			return 1;
	return 0;
}

/* The earlier entry that names the same system call, if any. */
static const struct policy_entry *find_earlier(const struct policy *policy,
					       size_t index)
{
	for (size_t i = 0; i < index; i++)
		if (strcmp(policy->entries[i].name,
			   policy->entries[index].name) == 0)
			return &policy->entries[i];
	return NULL;
}

int rules_resolve(const struct policy *policy, struct ruleset *rules,
		  struct shim_error *err)
{
	int foreign = has_foreign_arch(policy);

	memset(rules, 0, sizeof(*rules));
	rules->file = policy->file;
	rules->default_action = policy->default_action;
	memcpy(rules->arches, policy->arches, sizeof(rules->arches));
	rules->n_arches = policy->n_arches;
	if (policy->n_entries) {
		rules->rules = calloc(policy->n_entries, sizeof(*rules->rules));
		if (!rules->rules)
			return error_set(err, policy->file, 0, "out of memory");
	}

	for (size_t i = 0; i < policy->n_entries; i++) {
		const struct policy_entry *entry = &policy->entries[i];
		int syscall = seccomp_syscall_resolve_name(entry->name);
		const struct policy_entry *earlier;
		struct rule *rule;

		if (syscall == __NR_SCMP_ERROR) {
			rules_free(rules);
			return error_set(err, policy->file, entry->line,
					 "unknown system call '%s'",
					 entry->name);
		}
		earlier = find_earlier(policy, i);
		if (earlier) {
			char was[32];
			unsigned int line = earlier->line;

			action_format(earlier->action, was, sizeof(was));
			rules_free(rules);
			return error_set(err, policy->file, entry->line,
					 "'%s' already has an action: '%s' "
					 "at line %u",
					 entry->name, was, line);
		}
		if (syscall < 0 && !foreign)
			continue;
		rule = &rules->rules[rules->n_rules++];
		rule->syscall = syscall;
		rule->name = entry->name;
		rule->action = entry->action;
		rule->line = entry->line;
	}
	return 0;
}

void rules_free(struct ruleset *rules)
{
	free(rules->rules);
	memset(rules, 0, sizeof(*rules));
}
