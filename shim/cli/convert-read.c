/*
 * Reading a Docker/OCI seccomp profile (convert-read.h): JSON into the
 * entries that apply to the target container, each as a policy line's
 * action and condition, and each call's entries in file order. What runc
 * and libseccomp then make of them is convert.c's.
 *  - entries whose includes/excludes do not hold for the target are gone
 *    (moby: includes.caps all held, excludes.caps none held, arches by
 *    Go's name, minKernel against the kernel);
 *  - an entry whose action is the default action adds nothing (runc skips
 *    it: libseccomp refuses such rules);
 *  - comparisons of one entry are a conjunction, but when the entry
 *    compares one argument twice runc adds each comparison as a rule of its
 *    own: alternatives;
 *  - names libseccomp does not know are skipped (runc warns).
 */
#include "config.h"

#include <errno.h>
#include <json-c/json.h>
#include <linux/capability.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "convert-read.h"
#include "convert.h"
#include "harden.h"
#include "policy.h"
#include "rules.h"
#include "syscall-args.h"

/* --- capabilities -------------------------------------------------------- */

uint64_t convert_docker_caps(void)
{
	/* moby's default capability set (oci/caps/defaults.go) */
	static const char *const docker[] = {
		"CHOWN",   "DAC_OVERRIDE", "FSETID",	       "FOWNER",
		"MKNOD",   "NET_RAW",	   "SETGID",	       "SETUID",
		"SETFCAP", "SETPCAP",	   "NET_BIND_SERVICE", "SYS_CHROOT",
		"KILL",	   "AUDIT_WRITE",
	};
	uint64_t caps = 0;

	for (size_t i = 0; i < sizeof(docker) / sizeof(docker[0]); i++)
		caps |= 1ull << harden_capability_number(docker[i],
							 strlen(docker[i]));
	return caps;
}

int convert_caps_parse(const char *list, uint64_t *caps, char *why,
		       size_t why_size)
{
	*caps = 0;
	if (strcmp(list, "none") == 0 || *list == '\0')
		return 0;
	if (strcmp(list, "all") == 0) {
		*caps = (1ull << (CAP_LAST_CAP + 1)) - 1;
		return 0;
	}
	while (*list) {
		size_t len = strcspn(list, ", ");
		int n;

		if (len == strlen("docker-default") &&
		    strncmp(list, "docker-default", len) == 0)
			*caps |= convert_docker_caps();
		else if (len) {
			n = harden_capability_number(list, len);
			if (n < 0) {
				snprintf(why, why_size,
					 "unknown capability '%.*s'", (int)len,
					 list);
				return -EINVAL;
			}
			*caps |= 1ull << n;
		}
		list += len;
		list += strspn(list, ", ");
	}
	return 0;
}

/* --- reading the profile ----------------------------------------------- */

struct reader {
	const char *file;
	struct shim_error *err;
	struct convert_notes *notes;
};

__attribute__((format(printf, 2, 3))) static int fail(struct reader *rd,
						      const char *fmt, ...)
{
	va_list ap;
	char message[sizeof(rd->err->message)];

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	return error_set(rd->err, rd->file, 0, "%s", message);
}

static const char *type_name(json_object *o)
{
	return json_type_to_name(json_object_get_type(o));
}

/*
 * The member key of obj, in *value if it is of type, NULL if absent;
 * -EINVAL (said in which member) for another type.
 */
static int get_member(struct reader *rd, json_object *obj, const char *key,
		      const char *where, enum json_type type, const char *what,
		      json_object **value)
{
	json_object *o;

	*value = NULL;
	if (!json_object_object_get_ex(obj, key, &o) || !o)
		return 0;
	if (!json_object_is_type(o, type))
		return fail(rd, "%s.%s: %s expected, not %s", where, key, what,
			    type_name(o));
	*value = o;
	return 0;
}

/* A string member (or absent: NULL). */
static int get_string(struct reader *rd, json_object *obj, const char *key,
		      const char *where, const char **value)
{
	json_object *o;
	int rc = get_member(rd, obj, key, where, json_type_string, "a string",
			    &o);

	*value = o ? json_object_get_string(o) : NULL;
	return rc;
}

