/*
 * Converting between Docker/OCI seccomp profiles and policies (convert.h):
 * what runc and libseccomp make of a profile, and the entries that make
 * them decide as a policy does. Reading a profile is convert-read.c's,
 * writing either side convert-emit.c's.
 *
 * The profile means what runc makes of it with libseccomp 2.5, and that is
 * what the policy says: for one call, an unconditional entry overrides
 * every conditional one (libseccomp drops them, whatever the order), and
 * of two unconditional ones the first added stays; conditional entries
 * with different actions that can both hold are kept in file order, with
 * a note. The policy is then checked by parsing and resolving it like any
 * other.
 */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert-emit.h"
#include "convert-read.h"
#include "convert.h"
#include "harden.h"
#include "landlock-rules.h"
#include "policy.h"
#include "region.h"
#include "rules.h"
#include "syscall-args.h"

/* --- notes ----------------------------------------------------- */

void convert_note(struct convert_notes *notes, const char *fmt, ...)
{
	va_list ap;
	char *text;

	if (notes->n == CONVERT_MAX_NOTES) {
		notes->dropped++;
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) >= 0)
		notes->text[notes->n++] = text;
	va_end(ap);
}

void convert_notes_free(struct convert_notes *notes)
{
	for (size_t i = 0; i < notes->n; i++)
		free(notes->text[i]);
	memset(notes, 0, sizeof(*notes));
}

/* --- actions -------------------------------------------------------------- */

/*
 * The profile's action names and the actions they are, both directions.
 * SCMP_ACT_KILL is libseccomp's old name for killing the thread; the
 * policy's spelling of each is action_format's.
 */
static const struct {
	const char *name;
	uint32_t action;
} oci_actions[] = {
	{"SCMP_ACT_ALLOW", SCMP_ACT_ALLOW},
	{"SCMP_ACT_KILL_PROCESS", SCMP_ACT_KILL_PROCESS},
	{"SCMP_ACT_KILL_THREAD", SCMP_ACT_KILL_THREAD},
	{"SCMP_ACT_KILL", SCMP_ACT_KILL_THREAD},
	{"SCMP_ACT_TRAP", SCMP_ACT_TRAP},
	{"SCMP_ACT_LOG", SCMP_ACT_LOG},
};

int convert_oci_action(const char *name, uint32_t *action)
{
	for (size_t i = 0; i < sizeof(oci_actions) / sizeof(*oci_actions); i++)
		if (strcmp(name, oci_actions[i].name) == 0) {
			*action = oci_actions[i].action;
			return 0;
		}
	return -ENOENT;
}

const char *convert_oci_action_name(uint32_t action, int *errno_ret)
{
	*errno_ret = -1;
	if ((action & 0xffff0000u) == SCMP_ACT_ERRNO(0)) {
		*errno_ret = (int)(action & 0xffffu);
		return "SCMP_ACT_ERRNO";
	}
	for (size_t i = 0; i < sizeof(oci_actions) / sizeof(*oci_actions); i++)
		if (oci_actions[i].action == action)
			return oci_actions[i].name;
	return NULL;
}

/* --- profiles into policies ---------------------------------------------- */

/*
 * Settle a call's entries as libseccomp does: an unconditional entry wins
 * over everything else; otherwise the conditional ones, in order (a note
 * where two with different actions can both hold).
 */
static void settle(const char *file, struct convert_notes *notes,
		   struct call_line *line)
{
	for (size_t i = 0; i < line->n; i++) {
		if (*line->entries[i]->cond)
			continue;
		for (size_t j = 0; j < line->n; j++)
			if (j != i && (*line->entries[j]->cond ||
				       strcmp(line->entries[j]->action,
					      line->entries[i]->action) != 0))
				convert_note(
					notes,
					"%s: syscalls[%zu]: %s: libseccomp "
					"drops "
					"it, as syscalls[%zu] decides the call "
					"whatever its arguments",
					file, line->entries[j]->index,
					line->name, line->entries[i]->index);
		line->entries[0] = line->entries[i];
		line->n = 1;
		return;
	}
	for (size_t i = 0; i < line->n; i++)
		for (size_t j = i + 1; j < line->n; j++) {
			const struct entry *a = line->entries[i];
			const struct entry *b = line->entries[j];
			unsigned int widths = syscall_args32(line->name) |
					      syscall_args16(line->name) << 8;
			struct region ra = {0}, rb = {0};
			int overlap = 1;

			if (strcmp(a->action, b->action) == 0)
				continue;
			if (region_from_condition(&ra, &a->parsed, widths) ==
				    0 &&
			    region_from_condition(&rb, &b->parsed, widths) == 0)
				overlap = region_intersects(&ra, &rb);
			region_free(&ra);
			region_free(&rb);
			if (overlap)
				convert_note(
					notes,
					"%s: syscalls[%zu] and syscalls[%zu] "
					"can "
					"both hold for %s with different "
					"actions: "
					"libseccomp orders such rules its own "
					"way; "
					"here the first decides",
					file, a->index, b->index, line->name);
		}
}

