/* struct policy -> struct ruleset, and the reference decision. */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "compiled.h"
#include "groups.h"
#include "harden.h"
#include "rules.h"
#include "suggest.h"
#include "syscall-args.h"

/* x32 system calls arrive with x86_64's AUDIT_ARCH and bit 30 set. */
#define X32_SYSCALL_BIT 0x40000000u

/* How deep groups may name groups (a cycle goes deeper). */
#define GROUP_MAX_DEPTH 8

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

/*
 * An index of names by hash, for the lookups that a list would make
 * quadratic in the number of calls (a policy of 300 calls asked 70,000
 * string comparisons of the list). Open addressing: each slot holds the
 * place + 1 of a name in an array of n records of stride bytes whose name
 * pointer is at offset bytes into each (0: an empty slot), at most half
 * full.
 */
struct name_index {
	uint32_t *slots;
	size_t cap; /* a power of two, or 0 */
};

#define NAME_AT(base, offset, stride, i)                                       \
	(*(const char *const *)((const char *)(base) + (offset) +              \
				(size_t)(i) * (stride)))

/* The slot of name in x: the one holding it, or the empty one it goes in. */
static size_t index_slot(const uint32_t *slots, size_t cap, const char *name,
			 const void *base, size_t offset, size_t stride)
{
	size_t i =
		(size_t)compiled_hash(COMPILED_HASH_INIT, name, strlen(name)) &
		(cap - 1);

	while (slots[i] &&
	       strcmp(NAME_AT(base, offset, stride, slots[i] - 1), name) != 0)
		i = (i + 1) & (cap - 1);
	return i;
}

/* Room in x for one name more than the n it holds. 0, or -ENOMEM. */
static int index_reserve(uint32_t **slots, size_t *cap, size_t n,
			 const void *base, size_t offset, size_t stride)
{
	size_t grown_cap = 128;
	uint32_t *grown;

	if ((n + 1) * 2 <= *cap)
		return 0;
	while (grown_cap < (n + 1) * 2)
		grown_cap *= 2;
	grown = calloc(grown_cap, sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	for (size_t i = 0; i < n; i++)
		grown[index_slot(grown, grown_cap,
				 NAME_AT(base, offset, stride, i), base, offset,
				 stride)] = (uint32_t)i + 1;
	free(*slots);
	*slots = grown;
	*cap = grown_cap;
	return 0;
}

/* The call called name, created empty if new; NULL when out of memory. */
static struct call_rules *get_call(struct ruleset *rules, size_t *cap,
				   const char *name)
{
	const size_t offset = offsetof(struct call_rules, name);
	const size_t stride = sizeof(struct call_rules);
	struct call_rules *grown;
	size_t slot;

	if (index_reserve(&rules->call_index, &rules->call_index_cap,
			  rules->n_calls, rules->calls, offset, stride) < 0)
		return NULL;
	slot = index_slot(rules->call_index, rules->call_index_cap, name,
			  rules->calls, offset, stride);
	if (rules->call_index[slot])
		return &rules->calls[rules->call_index[slot] - 1];
	if (rules->n_calls == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		grown = realloc(rules->calls, *cap * sizeof(*grown));
		if (!grown)
			return NULL;
		rules->calls = grown;
	}
	rules->call_index[slot] = (uint32_t)rules->n_calls + 1;
	grown = &rules->calls[rules->n_calls++];
	memset(grown, 0, sizeof(*grown));
	grown->name = name;
	grown->widths = syscall_args32(name) | syscall_args16(name) << 8;
	/* Looked up once: rules_decide would otherwise search libseccomp's
	 * tables for every call of the ruleset on every decision. */
	grown->nrs[0] = rules_nr(seccomp_arch_native(), name);
	for (size_t i = 0; i < rules->n_arches; i++)
		grown->nrs[1 + i] = rules_nr(rules->arches[i], name);
	return grown;
}

/* The number of call on ABI arch (an SCMP_ARCH_*), or -1. */
static int call_nr(const struct ruleset *rules, const struct call_rules *call,
		   uint32_t arch)
{
	if (arch == seccomp_arch_native())
		return call->nrs[0];
	for (size_t i = 0; i < rules->n_arches; i++)
		if (rules->arches[i] == arch)
			return call->nrs[1 + i];
	return rules_nr(arch, call->name);
}

static int append(struct rule **v, size_t *n, size_t *cap, struct rule rule)
{
	if (*n == *cap) {
		size_t bigger = *cap ? 2 * *cap : 4;
		struct rule *grown = realloc(*v, bigger * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		*v = grown;
		*cap = bigger;
	}
	(*v)[(*n)++] = rule;
	return 0;
}

int rules_prepend(struct ruleset *rules, const char *name, struct rule rule)
{
	struct call_rules *call = get_call(rules, &rules->calls_cap, name);

	if (!call || append(&call->rules, &call->n_rules, &call->cap, rule) < 0)
		return -ENOMEM;
	memmove(&call->rules[1], &call->rules[0],
		(call->n_rules - 1) * sizeof(*call->rules));
	call->rules[0] = rule;
	return 0;
}

/* The unconditional rule among v[0..n), if any. */
static const struct rule *unconditional(const struct rule *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].cond->n_alts == 0)
			return &v[i];
	return NULL;
}