/* An unsigned integer member; *present says whether it was there. */
static int get_uint(struct reader *rd, json_object *obj, const char *key,
		    const char *where, uint64_t *value, int *present)
{
	json_object *o;

	*present = 0;
	*value = 0;
	if (get_member(rd, obj, key, where, json_type_int,
		       "an unsigned integer", &o) < 0)
		return -EINVAL;
	if (!o)
		return 0;
	if (json_object_get_int64(o) < 0)
		return fail(rd, "%s.%s: %lld is negative", where, key,
			    (long long)json_object_get_int64(o));
	*value = json_object_get_uint64(o);
	*present = 1;
	return 0;
}

/* An array member (or absent: NULL). */
static int get_array(struct reader *rd, json_object *obj, const char *key,
		     const char *where, json_object **value)
{
	return get_member(rd, obj, key, where, json_type_array, "an array",
			  value);
}

/* Warn about members the converter does not know (Docker ignores them;
 * a misspelt "excludes" would silently widen a profile). */
static void unknown_members(struct reader *rd, json_object *obj,
			    const char *where, const char *const *known)
{
	json_object_object_foreach(obj, key, val)
	{
		size_t i = 0;

		(void)val;
		while (known[i] && strcmp(known[i], key) != 0)
			i++;
		if (!known[i])
			convert_note(rd->notes,
				     "%s: %s.%s: unknown field, ignored",
				     rd->file, where, key);
	}
}

/* --- actions ---------------------------------------------------------------
 */

/*
 * The policy action for an SCMP_ACT_* name with errnoRet (present or not):
 * "allow", "errno:EPERM"... into buf.
 */
static int action_text(struct reader *rd, const char *name, uint64_t errno_ret,
		       int has_errno, const char *where, char *buf, size_t size)
{
	uint32_t action = 0;
	int known = 0;

	if (!name)
		return fail(rd, "%s: no action", where);
	if (has_errno && strcmp(name, "SCMP_ACT_ERRNO") != 0 &&
	    strcmp(name, "SCMP_ACT_TRACE") != 0)
		convert_note(rd->notes,
			     "%s: %s: errnoRet applies to SCMP_ACT_ERRNO only, "
			     "ignored",
			     rd->file, where);
	if (convert_oci_action(name, &action) == 0)
		known = 1;
	if (strcmp(name, "SCMP_ACT_ERRNO") == 0) {
		if (has_errno && errno_ret > ACTION_ERRNO_MAX)
			return fail(rd, "%s: errnoRet %llu is past %d", where,
				    (unsigned long long)errno_ret,
				    ACTION_ERRNO_MAX);
		/* runc: EPERM when the profile gives no number */
		action =
			SCMP_ACT_ERRNO(has_errno ? (uint32_t)errno_ret : EPERM);
		known = 1;
	} else if (strcmp(name, "SCMP_ACT_TRACE") == 0 ||
		   strcmp(name, "SCMP_ACT_NOTIFY") == 0) {
		/* Without a tracer (or a listener) the kernel fails the
		 * call with ENOSYS: that is what happens here. */
		convert_note(
			rd->notes,
			"%s: %s: %s is not supported (no tracer or listener "
			"here): the call fails with ENOSYS, as the kernel "
			"fails "
			"it when none is attached",
			rd->file, where, name);
		action = SCMP_ACT_ERRNO(ENOSYS);
		known = 1;
	}
	if (!known)
		return fail(rd, "%s: unknown action '%s'", where, name);
	action_format(action, buf, size);
	return 0;
}

/* --- entries ------------------------------------------------------------ */

static const struct {
	const char *json, *ini;
} ops[] = {
	{"SCMP_CMP_NE", "!="},	      {"SCMP_CMP_LT", "<"},
	{"SCMP_CMP_LE", "<="},	      {"SCMP_CMP_EQ", "=="},
	{"SCMP_CMP_GE", ">="},	      {"SCMP_CMP_GT", ">"},
	{"SCMP_CMP_MASKED_EQ", NULL},
};

/* Read args[] into cmp (at most max); *n of them. */
static int read_args(struct reader *rd, json_object *args, const char *where,
		     struct comparison *cmp, size_t max, size_t *n)
{
	static const char *const known[] = {"index", "value", "valueTwo", "op",
					    NULL};
	size_t len = json_object_array_length(args);

