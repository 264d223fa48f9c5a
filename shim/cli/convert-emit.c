/*
 * Writing what the converter decided (convert-emit.h): the policy text of a
 * profile whose lines convert.c settled, and the OCI profile of a policy's
 * entries that convert.c cut so that none overlaps another's.
 */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "convert-emit.h"
#include "harden.h"
#include "policy.h"
#include "rules.h"

/* --- profiles into policies ---------------------------------------------- */

/* Write the lines of call (all of them, where its first entry stands). */
static void write_call(FILE *out, const struct call_line *line)
{
	size_t i = 0;

	while (i < line->n) {
		const struct entry *e = line->entries[i];
		size_t j = i + 1, len = strlen(e->cond);

		/* the same action in a row: one line of alternatives */
		while (j < line->n &&
		       strcmp(line->entries[j]->action, e->action) == 0 &&
		       len + strlen(line->entries[j]->cond) + 4 < 140) {
			len += strlen(line->entries[j]->cond) + 4;
			j++;
		}
		fprintf(out, "%-18s = %s", line->name, e->action);
		for (size_t k = i; k < j && *e->cond; k++)
			fprintf(out, "%s%s", k == i ? " if " : " || ",
				line->entries[k]->cond);
		fputc('\n', out);
		i = j;
	}
}

int convert_emit_policy(const struct profile *p, const char *file,
			const struct convert_target *target,
			const struct convert_notes *notes, char **out)
{
	static const char *const io_uring_calls[] = {
		"io_uring_setup", "io_uring_enter", "io_uring_register"};
	int clone3_named = 0, failed;
	unsigned int uring_named = 0;
	char *text = NULL;
	size_t text_len = 0;
	FILE *f;

	for (size_t i = 0; i < p->n_calls; i++) {
		if (strcmp(p->calls[i].name, "clone3") == 0)
			clone3_named = 1;
		for (size_t k = 0; k < 3; k++)
			if (strcmp(p->calls[i].name, io_uring_calls[k]) == 0)
				uring_named |= 1u << k;
	}
	f = open_memstream(&text, &text_len);
	if (!f)
		return -ENOMEM;
	fprintf(f, "# Converted by seccomp-shim convert from %s\n", file);
	fprintf(f,
		"# (a Docker/OCI seccomp profile), for architecture %s, "
		"kernel %u.%u,\n",
		target->arch, target->major, target->minor);
	fprintf(f, "# capabilities:");
	if (!target->caps)
		fprintf(f, " none");
	for (size_t i = 0; harden_capability_name(i); i++)
		if (target->caps & (1ull << i))
			fprintf(f, " %s", harden_capability_name(i) + 4);
	fprintf(f, ".\n# Entries whose includes/excludes do not hold for "
		   "these are left out.\n");
	for (size_t i = 0; i < notes->n; i++)
		fprintf(f, "# warning: %s\n", notes->text[i]);
	fprintf(f, "\n[policy]\nversion = 1\ndefault = %s\n",
		p->default_action);
	fprintf(f, "architectures = %s\n", p->arches);
	/* runc answers ENOSYS for calls newer than its libseccomp knows,
	 * unless the default allows */
	fprintf(f, "newer_syscalls = %s\n",
		strcmp(p->default_action, "allow") == 0 ? "default"
							: "errno:ENOSYS");
	if (p->log_kernel)
		fprintf(f, "log = kernel\n");
	fprintf(f, "\n[syscalls]\n");
	for (size_t i = 0; i < p->n_entries; i++) {
		const struct entry *e = &p->entries[i];
		int first = 1;

		for (size_t c = 0; c < p->n_calls; c++) {
			if (p->calls[c].first_entry != i)
				continue;
			if (first) {
				fprintf(f, "# syscalls[%zu]%s%s\n", e->index,
					e->comment && *e->comment ? ": " : "",
					e->comment ? e->comment : "");
				first = 0;
			}
			write_call(f, &p->calls[c]);
		}
	}
	if (!clone3_named && strcmp(p->default_action, "allow") != 0)
		fprintf(f,
			"# not named: the default, as under runc (a policy's "
			"own rule for an unnamed clone3 is ENOSYS)\n"
			"clone3 = %s\n",
			p->default_action);
	if (uring_named != 7)
		fprintf(f, "# not named: the default, as under runc (the "
			   "shim keeps io_uring off, ENOSYS,\n# unless a "
			   "policy names its calls)\n");
	for (size_t k = 0; k < 3; k++)
		if (!(uring_named & (1u << k)))
			fprintf(f, "%s = %s\n", io_uring_calls[k],
				p->default_action);
	/* a write the stream could not grow for marks it; fclose can leave
	 * no text at all */
	failed = ferror(f);
	if (fclose(f) != 0 || failed || !text) {
		free(text);
		return -ENOMEM;
	}
	*out = text;
	return 0;
}