/* Values must fit the narrowest way any ABI of the filter reads them. */
static unsigned int widths_to_check(const struct ruleset *rules,
				    const struct call_rules *call)
{
	unsigned int widths = call->widths;

	for (size_t i = 0; i < rules->n_arches; i++)
		widths |= rules_widths(call, rules->arches[i]);
	return widths;
}

/*
 * A condition on a native call whose argument widths the table lacks
 * (a libseccomp newer than the table) could compare bits the kernel
 * ignores: an error, never a 64-bit guess.
 */
static int widths_known(const struct call_rules *call,
			const struct policy_entry *entry,
			struct shim_error *err)
{
	if (entry->cond.n_alts == 0 || call->nrs[0] < 0 ||
	    syscall_args_known(call->name))
		return 0;
	return error_set(err, entry->file, entry->line,
			 "%s: the widths at which the kernel reads its "
			 "arguments are not in this build's table "
			 "(shim/syscall-args.c), so a condition on them "
			 "cannot be checked: regenerate the table for this "
			 "libseccomp",
			 call->name);
}

/* A line naming the call itself. */
static int add_direct(struct ruleset *rules, struct call_rules *call,
		      const struct policy_entry *entry, struct shim_error *err)
{
	const struct rule *fallback = unconditional(call->rules, call->n_rules);
	char why[sizeof(err->message)], was[32];
	struct rule rule = {entry->action, &entry->cond, entry->line, NULL,
			    entry->file};

	if (fallback) {
		action_format(fallback->action, was, sizeof(was));
		if (entry->cond.n_alts == 0)
			return error_set(err, entry->file, entry->line,
					 "'%s' already has an action: '%s' "
					 "at line %u",
					 entry->name, was, fallback->line);
		return error_set(err, entry->file, entry->line,
				 "this line can never match: '%s = %s' at "
				 "line %u already decides every '%s' call "
				 "(put the unconditional line last)",
				 entry->name, was, fallback->line, entry->name);
	}
	if (widths_known(call, entry, err) < 0)
		return -EINVAL;
	if (condition_check(&entry->cond, widths_to_check(rules, call), why,
			    sizeof(why)) < 0)
		return error_set(err, entry->file, entry->line, "%s: %s",
				 entry->name, why);
	if (append(&call->rules, &call->n_rules, &call->cap, rule) < 0)
		return error_nomem(err, entry->file, entry->line);
	return 0;
}

/* Note that line `later` overrides line `earlier` for call (once a pair). */
static void warn_override(struct ruleset *rules, const struct rule *earlier,
			  const struct rule *later, const char *call)
{
	char was[32], now[32];

	for (size_t i = 0; i < rules->n_warnings; i++)
		if (rules->warnings[i].line == later->line &&
		    rules->warnings[i].file == later->file &&
		    strstr(rules->warnings[i].message, "overrides"))
			return;
	if (rules->n_warnings == RULES_MAX_WARNINGS)
		return;
	action_format(earlier->action, was, sizeof(was));
	action_format(later->action, now, sizeof(now));
	rules->warnings[rules->n_warnings].file = later->file;
	rules->warnings[rules->n_warnings].line = later->line;
	snprintf(rules->warnings[rules->n_warnings++].message,
		 sizeof(rules->warnings[0].message),
		 "'%s = %s' overrides '%s = %s' at line %u for the calls both "
		 "name ('%s' among them)",
		 later->via, now, earlier->via, was, earlier->line, call);
}