	*n = 0;
	if (len > max)
		return fail(rd, "%s.args: more than %zu comparisons", where,
			    max);
	for (size_t i = 0; i < len; i++) {
		json_object *arg = json_object_array_get_idx(args, i);
		char at[96];
		const char *op;
		uint64_t index;
		int has, has_two, k;

		snprintf(at, sizeof(at), "%s.args[%zu]", where, i);
		if (!json_object_is_type(arg, json_type_object))
			return fail(rd, "%s: an object expected, not %s", at,
				    type_name(arg));
		unknown_members(rd, arg, at, known);
		if (get_uint(rd, arg, "index", at, &index, &has) < 0 ||
		    get_uint(rd, arg, "value", at, &cmp[i].value, &k) < 0 ||
		    get_uint(rd, arg, "valueTwo", at, &cmp[i].value_two,
			     &has_two) < 0 ||
		    get_string(rd, arg, "op", at, &op) < 0)
			return -EINVAL;
		if (!has)
			return fail(rd, "%s: no index", at);
		if (index >= COND_MAX_ARGS)
			return fail(rd, "%s.index: %llu is past 5", at,
				    (unsigned long long)index);
		if (!op)
			return fail(rd, "%s: no op", at);
		for (k = 0; k < (int)(sizeof(ops) / sizeof(ops[0])); k++)
			if (strcmp(ops[k].json, op) == 0)
				break;
		if (k == (int)(sizeof(ops) / sizeof(ops[0])))
			return fail(rd, "%s.op: unknown op '%s'", at, op);
		cmp[i].index = (unsigned int)index;
		cmp[i].op = ops[k].ini;
		if (cmp[i].op && has_two && cmp[i].value_two)
			convert_note(rd->notes,
				     "%s: %s.valueTwo: used by "
				     "SCMP_CMP_MASKED_EQ only, ignored",
				     rd->file, at);
	}
	*n = len;
	return 0;
}

static void format_comparison(const struct comparison *c, char *buf,
			      size_t size)
{
	if (!c->op)
		/* (arg & value) == valueTwo */
		snprintf(buf, size,
			 c->value_two > 0xffff ? "a%u & 0x%llx == 0x%llx"
					       : "a%u & 0x%llx == %llu",
			 c->index, (unsigned long long)c->value,
			 (unsigned long long)c->value_two);
	else
		snprintf(buf, size,
			 c->value > 0xffff ? "a%u %s 0x%llx" : "a%u %s %llu",
			 c->index, c->op, (unsigned long long)c->value);
}

/*
 * The condition of an entry's comparisons, as runc applies them: a
 * conjunction, or, where one argument is compared twice, alternatives.
 */
static int entry_condition(struct reader *rd, const struct comparison *cmp,
			   size_t n, const char *where, char *buf, size_t size)
{
	int twice = 0;
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			if (cmp[i].index == cmp[j].index)
				twice = 1;
	if (twice)
		convert_note(
			rd->notes,
			"%s: %s: compares one argument twice: runc adds each "
			"comparison as a rule of its own, so they are "
			"alternatives "
			"(||), not a conjunction",
			rd->file, where);
	for (size_t i = 0; i < n; i++) {
		char one[128];

		format_comparison(&cmp[i], one, sizeof(one));
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 i ? (twice ? " || " : " && ") : "",
					 one);
		if (used >= size)
			return fail(rd, "%s: condition too long", where);
	}
	return 0;
}

/* --- includes and excludes ---------------------------------------------- */

/* "4.8" against the target kernel: whether the kernel is at least that. */
static int kernel_at_least(const struct convert_target *t, const char *v)
{
	unsigned int major = 0, minor = 0;

	if (sscanf(v, "%u.%u", &major, &minor) < 1)
		return -1;
	return t->major > major || (t->major == major && t->minor >= minor);
}

static int string_in(json_object *list, const char *s)
{
	for (size_t i = 0; list && i < json_object_array_length(list); i++) {
		json_object *o = json_object_array_get_idx(list, i);

		if (json_object_is_type(o, json_type_string) &&
		    strcmp(json_object_get_string(o), s) == 0)
			return 1;
	}
	return 0;
}

/*
 * Whether an entry's includes hold for the target: every capability
 * listed is held, the architecture is listed, the kernel is new enough.
 * 1, 0, or -EINVAL on a malformed one.
 */