int convert_oci_to_policy(const char *json, size_t len, const char *file,
			  const struct convert_target *target, char **out,
			  struct convert_notes *notes, struct shim_error *err)
{
	struct profile p;
	int rc;

	*out = NULL;
	rc = convert_read_profile(json, len, file, target, &p, notes, err);
	if (rc == 0) {
		for (size_t i = 0; i < p.n_calls; i++)
			settle(file, notes, &p.calls[i]);
		rc = convert_emit_policy(&p, file, target, notes, out);
		if (rc < 0)
			error_nomem(err, file, 0);
	}
	convert_profile_free(&p);
	return rc;
}

/* --- policies into profiles ---------------------------------------------- */

/* Add name to the entry for (action, cube), made if new. */
static int add_entry(struct oci_entries *entries, uint32_t action,
		     const struct cube *cube, const char *name)
{
	struct oci_entry *e = NULL;

	for (size_t i = 0; i < entries->n && !e; i++)
		if (entries->v[i].action == action &&
		    memcmp(&entries->v[i].cube, cube, sizeof(*cube)) == 0)
			e = &entries->v[i];
	if (!e) {
		if (entries->n == entries->cap) {
			size_t cap = entries->cap ? entries->cap * 2 : 64;
			struct oci_entry *grown =
				realloc(entries->v, cap * sizeof(*grown));

			if (!grown)
				return -ENOMEM;
			entries->v = grown;
			entries->cap = cap;
		}
		e = &entries->v[entries->n++];
		e->action = action;
		e->cube = *cube;
		e->names = json_object_new_array();
		if (!e->names) {
			entries->n--;
			return -ENOMEM;
		}
	}
	/* a call may reach one entry from two lines */
	for (size_t i = 0; i < json_object_array_length(e->names); i++)
		if (strcmp(json_object_get_string(
				   json_object_array_get_idx(e->names, i)),
			   name) == 0)
			return 0;
	return json_object_array_add(e->names, json_object_new_string(name)) ==
			       0
		       ? 0
		       : -ENOMEM;
}

/*
 * The entries of one call: each rule's share (its condition less every
 * earlier rule's), unless its action is the default's.
 */
static int call_entries(const struct call_rules *call, uint32_t default_action,
			struct oci_entries *entries, struct shim_error *err,
			const char *file)
{
	struct region covered = {0}, share = {0};
	int rc = 0;

	for (size_t i = 0; i < call->n_rules && rc == 0; i++) {
		const struct rule *r = &call->rules[i];

		rc = region_from_condition(&share, r->cond, call->widths);
		if (rc == 0)
			rc = region_subtract(&share, &covered);
		for (size_t j = 0;
		     rc == 0 && r->action != default_action && j < share.n; j++)
			rc = add_entry(entries, r->action, &share.cubes[j],
				       call->name);
		/* what this rule decides is covered from now on */
		for (size_t j = 0; rc == 0 && j < share.n; j++) {
			if (covered.n == REGION_MAX_CUBES)
				rc = -E2BIG;
			else
				rc = region_add(&covered, &share.cubes[j]);
		}
		if (rc == -E2BIG)
			error_set(err, r->file ? r->file : file, r->line,
				  "%s: the conditions are too many pieces to "
				  "write as OCI entries that cannot overlap "
				  "(more than %d)",
				  call->name, REGION_MAX_CUBES);
		else if (rc < 0)
			error_nomem(err, file, 0);
	}
	region_free(&covered);
	region_free(&share);
	return rc;
}