/*
 * A line reaching the call through a group. A line that names the call
 * itself beats it. Unconditional group lines are the fallback wherever
 * they stand; of two that disagree the later wins, as later assignments
 * do in systemd's SystemCallFilter=, with a warning.
 */
static int add_via_group(struct ruleset *rules, struct call_rules *call,
			 const struct policy_entry *entry,
			 struct shim_error *err)
{
	struct rule *fallback = (struct rule *)unconditional(
		call->group_rules, call->n_group_rules);
	char why[sizeof(err->message)];
	struct rule rule = {entry->action, &entry->cond, entry->line,
			    entry->name, entry->file};

	if (unconditional(call->rules, call->n_rules))
		return 0;
	if (fallback && entry->cond.n_alts == 0) {
		if (fallback->action != entry->action)
			warn_override(rules, fallback, &rule, call->name);
		*fallback = rule;
		return 0;
	}
	if (widths_known(call, entry, err) < 0)
		return -EINVAL;
	if (condition_check(&entry->cond, widths_to_check(rules, call), why,
			    sizeof(why)) < 0)
		return error_set(err, entry->file, entry->line,
				 "%s (in %s): %s", call->name, entry->name,
				 why);
	if (append(&call->group_rules, &call->n_group_rules, &call->group_cap,
		   rule) < 0)
		return error_nomem(err, entry->file, entry->line);
	return 0;
}

static const struct policy_group *user_group(const struct policy *policy,
					     const char *name)
{
	for (size_t i = 0; i < policy->n_groups; i++)
		if (strcmp(policy->groups[i].name, name) == 0)
			return &policy->groups[i];
	return NULL;
}

/* "unknown group", with the nearest built-in or own group's name. */
static int unknown_group(const struct policy *policy, const char *group,
			 const char *file, unsigned int line,
			 struct shim_error *err)
{
	const char **names =
		calloc(group_count + policy->n_groups + 1, sizeof(*names));
	char phrase[96];
	size_t n = 0;

	for (size_t i = 0; names && i < group_count; i++)
		names[n++] = group_table[i].name;
	for (size_t i = 0; names && i < policy->n_groups; i++)
		names[n++] = policy->groups[i].name;
	suggest_phrase(names ? suggest_pick(group, names, n) : NULL, phrase,
		       sizeof(phrase));
	free(names);
	return error_set(err, file, line, "unknown group '%s'%s", group,
			 phrase);
}

/* Every call a group reaches, into names[] (no repeats). */
struct expansion {
	const char **names;
	size_t n, cap;
	uint32_t *index; /* names by hash (name_index) */
	size_t index_cap;
};

static void expansion_free(struct expansion *e)
{
	free(e->names);
	free(e->index);
}

static int expand(const struct policy *policy, const char *group,
		  const char *file, unsigned int line, const char **stack,
		  int depth, struct expansion *out, struct shim_error *err)
{
	const struct policy_group *mine = user_group(policy, group);
	const struct group *builtin = group_find(group);
	size_t n = 0;

	for (int i = 0; i < depth; i++)
		if (strcmp(stack[i], group) == 0)
			return error_set(err, file, line,
					 "group %s contains itself", group);
	if (depth == GROUP_MAX_DEPTH)
		return error_set(err, file, line, "groups nest deeper than %d",
				 GROUP_MAX_DEPTH);
	stack[depth] = group;
	if (!mine && !builtin)
		return unknown_group(policy, group, file, line, err);
	if (mine)
		n = mine->n_members;
	else
		while (builtin->members[n])
			n++;
	for (size_t i = 0; i < n; i++) {
		const char *member =
			mine ? mine->members[i] : builtin->members[i];
		unsigned int at = mine ? mine->member_lines[i] : line;
		size_t slot;

		if (member[0] == '@') {
			int rc =
				expand(policy, member, mine ? mine->file : file,
				       at, stack, depth + 1, out, err);

			if (rc < 0)
				return rc;
			continue;
		}
		if (seccomp_syscall_resolve_name(member) == __NR_SCMP_ERROR) {
			/* systemd's tables name calls of every
			 * architecture; a user's group must not have typos */
			if (mine) {
				char near[64], phrase[96];

				return error_set(
					err, mine->file, at,
					"unknown system call '%s' in group "
					"%s%s",
					member, group,
					suggest_phrase(
						suggest_syscall(member, near,
								sizeof(near)),
						phrase, sizeof(phrase)));
			}
			continue;
		}
		if (index_reserve(&out->index, &out->index_cap, out->n,
				  out->names, 0, sizeof(*out->names)) < 0)
			return error_nomem(err, file, line);
		slot = index_slot(out->index, out->index_cap, member,
				  out->names, 0, sizeof(*out->names));
		if (out->index[slot])
			continue;
		if (out->n == out->cap) {
			size_t cap = out->cap ? 2 * out->cap : 64;
			const char **grown =
				realloc(out->names, cap * sizeof(*grown));

			if (!grown)
				return error_nomem(err, file, line);
			out->names = grown;
			out->cap = cap;
		}
		out->index[slot] = (uint32_t)out->n + 1;
		out->names[out->n++] = member;
	}
	return 0;
}