static int includes_hold(struct reader *rd, json_object *entry,
			 const char *where, const struct convert_target *t)
{
	static const char *const known[] = {"caps", "arches", "minKernel",
					    NULL};
	json_object *filter, *caps, *arches;
	const char *min_kernel;
	char at[96];

	if (!json_object_object_get_ex(entry, "includes", &filter) || !filter)
		return 1;
	snprintf(at, sizeof(at), "%s.includes", where);
	if (!json_object_is_type(filter, json_type_object))
		return fail(rd, "%s: an object expected, not %s", at,
			    type_name(filter));
	unknown_members(rd, filter, at, known);
	if (get_array(rd, filter, "caps", at, &caps) < 0 ||
	    get_array(rd, filter, "arches", at, &arches) < 0 ||
	    get_string(rd, filter, "minKernel", at, &min_kernel) < 0)
		return -EINVAL;
	for (size_t i = 0; caps && i < json_object_array_length(caps); i++) {
		json_object *o = json_object_array_get_idx(caps, i);
		const char *name = json_object_get_string(o);
		int n;

		if (!json_object_is_type(o, json_type_string))
			return fail(rd, "%s.caps[%zu]: a string expected", at,
				    i);
		n = harden_capability_number(name, strlen(name));
		if (n < 0)
			convert_note(rd->notes,
				     "%s: %s.caps[%zu]: unknown capability "
				     "'%s', taken "
				     "as not held",
				     rd->file, at, i, name);
		if (n < 0 || !(t->caps & (1ull << n)))
			return 0;
	}
	if (arches && json_object_array_length(arches) &&
	    !string_in(arches, t->arch))
		return 0;
	if (min_kernel) {
		int at_least = kernel_at_least(t, min_kernel);

		if (at_least < 0)
			return fail(rd, "%s.minKernel: '%s' is not a version",
				    at, min_kernel);
		return at_least;
	}
	return 1;
}

/*
 * Whether an entry applies to the target, moby's way: every include
 * holds, and no exclude does.
 */
static int entry_applies(struct reader *rd, json_object *entry,
			 const char *where, const struct convert_target *t)
{
	json_object *excludes;
	int in = includes_hold(rd, entry, where, t);

	if (in == -EINVAL)
		return -EINVAL;
	if (in == 0)
		return 0;
	/* excludes: any one of caps held, arch listed or kernel new enough
	 * excludes the entry */
	if (json_object_object_get_ex(entry, "excludes", &excludes) &&
	    excludes) {
		static const char *const known[] = {"caps", "arches",
						    "minKernel", NULL};
		json_object *caps, *arches;
		const char *min_kernel;
		char at[96];

		snprintf(at, sizeof(at), "%s.excludes", where);
		if (!json_object_is_type(excludes, json_type_object))
			return fail(rd, "%s: an object expected, not %s", at,
				    type_name(excludes));
		unknown_members(rd, excludes, at, known);
		if (get_array(rd, excludes, "caps", at, &caps) < 0 ||
		    get_array(rd, excludes, "arches", at, &arches) < 0 ||
		    get_string(rd, excludes, "minKernel", at, &min_kernel) < 0)
			return -EINVAL;
		for (size_t i = 0; caps && i < json_object_array_length(caps);
		     i++) {
			const char *name = json_object_get_string(
				json_object_array_get_idx(caps, i));
			int n = name ? harden_capability_number(name,
								strlen(name))
				     : -1;

			if (n >= 0 && (t->caps & (1ull << n)))
				return 0;
		}
		if (arches && string_in(arches, t->arch))
			return 0;
		if (min_kernel) {
			int at_least = kernel_at_least(t, min_kernel);

			if (at_least < 0)
				return fail(rd,
					    "%s.minKernel: '%s' is not a "
					    "version",
					    at, min_kernel);
			if (at_least)
				return 0;
		}
	}
	return 1;
}

/* --- the profile as a whole --------------------------------------------- */

static const struct {
	const char *scmp, *ini;
} arch_names[] = {
	{"SCMP_ARCH_X86_64", "native"},
	{"SCMP_ARCH_X86", "x86"},
	{"SCMP_ARCH_X32", "x32"},
};

/* Append the ABIs of list (SCMP_ARCH_* strings) to buf, as policy names. */
static int add_arches(struct reader *rd, json_object *list, const char *where,
		      char *buf, size_t size)
{
	for (size_t i = 0; i < json_object_array_length(list); i++) {
		json_object *o = json_object_array_get_idx(list, i);
		const char *name = json_object_get_string(o);
		size_t k = 0;

		if (!json_object_is_type(o, json_type_string))
			return fail(rd, "%s[%zu]: a string expected", where, i);
		while (k < sizeof(arch_names) / sizeof(arch_names[0]) &&
		       strcmp(arch_names[k].scmp, name) != 0)
			k++;
		if (k == sizeof(arch_names) / sizeof(arch_names[0])) {
			if (strncmp(name, "SCMP_ARCH_", 10) != 0)
				return fail(rd,
					    "%s[%zu]: unknown architecture "
					    "'%s'",
					    where, i, name);
			/* another machine's ABI: the kernel never reports
			 * it here */
			continue;
		}
		if (!strstr(buf, arch_names[k].ini)) {
			size_t used = strlen(buf);

			snprintf(buf + used, size - used, "%s%s",
				 used ? " " : "", arch_names[k].ini);
		}
	}
	return 0;
}

