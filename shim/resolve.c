/* struct policy -> struct ruleset, and the reference decision. */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "rules.h"
#include "syscall-args.h"

/*
 * Whether the filter has an ABI besides the native one. A name libseccomp
 * knows but this machine lacks (_llseek on x86_64) means nothing without
 * one; with one, the rule applies where the name exists.
 */
static int has_foreign_arch(const struct policy *policy)
{
	for (size_t i = 0; i < policy->n_arches; i++)
		if (policy->arches[i] != seccomp_arch_native())
			return 1;
	return 0;
}

static int has_arch(const struct ruleset *rules, uint32_t arch)
{
	if (arch == seccomp_arch_native())
		return 1;
	for (size_t i = 0; i < rules->n_arches; i++)
		if (rules->arches[i] == arch)
			return 1;
	return 0;
}

static struct call_rules *find_call(struct ruleset *rules, const char *name)
{
	for (size_t i = 0; i < rules->n_calls; i++)
		if (strcmp(rules->calls[i].name, name) == 0)
			return &rules->calls[i];
	return NULL;
}

/* The line that set call's unconditional action, if any. */
static const struct rule *unconditional(const struct call_rules *call)
{
	if (call->n_rules && call->rules[call->n_rules - 1].cond->n_alts == 0)
		return &call->rules[call->n_rules - 1];
	return NULL;
}

static int add_entry(struct ruleset *rules, const struct policy *policy,
		     const struct policy_entry *entry, struct shim_error *err)
{
	struct call_rules *call = find_call(rules, entry->name);
	const struct rule *fallback;
	char why[sizeof(err->message)], was[32];
	unsigned int check32;

	if (!call) {
		call = &rules->calls[rules->n_calls++];
		call->name = entry->name;
		call->args32 = syscall_args32(entry->name);
		/* n_entries bounds how many lines one call can have */
		call->rules = calloc(policy->n_entries, sizeof(*call->rules));
		if (!call->rules)
			return error_set(err, policy->file, entry->line,
					 "out of memory");
	}
	fallback = unconditional(call);
	if (fallback) {
		action_format(fallback->action, was, sizeof(was));
		if (entry->cond.n_alts == 0)
			return error_set(err, policy->file, entry->line,
					 "'%s' already has an action: '%s' "
					 "at line %u",
					 entry->name, was, fallback->line);
		return error_set(err, policy->file, entry->line,
				 "this line can never match: '%s = %s' at "
				 "line %u already decides every '%s' call "
				 "(put the unconditional line last)",
				 entry->name, was, fallback->line, entry->name);
	}
	/* On i386 every argument is 32-bit: values must fit there too. */
	check32 = call->args32;
	for (size_t i = 0; i < rules->n_arches; i++)
		if (rules->arches[i] == SCMP_ARCH_X86)
			check32 = 0x3f;
	if (condition_check(&entry->cond, check32, why, sizeof(why)) < 0)
		return error_set(err, policy->file, entry->line, "%s: %s",
				 entry->name, why);
	call->rules[call->n_rules++] = (struct rule){
	    .action = entry->action,
	    .cond = &entry->cond,
	    .line = entry->line,
	};
	return 0;
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
		rules->calls = calloc(policy->n_entries, sizeof(*rules->calls));
		if (!rules->calls)
			return error_set(err, policy->file, 0, "out of memory");
	}

	for (size_t i = 0; i < policy->n_entries; i++) {
		const struct policy_entry *entry = &policy->entries[i];
		int syscall = seccomp_syscall_resolve_name(entry->name);

		if (syscall == __NR_SCMP_ERROR) {
			rules_free(rules);
			return error_set(err, policy->file, entry->line,
					 "unknown system call '%s'",
					 entry->name);
		}
		if (add_entry(rules, policy, entry, err) < 0) {
			rules_free(rules);
			return -EINVAL;
		}
	}
	/* Names no ABI of the filter has: checked above, dropped now. */
	for (size_t i = 0; i < rules->n_calls;) {
		if (seccomp_syscall_resolve_name(rules->calls[i].name) >= 0 ||
		    foreign) {
			i++;
			continue;
		}
		free(rules->calls[i].rules);
		memmove(&rules->calls[i], &rules->calls[i + 1],
			(rules->n_calls - i - 1) * sizeof(*rules->calls));
		rules->n_calls--;
	}
	return 0;
}

void rules_free(struct ruleset *rules)
{
	for (size_t i = 0; i < rules->n_calls; i++)
		free(rules->calls[i].rules);
	free(rules->calls);
	memset(rules, 0, sizeof(*rules));
}

unsigned int rules_args32(const struct call_rules *call, uint32_t arch)
{
	return arch == SCMP_ARCH_X86 ? 0x3f : call->args32;
}

/* x32 system calls arrive with x86_64's AUDIT_ARCH and bit 30 set. */
#define X32_SYSCALL_BIT 0x40000000

uint32_t rules_decide(const struct ruleset *rules, uint32_t arch, int nr,
		      const uint64_t *args, unsigned int *line)
{
	*line = 0;
	if (arch == SCMP_ARCH_X86_64 && (uint32_t)nr >= X32_SYSCALL_BIT &&
	    nr != -1)
		arch = SCMP_ARCH_X32;
	if (!has_arch(rules, arch))
		return SCMP_ACT_KILL_PROCESS;
	for (size_t i = 0; i < rules->n_calls; i++) {
		const struct call_rules *call = &rules->calls[i];
		unsigned int args32 = rules_args32(call, arch);

		if (seccomp_syscall_resolve_name_arch(arch, call->name) != nr)
			continue;
		for (size_t j = 0; j < call->n_rules; j++) {
			if (condition_holds(call->rules[j].cond, args,
					    args32)) {
				*line = call->rules[j].line;
				return call->rules[j].action;
			}
		}
		break;
	}
	return rules->default_action;
}