/* Every group of the policy's own must make sense, used or not. */
static int check_own_groups(const struct policy *policy, struct shim_error *err)
{
	for (size_t i = 0; i < policy->n_groups; i++) {
		struct expansion members = {0};
		const char *stack[GROUP_MAX_DEPTH];
		int rc = expand(policy, policy->groups[i].name,
				policy->groups[i].file, policy->groups[i].line,
				stack, 0, &members, err);

		expansion_free(&members);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The lines that name a call: each call's own rules, in file order. */
static int add_call_lines(const struct policy *policy, struct ruleset *rules,
			  struct shim_error *err)
{
	for (size_t i = 0; i < policy->n_entries; i++) {
		const struct policy_entry *entry = &policy->entries[i];
		struct call_rules *call;
		char near[64], phrase[96];
		int rc;

		if (entry->name[0] == '@')
			continue;
		if (seccomp_syscall_resolve_name(entry->name) ==
		    __NR_SCMP_ERROR)
			return error_set(
				err, entry->file, entry->line,
				"unknown system call '%s'%s", entry->name,
				suggest_phrase(suggest_syscall(entry->name,
							       near,
							       sizeof(near)),
					       phrase, sizeof(phrase)));
		call = get_call(rules, &rules->calls_cap, entry->name);
		if (!call)
			return error_nomem(err, policy->file, entry->line);
		rc = add_direct(rules, call, entry, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The group lines: each member's group rules, kept apart for now. */
static int add_group_lines(const struct policy *policy, struct ruleset *rules,
			   struct shim_error *err)
{
	for (size_t i = 0; i < policy->n_entries; i++) {
		const struct policy_entry *entry = &policy->entries[i];
		struct expansion members = {0};
		const char *stack[GROUP_MAX_DEPTH];
		int rc = 0;

		if (entry->name[0] != '@')
			continue;
		rc = expand(policy, entry->name, entry->file, entry->line,
			    stack, 0, &members, err);
		for (size_t j = 0; rc == 0 && j < members.n; j++) {
			struct call_rules *call = get_call(
				rules, &rules->calls_cap, members.names[j]);

			rc = call ? add_via_group(rules, call, entry, err)
				  : error_nomem(err, entry->file, entry->line);
		}
		expansion_free(&members);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Group rules follow the call's own, if those leave room (no
 * unconditional own line): the conditional ones first, then the
 * unconditional. */
static int append_group_rules(struct call_rules *call)
{
	if (unconditional(call->rules, call->n_rules))
		return 0;
	for (int pass = 0; pass < 2; pass++)
		for (size_t j = 0; j < call->n_group_rules; j++) {
			const struct rule *g = &call->group_rules[j];

			if ((g->cond->n_alts == 0) != pass)
				continue;
			if (append(&call->rules, &call->n_rules, &call->cap,
				   *g) < 0)
				return -ENOMEM;
		}
	return 0;
}

/* The policy's lines as each call's rules, in the order they are tried:
 * lines naming the call beat group lines wherever each stands. */
static int resolve_entries(const struct policy *policy, struct ruleset *rules,
			   struct shim_error *err)
{
	int rc = check_own_groups(policy, err);

	if (rc == 0)
		rc = add_call_lines(policy, rules, err);
	if (rc == 0)
		rc = add_group_lines(policy, rules, err);
	for (size_t i = 0; i < rules->n_calls; i++) {
		struct call_rules *call = &rules->calls[i];

		if (rc == 0 && append_group_rules(call) < 0)
			rc = error_nomem(err, policy->file, 0);
		free(call->group_rules);
		call->group_rules = NULL;
		call->n_group_rules = call->group_cap = 0;
	}
	return rc;
}

/*
 * What the shim itself needs in every child the program starts: each one
 * loads the shim again, which sets NO_NEW_PRIVS and adds a filter. Neither
 * gives a program anything (a filter can only take away), so unless the
 * policy decides these calls itself, they are allowed for that use only.
 */
static struct cond_atom need_nnp = {.arg = 0, .op = COND_EQ, .value = 38};
static struct cond_atom need_filter = {.arg = 0, .op = COND_EQ, .value = 1};
static struct cond_conj need_nnp_conj = {&need_nnp, 1};
static struct cond_conj need_filter_conj = {&need_filter, 1};
static const struct condition shim_needs_nnp = {&need_nnp_conj, 1};
static const struct condition shim_needs_filter = {&need_filter_conj, 1};

static int add_shim_needs(struct ruleset *rules, size_t *cap)
{
	static const struct {
		const char *call;
		const struct condition *cond;
	} needs[] = {
		{"prctl", &shim_needs_nnp},	 /* PR_SET_NO_NEW_PRIVS */
		{"seccomp", &shim_needs_filter}, /* SECCOMP_SET_MODE_FILTER */
	};

	for (size_t i = 0; i < sizeof(needs) / sizeof(*needs); i++) {
		struct call_rules *call = get_call(rules, cap, needs[i].call);
		struct rule rule = {SCMP_ACT_ALLOW, needs[i].cond, 0,
				    "(the shim)", NULL};

		if (!call)
			return -ENOMEM;
		if (unconditional(call->rules, call->n_rules))
			continue;
		if (append(&call->rules, &call->n_rules, &call->cap, rule) < 0)
			return -ENOMEM;
	}
	return 0;
}

/*
 * clone3 passes its flags behind a pointer that no filter can read: unless
 * a line of the policy decides every clone3 call (an unconditional one,
 * naming it or a group), what no line decides gets newer_syscalls
 * (ENOSYS: glibc then uses clone, whose flags a policy can check).
 */
static const struct condition always = {NULL, 0};

static int add_clone3(struct ruleset *rules)
{
	struct call_rules *call = get_call(rules, &rules->calls_cap, "clone3");
	struct rule rule = {rules->newer_action, &always, 0, "(newer_syscalls)",
			    NULL};

	if (!call)
		return -ENOMEM;
	/* Conditional lines for clone3 still come first. */
	if (unconditional(call->rules, call->n_rules))
		return 0;
	return append(&call->rules, &call->n_rules, &call->cap, rule);
}

/*
 * io_uring does reads, writes, opens and connects where no filter sees
 * them: it is off (ENOSYS, after which programs such as liburing's users
 * fall back to ordinary calls) unless a line of the policy names the call
 * itself; a group line does not count. Docker's current default profile,
 * ChromeOS and Android refuse it too.
 */
static int add_io_uring_off(const struct policy *policy, struct ruleset *rules)
{
	static const char *const calls[] = {"io_uring_setup", "io_uring_enter",
					    "io_uring_register"};
	struct rule rule = {SCMP_ACT_ERRNO(ENOSYS), &always, 0,
			    "(the shim: io_uring is off unless the policy "
			    "names the call)",
			    NULL};

	for (size_t i = 0; i < sizeof(calls) / sizeof(*calls); i++) {
		struct call_rules *call;
		size_t j;

		for (j = 0; j < policy->n_entries; j++)
			if (strcmp(policy->entries[j].name, calls[i]) == 0)
				break;
		if (j < policy->n_entries)
			continue;
		call = get_call(rules, &rules->calls_cap, calls[i]);
		if (!call ||
		    append(&call->rules, &call->n_rules, &call->cap, rule) < 0)
			return -ENOMEM;
	}
	return 0;
}

int rules_resolve(const struct policy *policy, struct ruleset *rules,
		  struct shim_error *err)
{
	int foreign = has_foreign_arch(policy), rc;
	size_t group_lines = 0;

	memset(rules, 0, sizeof(*rules));
	/* Bounds that keep resolving and compiling quick on any input: far
	 * more than a filter the kernel takes could hold. */
	for (size_t i = 0; i < policy->n_entries; i++)
		group_lines += policy->entries[i].name[0] == '@';
	if (policy->n_entries > RULES_MAX_LINES)
		return error_set(err, policy->file, 0,
				 "more than %d lines in [syscalls]",
				 RULES_MAX_LINES);
	if (group_lines > RULES_MAX_GROUP_LINES)
		return error_set(err, policy->file, 0,
				 "more than %d group lines in [syscalls]",
				 RULES_MAX_GROUP_LINES);
	if (!policy->default_line)
		return error_set(err, policy->file, 0,
				 "missing 'default = ACTION' in [policy]%s",
				 policy->n_merged_files
					 ? " (and in every file it includes)"
					 : "");
	rules->file = policy->file;
	rules->abi_action = SCMP_ACT_KILL_PROCESS;
	rules->default_action = policy->default_action;
	rules->newer_action = policy->newer_is_default ? policy->default_action
						       : policy->newer_action;
	memcpy(rules->arches, policy->arches, sizeof(rules->arches));
	rules->n_arches = policy->n_arches;
	rc = resolve_entries(policy, rules, err);
	if (rc < 0) {
		rules_free(rules);
		return rc;
	}
	if (add_shim_needs(rules, &rules->calls_cap) < 0 ||
	    add_clone3(rules) < 0 || add_io_uring_off(policy, rules) < 0) {
		rules_free(rules);
		return error_nomem(err, policy->file, 0);
	}
	/* The switches' rules come first, before those of the policy's
	 * lines and of the shim: systemd's separate filters, where the
	 * strictest answer wins. */
	rc = harden_rules(policy, rules, err);
	if (rc < 0) {
		rules_free(rules);
		return rc;
	}
	/* Names no ABI of the filter has: checked above, dropped now (and
	 * the index by name, whose places moved, made anew when asked). */
	size_t kept = 0;

	for (size_t i = 0; i < rules->n_calls; i++) {
		if (seccomp_syscall_resolve_name(rules->calls[i].name) >= 0 ||
		    foreign) {
			rules->calls[kept++] = rules->calls[i];
			continue;
		}
		free(rules->calls[i].rules);
		free(rules->calls[i].group_rules);
	}
	rules->n_calls = kept;
	free(rules->call_index);
	rules->call_index = NULL;
	rules->call_index_cap = 0;
	return 0;
}

int rules_mark(struct ruleset *rules, uint64_t digest, uint64_t origin,
	       uint64_t relative)
{
	struct cond_atom *atoms = rules->probe_atoms;
	struct cond_conj *conj = rules->probe_conj;
	uint32_t found_errno =
		rules->report ? RULES_PROBE_FOUND_REPORTS : RULES_PROBE_FOUND;
	struct rule found = {SCMP_ACT_ERRNO(found_errno), &rules->probe_cond[0],
			     0, "(the shim's probe)", NULL};
	uint32_t other_errno =
		rules->report ? RULES_PROBE_OTHER_REPORTS : RULES_PROBE_OTHER;
	struct rule other = {SCMP_ACT_ERRNO(other_errno), &rules->probe_cond[1],
			     0, "(the shim's probe)", NULL};
	uint64_t keys[3] = {digest, origin, relative};
	size_t n_found = 0;

	memset(atoms, 0, sizeof(rules->probe_atoms));
	/* found: the option and one of the keys; other: the option */
	for (size_t k = 0; k < 3; k++) {
		struct cond_atom *pair = &atoms[2 * n_found];

		if (!keys[k] || (k && keys[k] == digest) ||
		    (k == 2 && keys[k] == origin))
			continue;
		pair[0] = (struct cond_atom){
			.arg = 0, .op = COND_EQ, .value = RULES_PROBE_OPTION};
		pair[1] = (struct cond_atom){
			.arg = 1, .op = COND_EQ, .value = keys[k]};
		conj[n_found] = (struct cond_conj){pair, 2};
		n_found++;
	}
	atoms[6] = (struct cond_atom){
		.arg = 0, .op = COND_EQ, .value = RULES_PROBE_OPTION};
	conj[3] = (struct cond_conj){&atoms[6], 1};
	rules->probe_cond[0] = (struct condition){&conj[0], n_found};
	rules->probe_cond[1] = (struct condition){&conj[3], 1};
	/* first match: found, then other, ahead of the policy's lines */
	if (rules_prepend(rules, "prctl", other) < 0 ||
	    rules_prepend(rules, "prctl", found) < 0)
		return -ENOMEM;
	return 0;
}

const struct rule *rules_rule(const struct ruleset *rules, const char *call,
			      unsigned int line)
{
	for (size_t i = 0; line && i < rules->n_calls; i++) {
		if (strcmp(rules->calls[i].name, call) != 0)
			continue;
		for (size_t j = 0; j < rules->calls[i].n_rules; j++)
			if (rules->calls[i].rules[j].line == line)
				return &rules->calls[i].rules[j];
	}
	return NULL;
}

void rules_free(struct ruleset *rules)
{
	for (size_t i = 0; i < rules->n_calls; i++) {
		free(rules->calls[i].rules);
		free(rules->calls[i].group_rules);
	}
	free(rules->calls);
	free(rules->call_index);
	free(rules->report);
	free(rules->landlock);
	free(rules->harden);
	memset(rules, 0, sizeof(*rules));
}

/* i386's 16-bit user and group id calls, argument by argument. */
static unsigned int i386_widths16(const char *name)
{
	static const struct {
		const char *name;
		unsigned int args;
	} ids[] = {
		{"setuid", 0x1},    {"setgid", 0x1},	{"setfsuid", 0x1},
		{"setfsgid", 0x1},  {"setreuid", 0x3},	{"setregid", 0x3},
		{"setresuid", 0x7}, {"setresgid", 0x7}, {"chown", 0x6},
		{"lchown", 0x6},    {"fchown", 0x6},
	};

	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++)
		if (strcmp(ids[i].name, name) == 0)
			return ids[i].args << 8;
	return 0;
}

unsigned int rules_widths(const struct call_rules *call, uint32_t arch)
{
	unsigned int widths16 = call->widths & (COND_ALL32 << 8);

	if (arch == SCMP_ARCH_X86)
		return COND_ALL32 | widths16 | i386_widths16(call->name);
	if (arch == SCMP_ARCH_X32 &&
	    rules_nr(arch, call->name) >= (int)(X32_SYSCALL_BIT + 512))
		return COND_ALL32 | widths16;
	return call->widths;
}

/*
 * libseccomp's system call table of one ABI, by number. libseccomp 2.5
 * finds a number by walking its whole table, and the compiler asks about
 * every number of each ABI it builds a search for, so each ABI's names are
 * read once (ABI_NUMBERS walks) and kept until rules_forget_abis().
 */
#define ABI_NUMBERS 1024 /* the tables end well below, on every ABI */
#define MAX_ABIS    8
struct abi_names {
	uint32_t arch, base;
	uint32_t last;		 /* the highest number it knows */
	char *name[ABI_NUMBERS]; /* NULL: no call libseccomp knows */
	/* the numbers with a name, in the names' order (for rules_nr) */
	uint16_t by_name[ABI_NUMBERS];
	uint32_t n_named;
};

/* (the table qsort and bsearch compare names of: one at a time, as the
 * compiler is not threaded) */
static const struct abi_names *sorting;

static int by_name(const void *a, const void *b)
{
	uint16_t x = *(const uint16_t *)a, y = *(const uint16_t *)b;
	int order = strcmp(sorting->name[x], sorting->name[y]);

	return order ? order : (x > y) - (x < y);
}

static int name_of_nr(const void *key, const void *b)
{
	return strcmp(key, sorting->name[*(const uint16_t *)b]);
}

static struct abi_names *abis[MAX_ABIS];

/* The table of arch, read now if it is new; NULL when out of memory. */
static const struct abi_names *abi_names(uint32_t arch)
{
	struct abi_names *t;
	int i;

	for (i = 0; i < MAX_ABIS && abis[i]; i++)
		if (abis[i]->arch == arch)
			return abis[i];
	if (i == MAX_ABIS || !(t = calloc(1, sizeof(*t))))
		return NULL;
	t->arch = arch;
	t->base = arch == SCMP_ARCH_X32 ? X32_SYSCALL_BIT : 0;
	t->last = t->base;
	for (uint32_t n = 0; n < ABI_NUMBERS; n++) {
		t->name[n] = seccomp_syscall_resolve_num_arch(
			arch, (int)(t->base + n));
		if (t->name[n]) {
			t->last = t->base + n;
			t->by_name[t->n_named++] = (uint16_t)n;
		}
	}
	sorting = t;
	qsort(t->by_name, t->n_named, sizeof(*t->by_name), by_name);
	abis[i] = t;
	return t;
}

void rules_forget_abis(void)
{
	for (int i = 0; i < MAX_ABIS && abis[i]; i++) {
		for (uint32_t n = 0; n < ABI_NUMBERS; n++)
			free(abis[i]->name[n]);
		free(abis[i]);
		abis[i] = NULL;
	}
}

/* The name of call nr in t, or NULL. */
static const char *abi_name(const struct abi_names *t, uint32_t nr)
{
	return nr >= t->base && nr - t->base < ABI_NUMBERS
		       ? t->name[nr - t->base]
		       : NULL;
}

int rules_known(uint32_t arch, uint32_t nr)
{
	const struct abi_names *t = abi_names(arch);
	char *name;

	if (t)
		return abi_name(t, nr) != NULL;
	name = seccomp_syscall_resolve_num_arch(arch, (int)nr);
	free(name);
	return name != NULL;
}

int rules_nr(uint32_t arch, const char *name)
{
	int nr = seccomp_syscall_resolve_name_arch(arch, name);
	const struct abi_names *t;

	if (nr >= 0)
		return nr;
	if (nr == __NR_SCMP_ERROR)
		return -1;
	/* a multiplexed call's own number, if the ABI has one */
	t = abi_names(arch);
	if (t) {
		const uint16_t *found;

		sorting = t;
		found = bsearch(name, t->by_name, t->n_named,
				sizeof(*t->by_name), name_of_nr);
		/* a name twice: its lowest number, as a walk would find */
		while (found && found > t->by_name &&
		       strcmp(t->name[found[-1]], name) == 0)
			found--;
		return found ? (int)(t->base + *found) : -1;
	}
	for (uint32_t n = 0; !t && n < ABI_NUMBERS; n++) {
		uint32_t base = arch == SCMP_ARCH_X32 ? X32_SYSCALL_BIT : 0;
		char *known =
			seccomp_syscall_resolve_num_arch(arch, (int)(base + n));
		int same = known && strcmp(known, name) == 0;

		free(known);
		if (same)
			return (int)(base + n);
	}
	return -1;
}

uint32_t rules_last_known(uint32_t arch)
{
	const struct abi_names *t = abi_names(arch);
	uint32_t base = arch == SCMP_ARCH_X32 ? X32_SYSCALL_BIT : 0;
	uint32_t last = base;

	if (t)
		return t->last;
	for (uint32_t nr = base; nr < base + ABI_NUMBERS; nr++)
		if (rules_known(arch, nr))
			last = nr;
	return last;
}

uint32_t rules_decide(const struct ruleset *rules, uint32_t arch, int nr,
		      const uint64_t *args, unsigned int *line)
{
	*line = 0;
	if (arch == SCMP_ARCH_X86_64 && (uint32_t)nr >= X32_SYSCALL_BIT &&
	    nr != -1)
		arch = SCMP_ARCH_X32;
	if (!has_arch(rules, arch))
		return rules->abi_action;
	for (size_t i = 0; i < rules->n_calls; i++) {
		const struct call_rules *call = &rules->calls[i];
		int number = call_nr(rules, call, arch);
		unsigned int widths;

		if (number < 0 || number != nr)
			continue;
		widths = rules_widths(call, arch);
		for (size_t j = 0; j < call->n_rules; j++) {
			if (condition_holds(call->rules[j].cond, args,
					    widths)) {
				*line = call->rules[j].line;
				return call->rules[j].action;
			}
		}
		return rules->default_action;
	}
	if (nr != -1 && !rules_known(arch, (uint32_t)nr))
		return rules->newer_action;
	return rules->default_action;
}