/* The architectures: OCI's list, or Docker's archMap for this machine. */
static int read_arches(struct reader *rd, json_object *root, char *buf,
		       size_t size)
{
	json_object *list, *map;

	buf[0] = '\0';
	if (get_array(rd, root, "architectures", "profile", &list) < 0 ||
	    get_array(rd, root, "archMap", "profile", &map) < 0)
		return -EINVAL;
	if (list && map)
		return fail(rd, "profile: both architectures and archMap: use "
				"one (Docker refuses both too)");
	if (list && add_arches(rd, list, "architectures", buf, size) < 0)
		return -EINVAL;
	for (size_t i = 0; map && i < json_object_array_length(map); i++) {
		static const char *const known[] = {"architecture",
						    "subArchitectures", NULL};
		json_object *m = json_object_array_get_idx(map, i), *subs;
		const char *arch;
		char at[64];

		snprintf(at, sizeof(at), "archMap[%zu]", i);
		if (!json_object_is_type(m, json_type_object))
			return fail(rd, "%s: an object expected", at);
		unknown_members(rd, m, at, known);
		if (get_string(rd, m, "architecture", at, &arch) < 0 ||
		    get_array(rd, m, "subArchitectures", at, &subs) < 0)
			return -EINVAL;
		if (!arch || strcmp(arch, "SCMP_ARCH_X86_64") != 0)
			continue;
		snprintf(buf, size, "native");
		if (subs && add_arches(rd, subs, at, buf, size) < 0)
			return -EINVAL;
	}
	if (!*buf)
		snprintf(buf, size, "native");
	return 0;
}

/* What flags[] means here: log = kernel for the LOG flag. */
static int read_flags(struct reader *rd, json_object *root, int *log_kernel)
{
	json_object *flags;

	*log_kernel = 0;
	if (get_array(rd, root, "flags", "profile", &flags) < 0)
		return -EINVAL;
	for (size_t i = 0; flags && i < json_object_array_length(flags); i++) {
		const char *flag = json_object_get_string(
			json_object_array_get_idx(flags, i));

		if (!flag)
			return fail(rd, "flags[%zu]: a string expected", i);
		if (strcmp(flag, "SECCOMP_FILTER_FLAG_LOG") == 0)
			*log_kernel = 1;
		else if (strcmp(flag, "SECCOMP_FILTER_FLAG_TSYNC") == 0)
			; /* the shim installs for every thread anyway */
		else if (strcmp(flag, "SECCOMP_FILTER_FLAG_SPEC_ALLOW") == 0)
			convert_note(
				rd->notes,
				"%s: flags[%zu]: "
				"SECCOMP_FILTER_FLAG_SPEC_ALLOW "
				"is "
				"not supported: the speculative store bypass "
				"mitigation stays on",
				rd->file, i);
		else if (strcmp(flag,
				"SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV") == 0)
			convert_note(
				rd->notes,
				"%s: flags[%zu]: %s concerns listeners, which "
				"are not supported: ignored",
				rd->file, i, flag);
		else
			return fail(rd, "flags[%zu]: unknown flag '%s'", i,
				    flag);
	}
	return 0;
}

/* --- the entries of each call -------------------------------------------- */

static struct call_line *call_line(struct profile *p, const char *name)
{
	for (size_t i = 0; i < p->n_calls; i++)
		if (strcmp(p->calls[i].name, name) == 0)
			return &p->calls[i];
	if (p->n_calls == p->cap_calls) {
		size_t cap = p->cap_calls ? p->cap_calls * 2 : 64;
		struct call_line *grown =
			realloc(p->calls, cap * sizeof(*grown));

		if (!grown)
			return NULL;
		p->calls = grown;
		p->cap_calls = cap;
	}
	memset(&p->calls[p->n_calls], 0, sizeof(p->calls[0]));
	p->calls[p->n_calls].name = name;
	return &p->calls[p->n_calls++];
}

