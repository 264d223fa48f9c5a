/*
 * A policy's [landlock] section, from parsed text to the table the preload
 * library applies (landlock.h). Pure: no system calls, nothing printed.
 *
 * Each key of the section names the rights it restricts and lists where
 * they stay allowed: "read = /usr /etc" restricts reading files and
 * listing directories to those trees; "write = @cwd /tmp" restricts
 * writing, making, removing, renaming, linking and truncating files to
 * them, and grants reading there too where reading is
 * restricted; "execute = /usr" restricts execution, granting reading
 * there too. The single rights (read_file, make_dir, refer, ...) restrict
 * one right each. A right no key names stays unrestricted. bind_tcp and
 * connect_tcp do the same for TCP ports, scope names the scopes
 * (signals, abstract unix sockets) that stop at the domain's edge, and
 * enforce says whether a kernel that cannot enforce all of it refuses the
 * program (required, the default) or runs it with what it has
 * (best_effort).
 */
#ifndef SHIM_LANDLOCK_RULES_H
#define SHIM_LANDLOCK_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "lint.h"
#include "policy.h"

/* A key of [landlock] that lists paths. */
struct landlock_key {
	const char *name;
	uint64_t access;  /* what a path listed there allows */
	uint64_t handles; /* what the key restricts */
	const char *what; /* in words, for explain */
};

/*
 * landlock_key_find - the path key called name, or NULL. Pure.
 */
const struct landlock_key *landlock_key_find(const char *name);

/* landlock_keys - the table of path keys, *n long. */
const struct landlock_key *landlock_keys(size_t *n);

/*
 * landlock_path_parse - check the form of one path of a list (absolute,
 * "-" for optional, "@cwd[/SUB]", "@NAME") and write it, normalised
 * (no repeated or trailing '/', no "." parts), into out (size bytes);
 * *optional says whether it had the '-'. Returns 0, or -EINVAL with why
 * (size why_len) filled in. Pure.
 */
int landlock_path_parse(const char *token, char *out, size_t size,
			int *optional, char *why, size_t why_len);

/* One path rule with its groups expanded: what the table holds. */
struct landlock_rule {
	const char *path; /* "/usr", or "@cwd" or "@cwd/SUB" */
	uint64_t access;  /* masked to what the section restricts */
	int optional;
	const char *key;
	const char *file;
	unsigned int line;
};

/*
 * landlock_rules_expand - the policy's path rules, groups expanded, into
 * *rules (*n of them; free() the array, the strings are the policy's),
 * and the file system rights the section restricts in *handled. Returns
 * 0, or a negative errno with err filled in (an unknown group, a group
 * that contains itself).
 */
int landlock_rules_expand(const struct policy *policy,
			  struct landlock_rule **rules, size_t *n,
			  uint64_t *handled, struct shim_error *err);

/* landlock_rules_wanted - whether the policy has a [landlock] section. */
int landlock_rules_wanted(const struct policy *policy);

/*
 * landlock_rules_build - the table (landlock.h) for the policy's
 * [landlock] section into *table (*len bytes, malloc'd; NULL and 0 when
 * there is none). Returns 0, or a negative errno with err filled in.
 */
int landlock_rules_build(const struct policy *policy, void **table, size_t *len,
			 struct shim_error *err);

/*
 * landlock_rules_lint - warnings about path rules that another makes
 * redundant (a path beneath one that allows as much, or listed twice),
 * appended to warnings (*n of at most max).
 */
void landlock_rules_lint(const struct policy *policy,
			 struct lint_warning *warnings, size_t *n, size_t max);

/*
 * landlock_rights_text - the names of the rights in access (file system
 * rights if net is 0, else network rights), space-separated, into buf
 * (size bytes): "write" and "read" for all of their rights, then the
 * single rights left. Returns buf.
 */
char *landlock_rights_text(uint64_t access, int net, char *buf, size_t size);

#endif