/*
 * Note each [policy] key the policy sets that a profile cannot carry. The
 * keys come from the parser's table, so a key added there is noted here
 * until convert learns to carry it. Carried: the default, architectures,
 * log (kernel: the LOG flag; stderr noted below), newer_syscalls (noted
 * below where runc differs), includes (resolved), the hardening switches
 * but capability_bounding_set (their rules are in the entries; the
 * capabilities a container keeps are its runtime's, outside the seccomp
 * profile: noted); version says nothing, and strict mode
 * (mode, heap, stdout_buffer) is refused before.
 */
static void uncarried_keys(const struct policy *policy,
			   struct convert_notes *notes)
{
	static const char *const carried[] = {
		"version",	 "mode",	   "default",
		"architectures", "newer_syscalls", "log",
		"include",	 "heap",	   "stdout_buffer",
	};
	const char *key;

	for (size_t i = 0; (key = policy_key(i, NULL)); i++) {
		int sw = harden_find(key);
		int known = sw >= 0 && sw != HARDEN_CAPABILITIES;

		for (size_t k = 0; k < sizeof(carried) / sizeof(*carried); k++)
			known |= strcmp(key, carried[k]) == 0;
		/* no line: it may stand in an included file */
		if (!known && policy_key_line(policy, i))
			convert_note(notes,
				     "%s: %s (here or in a file it includes) "
				     "has no OCI equivalent: left out",
				     policy->file, key);
	}
}

int convert_policy_to_oci(const struct policy *policy,
			  const struct ruleset *rules, char **out,
			  struct convert_notes *notes, struct shim_error *err)
{
	struct oci_entries entries = {0};
	uint32_t runc_newer;
	int rc = 0, foreign = 0;

	*out = NULL;
	if (policy->mode == POLICY_MODE_STRICT)
		return error_set(err, policy->file, policy->mode_line,
				 "strict mode has no OCI profile: a runtime "
				 "installs filters only");
	if (landlock_rules_wanted(policy))
		convert_note(
			notes,
			"%s:%u: [landlock]: an OCI seccomp profile cannot "
			"carry "
			"Landlock's path, port or scope rules: they are left "
			"out (in a container, mounts, masked paths and network "
			"namespaces do that work)",
			policy->landlock.first_file
				? policy->landlock.first_file
				: policy->file,
			policy->landlock.first_line);
	uncarried_keys(policy, notes);
	for (size_t i = 0; i < rules->n_arches; i++) {
		if (rules->arches[i] == seccomp_arch_native())
			continue;
		foreign = 1;
		if (!convert_oci_arch(rules->arches[i]))
			convert_note(notes,
				     "%s: architectures: an ABI this machine "
				     "does not have is left out",
				     policy->file);
	}
	if (policy->log == POLICY_LOG_STDERR)
		convert_note(
			notes,
			"%s:%u: log = stderr has no OCI equivalent (the shim's "
			"SIGSYS handler writes the lines): left out",
			policy->log_file ? policy->log_file : policy->file,
			policy->log_line);
	/* runc answers ENOSYS for calls newer than its libseccomp knows,
	 * unless the default allows */
	runc_newer = rules->default_action == SCMP_ACT_ALLOW
			     ? SCMP_ACT_ALLOW
			     : SCMP_ACT_ERRNO(ENOSYS);
	if (rules->newer_action != runc_newer)
		convert_note(
			notes,
			"%s: newer_syscalls: a profile cannot say it; under "
			"runc calls newer than its libseccomp get %s",
			policy->file,
			runc_newer == SCMP_ACT_ALLOW ? "the default"
						     : "ENOSYS");
	if (foreign)
		convert_note(
			notes,
			"%s: architectures: the entries apply to every ABI "
			"listed; their argument comparisons are exact for "
			"x86_64's argument widths",
			policy->file);
	for (size_t i = 0; i < rules->n_calls && rc == 0; i++)
		rc = call_entries(&rules->calls[i], rules->default_action,
				  &entries, err, policy->file);
	if (rc == 0) {
		if (convert_emit_oci(policy, rules, &entries, out) < 0)
			rc = error_nomem(err, policy->file, 0);
	} else {
		for (size_t i = 0; i < entries.n; i++)
			json_object_put(entries.v[i].names);
	}
	free(entries.v);
	return rc;
}