/* Read syscalls[i] into p->entries[i] and add it to its calls' lines. */
static int read_entry(struct reader *rd, json_object *obj, size_t i,
		      const char *default_action,
		      const struct convert_target *t, struct profile *p)
{
	static const char *const known[] = {"names",	"name",	   "action",
					    "errnoRet", "args",	   "includes",
					    "excludes", "comment", NULL};
	struct entry *e = &p->entries[p->n_entries];
	struct comparison cmp[COND_MAX_ATOMS];
	json_object *names, *args, *name_obj;
	const char *action, *name;
	char where[48], why[256];
	uint64_t errno_ret;
	size_t n_cmp = 0, n_names;
	int has_errno, applies;

	snprintf(where, sizeof(where), "syscalls[%zu]", i);
	if (!json_object_is_type(obj, json_type_object))
		return fail(rd, "%s: an object expected, not %s", where,
			    type_name(obj));
	unknown_members(rd, obj, where, known);
	memset(e, 0, sizeof(*e));
	e->index = i;
	if (get_array(rd, obj, "names", where, &names) < 0 ||
	    get_string(rd, obj, "name", where, &name) < 0 ||
	    get_string(rd, obj, "action", where, &action) < 0 ||
	    get_uint(rd, obj, "errnoRet", where, &errno_ret, &has_errno) < 0 ||
	    get_array(rd, obj, "args", where, &args) < 0 ||
	    get_string(rd, obj, "comment", where, &e->comment) < 0)
		return -EINVAL;
	if (names && name)
		return fail(rd, "%s: both name and names: use one", where);
	if (!names && !name)
		return fail(rd, "%s: no names", where);
	if (action_text(rd, action, errno_ret, has_errno, where, e->action,
			sizeof(e->action)) < 0)
		return -EINVAL;
	if (args && read_args(rd, args, where, cmp, COND_MAX_ATOMS, &n_cmp) < 0)
		return -EINVAL;
	if (entry_condition(rd, cmp, n_cmp, where, e->cond, sizeof(e->cond)) <
	    0)
		return -EINVAL;
	applies = entry_applies(rd, obj, where, t);
	if (applies < 0)
		return -EINVAL;
	if (!applies)
		return 0;
	if (strcmp(e->action, default_action) == 0)
		return 0; /* runc skips it: libseccomp refuses such a rule */
	if (*e->cond) {
		int rc = condition_parse(e->cond, &e->parsed, why, sizeof(why));

		if (rc == -ENOMEM)
			return error_nomem(rd->err, rd->file, 0);
		if (rc < 0)
			return fail(rd, "%s: %s", where, why);
	}
	p->n_entries++;
	n_names = names ? json_object_array_length(names) : 1;
	for (size_t k = 0; k < n_names; k++) {
		const char *call = name;
		struct call_line *line;

		if (names) {
			name_obj = json_object_array_get_idx(names, k);
			if (!json_object_is_type(name_obj, json_type_string))
				return fail(rd,
					    "%s.names[%zu]: a string "
					    "expected",
					    where, k);
			call = json_object_get_string(name_obj);
		}
		if (seccomp_syscall_resolve_name(call) == __NR_SCMP_ERROR) {
			size_t used = strlen(p->unknown);

			if (!strstr(p->unknown, call))
				snprintf(p->unknown + used,
					 sizeof(p->unknown) - used, "%s%s",
					 used ? ", " : "", call);
			continue;
		}
		if (*e->cond) {
			unsigned int widths = syscall_args32(call) |
					      syscall_args16(call) << 8;

			if (condition_check(&e->parsed, widths, why,
					    sizeof(why)) < 0) {
				convert_note(rd->notes,
					     "%s: %s: %s: %s; the entry cannot "
					     "hold as "
					     "the kernel reads the argument, "
					     "left out",
					     rd->file, where, call, why);
				continue;
			}
		}
		line = call_line(p, call);
		if (!line)
			return error_nomem(rd->err, rd->file, 0);
		if (line->n == line->cap) {
			size_t cap = line->cap ? line->cap * 2 : 4;
			struct entry **grown =
				realloc(line->entries, cap * sizeof(*grown));

			if (!grown)
				return error_nomem(rd->err, rd->file, 0);
			line->entries = grown;
			line->cap = cap;
		}
		if (line->n == 0)
			line->first_entry = p->n_entries - 1;
		line->entries[line->n++] = e;
	}
	return 0;
}