/* --- policies into profiles ---------------------------------------------- */

/* The profile's names of the ABIs besides the native one. */
static const struct {
	uint32_t arch;
	const char *name;
} oci_arches[] = {
	{SCMP_ARCH_X86, "SCMP_ARCH_X86"},
	{SCMP_ARCH_X32, "SCMP_ARCH_X32"},
};

const char *convert_oci_arch(uint32_t arch)
{
	for (size_t k = 0; k < sizeof(oci_arches) / sizeof(*oci_arches); k++)
		if (oci_arches[k].arch == arch)
			return oci_arches[k].name;
	return NULL;
}

/* Building JSON where any allocation can fail: the first failure is kept,
 * and what could not be added is let go. */
struct builder {
	int failed;
};

/* obj[key] = value; a NULL obj or value is a failure. */
static void put_member(struct builder *b, json_object *obj, const char *key,
		       json_object *value)
{
	if (!obj || !value || json_object_object_add(obj, key, value) != 0) {
		b->failed = 1;
		if (!obj)
			json_object_put(value);
	}
}

/* array += value; a NULL array or value is a failure. */
static void put_element(struct builder *b, json_object *array,
			json_object *value)
{
	if (!array || !value || json_object_array_add(array, value) != 0) {
		b->failed = 1;
		if (!array)
			json_object_put(value);
	}
}

/* The arguments of a cube: == where it fixes every bit of a 64-bit
 * argument, (a & mask) == value otherwise (exact for 32-bit arguments
 * too, whatever their upper half holds). */
static json_object *oci_args(struct builder *b, const struct cube *cube)
{
	json_object *args = json_object_new_array();

	for (unsigned int k = 0; k < COND_MAX_ARGS; k++) {
		int whole = cube->mask[k] == ~0ull;
		json_object *arg;

		if (!cube->mask[k])
			continue;
		arg = json_object_new_object();
		put_member(b, arg, "index", json_object_new_int((int)k));
		put_member(b, arg, "value",
			   json_object_new_uint64(whole ? cube->value[k]
							: cube->mask[k]));
		if (!whole)
			put_member(b, arg, "valueTwo",
				   json_object_new_uint64(cube->value[k]));
		put_member(
			b, arg, "op",
			json_object_new_string(whole ? "SCMP_CMP_EQ"
						     : "SCMP_CMP_MASKED_EQ"));
		put_element(b, args, arg);
	}
	if (!args)
		b->failed = 1;
	return args;
}

int convert_emit_oci(const struct policy *policy, const struct ruleset *rules,
		     const struct oci_entries *entries, char **out)
{
	json_object *root = json_object_new_object(), *list, *syscalls;
	struct builder b = {!root};
	const char *name, *text;
	int errno_ret;

	*out = NULL;
	name = convert_oci_action_name(rules->default_action, &errno_ret);
	put_member(&b, root, "defaultAction", json_object_new_string(name));
	if (errno_ret >= 0)
		put_member(&b, root, "defaultErrnoRet",
			   json_object_new_int(errno_ret));
	list = json_object_new_array();
	put_element(&b, list, json_object_new_string("SCMP_ARCH_X86_64"));
	for (size_t i = 0; i < rules->n_arches; i++) {
		name = convert_oci_arch(rules->arches[i]);
		if (rules->arches[i] != seccomp_arch_native() && name)
			put_element(&b, list, json_object_new_string(name));
	}
	put_member(&b, root, "architectures", list);
	if (policy->log == POLICY_LOG_KERNEL) {
		list = json_object_new_array();
		put_element(&b, list,
			    json_object_new_string("SECCOMP_FILTER_FLAG_LOG"));
		put_member(&b, root, "flags", list);
	}
	syscalls = json_object_new_array();
	for (size_t i = 0; i < entries->n; i++) {
		json_object *e = json_object_new_object();
		json_object *args = oci_args(&b, &entries->v[i].cube);

		put_member(&b, e, "names", entries->v[i].names);
		name = convert_oci_action_name(entries->v[i].action,
					       &errno_ret);
		put_member(&b, e, "action", json_object_new_string(name));
		if (errno_ret >= 0)
			put_member(&b, e, "errnoRet",
				   json_object_new_int(errno_ret));
		if (args && json_object_array_length(args))
			put_member(&b, e, "args", args);
		else
			json_object_put(args);
		put_element(&b, syscalls, e);
	}
	put_member(&b, root, "syscalls", syscalls);
	text = b.failed ? NULL
			: json_object_to_json_string_ext(
				  root, JSON_C_TO_STRING_PRETTY |
						JSON_C_TO_STRING_SPACED |
						JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text || asprintf(out, "%s\n", text) < 0)
		*out = NULL;
	json_object_put(root);
	return *out ? 0 : -ENOMEM;
}
