/* struct policy -> struct ruleset. */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "rules.h"

/*
 * A name libseccomp knows but not for this machine (_llseek on x86_64)
 * counts only if one of the policy's extra ABIs has it.
 */
static int exists_in_filter(const struct policy *policy, const char *name)
{
	for (size_t i = 0; i < policy->n_arches; i++)
		if (seccomp_syscall_resolve_name_arch(policy->arches[i],
						      name) >= 0)
			return 1;
	return 0;
}

static const struct rule *find_rule(const struct ruleset *rules, int syscall)
{
	for (size_t i = 0; i < rules->n_rules; i++)
		if (rules->rules[i].syscall == syscall)
			return &rules->rules[i];
	return NULL;
}

int rules_resolve(const struct policy *policy, struct ruleset *rules,
		  struct shim_error *err)
{
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
		const struct rule *earlier;
		struct rule *rule;

		if (syscall == __NR_SCMP_ERROR) {
			rules_free(rules);
			return error_set(err, policy->file, entry->line,
					 "unknown system call '%s'",
					 entry->name);
		}
		if (syscall < 0 && !exists_in_filter(policy, entry->name))
			continue;
		earlier = find_rule(rules, syscall);
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