int convert_read_profile(const char *json, size_t len, const char *file,
			 const struct convert_target *target, struct profile *p,
			 struct convert_notes *notes, struct shim_error *err)
{
	static const char *const known[] = {"defaultAction",
					    "defaultErrnoRet",
					    "architectures",
					    "archMap",
					    "flags",
					    "syscalls",
					    "listenerPath",
					    "listenerMetadata",
					    NULL};
	struct reader rd = {file, err, notes};
	json_tokener *tok = json_tokener_new();
	json_object *root = NULL, *syscalls;
	const char *default_name, *listener;
	uint64_t default_errno;
	size_t n;
	int has_errno;

	memset(p, 0, sizeof(*p));
	if (!tok)
		return error_nomem(err, file, 0);
	root = json_tokener_parse_ex(tok, json, (int)len);
	if (!root || json_tokener_get_parse_end(tok) < len) {
		enum json_tokener_error jerr = json_tokener_get_error(tok);
		size_t at = json_tokener_get_parse_end(tok), line = 1, col = 1;

		for (size_t i = 0; i < at && i < len; i++, col++)
			if (json[i] == '\n') {
				line++;
				col = 0;
			}
		if (!root && jerr == json_tokener_success) {
			/* no value and no error: json-c (0.16) failed to
			 * allocate, which it has no error code for */
			json_tokener_free(tok);
			return error_nomem(err, file, 0);
		}
		if (root && jerr == json_tokener_success) {
			/* text after the profile */
			at += strspn(json + at, " \t\r\n");
			if (at == len)
				goto parsed;
		}
		error_set(err, file, (unsigned int)line, "column %zu: %s", col,
			  !root && jerr == json_tokener_continue
				  ? "unexpected end of the text"
			  : root ? "text after the profile"
				 : json_tokener_error_desc(jerr));
		json_object_put(root);
		json_tokener_free(tok);
		return -EINVAL;
	}
parsed:
	json_tokener_free(tok);
	p->root = root;
	if (!json_object_is_type(root, json_type_object)) {
		fail(&rd, "profile: an object expected, not %s",
		     type_name(root));
		return -EINVAL;
	}
	unknown_members(&rd, root, "profile", known);
	if (get_string(&rd, root, "defaultAction", "profile", &default_name) <
		    0 ||
	    get_uint(&rd, root, "defaultErrnoRet", "profile", &default_errno,
		     &has_errno) < 0 ||
	    get_string(&rd, root, "listenerPath", "profile", &listener) < 0 ||
	    get_array(&rd, root, "syscalls", "profile", &syscalls) < 0)
		return -EINVAL;
	if (!default_name)
		return fail(&rd, "profile: no defaultAction");
	if (action_text(&rd, default_name, default_errno, has_errno,
			"defaultAction", p->default_action,
			sizeof(p->default_action)) < 0 ||
	    read_arches(&rd, root, p->arches, sizeof(p->arches)) < 0 ||
	    read_flags(&rd, root, &p->log_kernel) < 0)
		return -EINVAL;
	if (listener)
		convert_note(
			notes,
			"%s: listenerPath: user notification listeners are not "
			"supported; SCMP_ACT_NOTIFY entries fail with ENOSYS",
			file);
	n = syscalls ? json_object_array_length(syscalls) : 0;
	p->entries = calloc(n ? n : 1, sizeof(*p->entries));
	if (!p->entries)
		return error_nomem(err, file, 0);
	for (size_t i = 0; i < n; i++) {
		int rc = read_entry(&rd, json_object_array_get_idx(syscalls, i),
				    i, p->default_action, target, p);

		if (rc < 0)
			return rc;
	}
	if (*p->unknown)
		convert_note(
			notes,
			"%s: unknown to libseccomp %u.%u.%u here, left out as "
			"runc "
			"leaves them out: %s",
			file, seccomp_version()->major,
			seccomp_version()->minor, seccomp_version()->micro,
			p->unknown);
	return 0;
}

void convert_profile_free(struct profile *p)
{
	for (size_t i = 0; i < p->n_entries; i++)
		condition_free(&p->entries[i].parsed);
	free(p->entries);
	for (size_t i = 0; i < p->n_calls; i++)
		free(p->calls[i].entries);
	free(p->calls);
	json_object_put(p->root);
	memset(p, 0, sizeof(*p));
}
