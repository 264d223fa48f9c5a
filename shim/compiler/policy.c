/*
 * INI policy text -> struct policy.
 *
 * inih splits lines into sections and NAME = VALUE pairs, but its handler is
 * not told line numbers and it has quirks we do not want in a security
 * policy (indented lines continue the previous value, ':' also separates
 * names from values, a line without '=' is only counted). So inih reads the
 * text through our own reader, which hands it one normalised line at a time:
 * comments cut, blanks trimmed, the shape of the line checked. The reader
 * knows the current line number, which is the line the handler is called for.
 */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <ini.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "groups.h"
#include "landlock-rules.h"
#include "landlock.h"
#include "policy.h"
#include "suggest.h"

struct parser {
	const char *text;
	size_t len;
	size_t pos;
	unsigned int line;
	struct policy *policy;
	struct shim_error *err;
	int failed;
	int nomem; /* the first failure was memory */
	size_t entries_cap;
};

static int parse_fail(struct parser *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Out of memory, recorded as parse_fail records an error. */
static int parse_nomem(struct parser *ps)
{
	if (!ps->failed)
		ps->nomem = 1;
	return parse_fail(ps, "out of memory");
}

/* Record the first error at the current line; later ones are echoes. */
static int parse_fail(struct parser *ps, const char *fmt, ...)
{
	char message[sizeof(ps->err->message)];
	va_list ap;

	if (ps->failed)
		return 0;
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	error_set(ps->err, ps->policy->file, ps->line, "%s", message);
	ps->failed = 1;
	return 0;
}

static const char *const known_sections[] = {"policy", "syscalls", "landlock"};

int policy_group_name_valid(const char *name)
{
	if (name[0] != '@' || !name[1])
		return 0;
	for (const char *c = name + 1; *c; c++)
		if (!islower((unsigned char)*c) &&
		    !isdigit((unsigned char)*c) && *c != '-' && *c != '_')
			return 0;
	return 1;
}

static int section_known(const char *name)
{
	for (size_t i = 0; i < sizeof(known_sections) / sizeof(*known_sections);
	     i++)
		if (strcmp(name, known_sections[i]) == 0)
			return 1;
	if (strncmp(name, "paths:", 6) == 0)
		return policy_group_name_valid(name + 6) &&
		       strcmp(name + 6, "@cwd");
	return strncmp(name, "group:", 6) == 0 &&
	       policy_group_name_valid(name + 6);
}

/* A [group:@NAME] or [paths:@NAME] header (what: "group" or "path
 * group"): the group starts here, empty, in *groups. */
static int open_group(struct parser *ps, const char *name, const char *what,
		      struct policy_group **groups, size_t *n_groups)
{
	struct policy_group *grown;

	for (size_t i = 0; i < *n_groups; i++)
		if (strcmp((*groups)[i].name, name) == 0)
			return parse_fail(ps,
					  "%s %s is defined twice (first at "
					  "line %u)",
					  what, name, (*groups)[i].line);
	grown = realloc(*groups, (*n_groups + 1) * sizeof(*grown));
	if (!grown)
		return parse_nomem(ps);
	*groups = grown;
	grown = &grown[*n_groups];
	memset(grown, 0, sizeof(*grown));
	grown->name = strdup(name);
	if (!grown->name)
		return parse_nomem(ps);
	grown->line = ps->line;
	grown->file = ps->policy->file;
	(*n_groups)++;
	return 1;
}

/* Trim blanks at both ends of [*start, *end). */
static void trim(const char **start, const char **end)
{
	while (*start < *end && isspace((unsigned char)**start))
		(*start)++;
	while (*end > *start && isspace((unsigned char)(*end)[-1]))
		(*end)--;
}

/* A section header "[NAME]" (n bytes at start): checked, and the section
 * it opens made; "[NAME]\n" into buf (num bytes). NULL on an error. */
static char *read_section(struct parser *ps, const char *start, size_t n,
			  char *buf, int num)
{
	const char *name = start + 1, *name_end = start + n - 1;
	char section[64];

	if (n < 2 || *name_end != ']') {
		parse_fail(ps, "section header '%.*s' lacks its ']'", (int)n,
			   start);
		return NULL;
	}
	trim(&name, &name_end);
	snprintf(section, sizeof(section), "%.*s", (int)(name_end - name),
		 name);
	if ((size_t)(name_end - name) >= sizeof(section) ||
	    !section_known(section)) {
		parse_fail(ps,
			   "unknown section [%s] (expected [policy], "
			   "[syscalls], [group:@NAME], [landlock] or "
			   "[paths:@NAME])",
			   section);
		return NULL;
	}
	if (strncmp(section, "group:", 6) == 0 &&
	    (group_find(section + 6)
		     ? !parse_fail(ps,
				   "%s is a built-in group: choose another "
				   "name",
				   section + 6)
		     : !open_group(ps, section + 6, "group",
				   &ps->policy->groups, &ps->policy->n_groups)))
		return NULL;
	if (strncmp(section, "paths:", 6) == 0 &&
	    !open_group(ps, section + 6, "path group",
			&ps->policy->landlock.groups,
			&ps->policy->landlock.n_groups))
		return NULL;
	snprintf(buf, (size_t)num, "[%s]\n", section);
	return buf;
}

/* Whether a line (n > 0 bytes at start) is NAME = VALUE; if not, said. */
static int is_pair(struct parser *ps, const char *start, size_t n)
{
	size_t sep = 0;

	/* The text need not end in NUL: stay inside the line. */
	while (sep < n && start[sep] != '=' && start[sep] != ':')
		sep++;
	if (sep >= n || start[sep] != '=')
		return parse_fail(ps, "expected 'NAME = VALUE', got '%.*s'",
				  (int)n, start);
	if (sep == 0)
		return parse_fail(ps, "missing name before '='");
	return 1;
}

/*
 * The ini_reader: copy the next source line, normalised, into buf (size
 * num). Returns buf, or NULL at the end of the text or after an error.
 */
static char *read_line(char *buf, int num, void *stream)
{
	struct parser *ps = stream;
	const char *start, *end, *newline, *comment;
	size_t n;

	if (ps->failed || ps->pos >= ps->len)
		return NULL;
	start = ps->text + ps->pos;
	newline = memchr(start, '\n', ps->len - ps->pos);
	end = newline ? newline : ps->text + ps->len;
	ps->pos = (size_t)(end - ps->text) + (newline ? 1 : 0);
	ps->line++;

	if (memchr(start, '\0', (size_t)(end - start))) {
		parse_fail(ps, "NUL byte in policy text");
		return NULL;
	}
	if (ps->line == 1 && end - start >= 3 &&
	    memcmp(start, "\xef\xbb\xbf", 3) == 0)
		start += 3;
	/* '#' and ';' begin a comment anywhere: no value may contain them. */
	for (comment = start; comment < end; comment++)
		if (*comment == '#' || *comment == ';')
			break;
	end = comment;
	trim(&start, &end);
	n = (size_t)(end - start);

	if (n + 2 > (size_t)num) {
		parse_fail(ps,
			   "line is too long (at most %d characters without "
			   "comments)",
			   num - 2);
		return NULL;
	}
	if (n > 0 && *start == '[')
		return read_section(ps, start, n, buf, num);
	if (n > 0 && !is_pair(ps, start, n))
		return NULL;
	memcpy(buf, start, n);
	buf[n] = '\n';
	buf[n + 1] = '\0';
	return buf;
}

static int set_once(struct parser *ps, unsigned int *seen, const char *key)
{
	if (*seen)
		return parse_fail(ps, "'%s' is set twice (first at line %u)",
				  key, *seen);
	*seen = ps->line;
	return 1;
}

static int parse_action(struct parser *ps, const char *name, const char *value,
			uint32_t *action)
{
	char why[sizeof(ps->err->message)];

	if (!*value)
		return parse_fail(ps, "'%s =' needs an action", name);
	if (action_parse(value, action, why, sizeof(why)) < 0)
		return parse_fail(ps, "%s", why);
	return 1;
}

/* "architectures = x86 x32": ABIs besides the native one. */
static int parse_arches(struct parser *ps, const char *value)
{
	struct policy *p = ps->policy;
	char copy[256], *token, *save = NULL;

	snprintf(copy, sizeof(copy), "%s", value);
	for (token = strtok_r(copy, " \t,", &save); token;
	     token = strtok_r(NULL, " \t,", &save)) {
		uint32_t arch;

		if (strcmp(token, "native") == 0)
			arch = seccomp_arch_native();
		else
			arch = seccomp_arch_resolve_name(token);
		if (arch == 0)
			return parse_fail(ps,
					  "unknown architecture '%s' (try "
					  "native, x86_64, x86 or x32)",
					  token);
		if (p->n_arches == POLICY_MAX_ARCHES)
			return parse_fail(ps, "too many architectures");
		p->arches[p->n_arches++] = arch;
	}
	if (p->n_arches == 0)
		return parse_fail(ps, "'architectures =' needs a list");
	return 1;
}

/* "include = PATH", repeatable: read by the loader, merged in order. */
static int add_include(struct parser *ps, const char *value)
{
	struct policy *p = ps->policy;
	char **paths;
	unsigned int *lines;

	if (!*value)
		return parse_fail(ps, "'include =' needs a path");
	paths = realloc(p->includes, (p->n_includes + 1) * sizeof(*paths));
	if (paths)
		p->includes = paths;
	lines = realloc(p->include_lines, (p->n_includes + 1) * sizeof(*lines));
	if (lines)
		p->include_lines = lines;
	if (!paths || !lines)
		return parse_nomem(ps);
	p->includes[p->n_includes] = strdup(value);
	if (!p->includes[p->n_includes])
		return parse_nomem(ps);
	p->include_lines[p->n_includes++] = ps->line;
	return 1;
}

/*
 * A size: decimal digits and an optional K, M or G (powers of 1024), at
 * most max bytes.
 */
static int parse_size(struct parser *ps, const char *key, const char *value,
		      size_t max, size_t *size)
{
	const char *c = value;
	size_t n = 0, unit = 1;

	if (!isdigit((unsigned char)*c))
		return parse_fail(ps,
				  "%s = '%s': expected a size such as 64M "
				  "(bytes, or K, M or G)",
				  key, value);
	for (; isdigit((unsigned char)*c); c++) {
		if (n > max / 10)
			goto too_large;
		n = n * 10 + (size_t)(*c - '0');
	}
	switch (*c) {
	case 'K':
		unit = (size_t)1 << 10;
		c++;
		break;
	case 'M':
		unit = (size_t)1 << 20;
		c++;
		break;
	case 'G':
		unit = (size_t)1 << 30;
		c++;
		break;
	}
	if (*c)
		return parse_fail(ps,
				  "%s = '%s': expected a size such as 64M "
				  "(bytes, or K, M or G)",
				  key, value);
	if (n > max / unit)
		goto too_large;
	*size = n * unit;
	return 1;
too_large:
	return parse_fail(ps, "%s = '%s' is larger than %zuG", key, value,
			  max >> 30);
}

/* A hardening switch (harden.h): "restrict_namespaces = yes", ... */
static int parse_switch(struct parser *ps, enum harden_switch sw,
			const char *value)
{
	struct harden_setting *setting = &ps->policy->harden[sw];
	char why[sizeof(ps->err->message)];

	if (!set_once(ps, &setting->line, harden_key(sw)))
		return 0;
	setting->file = ps->policy->file;
	if (harden_parse(sw, value, setting, why, sizeof(why)) < 0)
		return parse_fail(ps, "%s", why);
	return 1;
}

/* [policy] keys, one function each: value into *ps->policy; 1, or 0
 * (parse_fail said why). The line is kept by the table's caller. */
static int key_version(struct parser *ps, const char *name, const char *value)
{
	if (strcmp(value, "1") != 0)
		return parse_fail(ps,
				  "unsupported policy version '%s' (this shim "
				  "reads version 1)",
				  value);
	return 1;
}

static int key_mode(struct parser *ps, const char *name, const char *value)
{
	if (strcmp(value, "filter") == 0 || strcmp(value, "strict") == 0) {
		ps->policy->mode = value[0] == 'f' ? POLICY_MODE_FILTER
						   : POLICY_MODE_STRICT;
		return 1;
	}
	return parse_fail(ps, "unknown mode '%s' (expected filter or strict)",
			  value);
}

static int key_heap(struct parser *ps, const char *name, const char *value)
{
	return parse_size(ps, name, value, POLICY_HEAP_MAX, &ps->policy->heap);
}

static int key_stdout_buffer(struct parser *ps, const char *name,
			     const char *value)
{
	if (strcmp(value, "line") == 0 || strcmp(value, "full") == 0) {
		ps->policy->stdout_full = value[0] == 'f';
		return 1;
	}
	return parse_fail(ps,
			  "unknown stdout_buffer '%s' (expected line or full)",
			  value);
}

static int key_default(struct parser *ps, const char *name, const char *value)
{
	ps->policy->default_file = ps->policy->file;
	return parse_action(ps, name, value, &ps->policy->default_action);
}

static int key_newer(struct parser *ps, const char *name, const char *value)
{
	struct policy *p = ps->policy;

	p->newer_file = p->file;
	if (strcmp(value, "default") == 0) {
		p->newer_is_default = 1;
		return 1;
	}
	return parse_action(ps, name, value, &p->newer_action);
}

static int key_log(struct parser *ps, const char *name, const char *value)
{
	static const char *const logs[] = {"none", "stderr", "kernel"};

	ps->policy->log_file = ps->policy->file;
	for (size_t i = 0; i < sizeof(logs) / sizeof(*logs); i++) {
		if (strcmp(value, logs[i]) == 0) {
			ps->policy->log = (enum policy_log)i;
			return 1;
		}
	}
	return parse_fail(ps,
			  "unknown log '%s' (expected none, stderr or kernel)",
			  value);
}

static int key_include(struct parser *ps, const char *name, const char *value)
{
	return add_include(ps, value);
}

static int key_arches(struct parser *ps, const char *name, const char *value)
{
	return parse_arches(ps, value);
}

#define LINE(field) offsetof(struct policy, field)
#define REPEATS	    ((size_t)-1) /* no line kept: the key may repeat */

/* How an included file's value of a key comes in, where the including file
 * leaves the key unset. */
static void merge_default(struct policy *to, const struct policy *from)
{
	to->default_action = from->default_action;
	to->default_line = from->default_line;
	to->default_file = from->default_file;
}

static void merge_newer(struct policy *to, const struct policy *from)
{
	to->newer_action = from->newer_action;
	to->newer_is_default = from->newer_is_default;
	to->newer_line = from->newer_line;
	to->newer_file = from->newer_file;
}

static void merge_log(struct policy *to, const struct policy *from)
{
	to->log = from->log;
	to->log_line = from->log_line;
	to->log_file = from->log_file;
}

static void merge_arches(struct policy *to, const struct policy *from)
{
	memcpy(to->arches, from->arches, sizeof(to->arches));
	to->n_arches = from->n_arches;
	to->arches_line = from->arches_line;
}

/*
 * The [policy] keys: the one table the parser, the mode checks, the
 * includes, the "did you mean" list and the tests read (the hardening
 * switches are harden.c's table, read the same way).
 */
static const struct policy_key {
	const char *name;
	unsigned int modes; /* POLICY_KEY_FILTER, POLICY_KEY_STRICT */
	int (*parse)(struct parser *ps, const char *name, const char *value);
	size_t line; /* offset of its line in struct policy, or REPEATS */
	/* an included file's value, where the including file has none;
	 * NULL: the key is each file's own */
	void (*merge)(struct policy *to, const struct policy *from);
} policy_keys[] = {
	{"version", POLICY_KEY_FILTER | POLICY_KEY_STRICT, key_version,
	 LINE(version_line), NULL},
	{"mode", POLICY_KEY_FILTER | POLICY_KEY_STRICT, key_mode,
	 LINE(mode_line), NULL},
	{"default", POLICY_KEY_FILTER, key_default, LINE(default_line),
	 merge_default},
	{"architectures", POLICY_KEY_FILTER, key_arches, LINE(arches_line),
	 merge_arches},
	{"newer_syscalls", POLICY_KEY_FILTER, key_newer, LINE(newer_line),
	 merge_newer},
	{"include", POLICY_KEY_FILTER, key_include, REPEATS, NULL},
	{"log", POLICY_KEY_FILTER, key_log, LINE(log_line), merge_log},
	{"heap", POLICY_KEY_STRICT, key_heap, LINE(heap_line), NULL},
	{"stdout_buffer", POLICY_KEY_STRICT, key_stdout_buffer,
	 LINE(stdout_buffer_line), NULL},
};
#define N_POLICY_KEYS (sizeof(policy_keys) / sizeof(*policy_keys))

/* The line a key was set on in p (0: unset); NULL for a key that repeats. */
static unsigned int *key_line(const struct policy *p,
			      const struct policy_key *key)
{
	if (key->line == REPEATS)
		return NULL;
	return (unsigned int *)((char *)p + key->line);
}

const char *policy_key(size_t i, unsigned int *modes)
{
	if (i < N_POLICY_KEYS) {
		if (modes)
			*modes = policy_keys[i].modes;
		return policy_keys[i].name;
	}
	i -= N_POLICY_KEYS;
	if (i < HARDEN_SWITCHES) {
		if (modes)
			*modes = POLICY_KEY_FILTER;
		return harden_key((enum harden_switch)i);
	}
	return NULL;
}

unsigned int policy_key_line(const struct policy *policy, size_t i)
{
	if (i < N_POLICY_KEYS) {
		const unsigned int *line = key_line(policy, &policy_keys[i]);

		if (line)
			return *line;
		return policy->n_includes ? policy->include_lines[0] : 0;
	}
	i -= N_POLICY_KEYS;
	return i < HARDEN_SWITCHES ? policy->harden[i].line : 0;
}

/* "unknown key", with the nearest key's name. */
static int unknown_policy_key(struct parser *ps, const char *name)
{
	const char *keys[N_POLICY_KEYS + HARDEN_SWITCHES];
	char phrase[96];
	size_t n = 0;

	while (n < N_POLICY_KEYS + HARDEN_SWITCHES &&
	       (keys[n] = policy_key(n, NULL)))
		n++;
	return parse_fail(ps, "unknown key '%s' in [policy]%s", name,
			  suggest_phrase(suggest_pick(name, keys, n), phrase,
					 sizeof(phrase)));
}

static int handle_policy_key(struct parser *ps, const char *name,
			     const char *value)
{
	int sw = harden_find(name);

	for (size_t i = 0; i < N_POLICY_KEYS; i++) {
		const struct policy_key *key = &policy_keys[i];

		if (strcmp(name, key->name) != 0)
			continue;
		if (key->line != REPEATS &&
		    !set_once(ps, key_line(ps->policy, key), name))
			return 0;
		return key->parse(ps, name, value);
	}
	if (sw >= 0)
		return parse_switch(ps, (enum harden_switch)sw, value);
	return unknown_policy_key(ps, name);
}

static int valid_syscall_name(const char *name)
{
	if (name[0] == '@')
		return policy_group_name_valid(name);
	for (const char *c = name; *c; c++)
		if (!islower((unsigned char)*c) &&
		    !isdigit((unsigned char)*c) && *c != '_')
			return 0;
	return *name != '\0';
}

/* Split "ACTION if CONDITION" at the word "if"; *cond_text NULL if none. */
static void split_condition(char *value, const char **cond_text)
{
	char *p = value;

	*cond_text = NULL;
	while ((p = strstr(p, "if")) != NULL) {
		int starts = p == value || isspace((unsigned char)p[-1]);
		int ends = p[2] == '\0' || isspace((unsigned char)p[2]);

		if (starts && ends) {
			char *end = p;

			while (end > value && isspace((unsigned char)end[-1]))
				end--;
			*end = '\0';
			*cond_text = p + 2;
			return;
		}
		p += 2;
	}
}

static int handle_syscall(struct parser *ps, const char *name,
			  const char *value)
{
	struct policy *p = ps->policy;
	struct policy_entry *entry;
	char action_text[256], why[sizeof(ps->err->message)];
	const char *cond_text;
	uint32_t action;

	if (!valid_syscall_name(name))
		return parse_fail(ps, "'%s' is not a system call or group name",
				  name);
	snprintf(action_text, sizeof(action_text), "%s", value);
	split_condition(action_text, &cond_text);
	if (!parse_action(ps, name, action_text, &action))
		return 0;
	if (cond_text && cond_text[strspn(cond_text, " \t")] == '\0')
		return parse_fail(ps, "'if' needs a condition");
	if (p->n_entries == ps->entries_cap) {
		size_t cap = ps->entries_cap ? 2 * ps->entries_cap : 32;
		struct policy_entry *grown =
			realloc(p->entries, cap * sizeof(*grown));

		if (!grown)
			return parse_nomem(ps);
		p->entries = grown;
		ps->entries_cap = cap;
	}
	entry = &p->entries[p->n_entries];
	memset(entry, 0, sizeof(*entry));
	if (cond_text) {
		int rc = condition_parse(cond_text, &entry->cond, why,
					 sizeof(why));

		if (rc == -ENOMEM)
			return parse_nomem(ps);
		if (rc < 0)
			return parse_fail(ps, "%s", why);
	}
	entry->name = strdup(name);
	if (!entry->name) {
		condition_free(&entry->cond);
		return parse_nomem(ps);
	}
	entry->action = action;
	entry->file = p->file;
	entry->line = ps->line;
	p->n_entries++;
	return 1;
}

/* Add member (of the current line) to group g. */
static int add_member(struct parser *ps, struct policy_group *g,
		      const char *member)
{
	char **members;
	unsigned int *lines;

	members = realloc(g->members, (g->n_members + 1) * sizeof(*members));
	if (members)
		g->members = members;
	lines = realloc(g->member_lines, (g->n_members + 1) * sizeof(*lines));
	if (lines)
		g->member_lines = lines;
	if (!members || !lines)
		return parse_nomem(ps);
	g->members[g->n_members] = strdup(member);
	if (!g->members[g->n_members])
		return parse_nomem(ps);
	g->member_lines[g->n_members++] = ps->line;
	return 1;
}

/* "members = NAME ..." in a [group:@NAME] section. */
static int handle_group_key(struct parser *ps, const char *name,
			    const char *value)
{
	struct policy_group *g = &ps->policy->groups[ps->policy->n_groups - 1];
	char copy[256], *token, *save = NULL;

	if (strcmp(name, "members") != 0)
		return parse_fail(ps, "unknown key '%s' in [group:%s]", name,
				  g->name);
	snprintf(copy, sizeof(copy), "%s", value);
	for (token = strtok_r(copy, " \t,", &save); token;
	     token = strtok_r(NULL, " \t,", &save)) {
		if (!valid_syscall_name(token))
			return parse_fail(ps,
					  "'%s' is not a system call or group "
					  "name",
					  token);
		if (!add_member(ps, g, token))
			return 0;
	}
	if (!*value)
		return parse_fail(ps, "'members =' needs a list");
	return 1;
}

/* --- [landlock] ------------------------------------------------------------
 */

/* One path of a list, normalised into out (PATH_MAX bytes). */
static int landlock_path(struct parser *ps, const char *token, char *out,
			 size_t size, int *optional)
{
	char why[sizeof(ps->err->message)];

	if (landlock_path_parse(token, out, size, optional, why, sizeof(why)) <
	    0)
		return parse_fail(ps, "%s", why);
	return 1;
}

/* "read = /usr /etc", ...: paths, separated by blanks. */
static int add_paths(struct parser *ps, const struct landlock_key *key,
		     const char *value)
{
	struct policy_landlock *ll = &ps->policy->landlock;
	char copy[256], path[256], *token, *save = NULL;
	int optional;

	if (!*value)
		return parse_fail(ps, "'%s =' needs a list of paths",
				  key->name);
	snprintf(copy, sizeof(copy), "%s", value);
	for (token = strtok_r(copy, " \t", &save); token;
	     token = strtok_r(NULL, " \t", &save)) {
		struct policy_path *p;

		if (!landlock_path(ps, token, path, sizeof(path), &optional))
			return 0;
		if (ll->n_paths == ll->paths_cap) {
			size_t cap = ll->paths_cap ? 2 * ll->paths_cap : 16;

			p = realloc(ll->paths, cap * sizeof(*p));
			if (!p)
				return parse_nomem(ps);
			ll->paths = p;
			ll->paths_cap = cap;
		}
		p = &ll->paths[ll->n_paths];
		memset(p, 0, sizeof(*p));
		p->path = strdup(path);
		if (!p->path)
			return parse_nomem(ps);
		p->access = key->access;
		p->handles = key->handles;
		p->optional = optional;
		p->key = key->name;
		p->file = ps->policy->file;
		p->line = ps->line;
		ll->n_paths++;
	}
	return 1;
}

/* "bind_tcp = 8080", "connect_tcp = 80, 443": TCP ports. */
static int add_ports(struct parser *ps, const char *name, uint64_t access,
		     const char *value)
{
	struct policy_landlock *ll = &ps->policy->landlock;
	char copy[256], *token, *save = NULL, *end;

	if (!*value)
		return parse_fail(ps, "'%s =' needs a list of ports", name);
	ll->handled_net |= access;
	snprintf(copy, sizeof(copy), "%s", value);
	for (token = strtok_r(copy, " \t,", &save); token;
	     token = strtok_r(NULL, " \t,", &save)) {
		struct policy_port *grown;
		unsigned long port;

		/* "none": the key restricts, and no port is allowed */
		if (strcmp(token, "none") == 0)
			continue;
		errno = 0;
		port = strtoul(token, &end, 10);
		if (!isdigit((unsigned char)*token) || *end || errno ||
		    port > 65535)
			return parse_fail(ps,
					  "%s: '%s' is not a port (0 to "
					  "65535, or none)",
					  name, token);
		grown = realloc(ll->ports, (ll->n_ports + 1) * sizeof(*grown));
		if (!grown)
			return parse_nomem(ps);
		ll->ports = grown;
		grown[ll->n_ports++] = (struct policy_port){
			(uint16_t)port, access, ps->policy->file, ps->line};
	}
	return 1;
}

/* "scope = signal abstract_unix". */
static int parse_scope(struct parser *ps, const char *value)
{
	struct policy_landlock *ll = &ps->policy->landlock;
	char copy[256], *token, *save = NULL;

	if (!set_once(ps, &ll->scope_line, "scope"))
		return 0;
	ll->scope_file = ps->policy->file;
	snprintf(copy, sizeof(copy), "%s", value);
	for (token = strtok_r(copy, " \t,", &save); token;
	     token = strtok_r(NULL, " \t,", &save)) {
		if (strcmp(token, "signal") == 0)
			ll->scoped |= LANDLOCK_SCOPE_SIGNAL;
		else if (strcmp(token, "abstract_unix") == 0)
			ll->scoped |= LANDLOCK_SCOPE_ABSTRACT_UNIX;
		else if (strcmp(token, "none") != 0)
			return parse_fail(ps,
					  "unknown scope '%s' (expected "
					  "signal, abstract_unix or none)",
					  token);
	}
	if (!*value)
		return parse_fail(ps, "'scope =' needs a list of scopes");
	return 1;
}

static int handle_landlock_key(struct parser *ps, const char *name,
			       const char *value)
{
	struct policy_landlock *ll = &ps->policy->landlock;
	const struct landlock_key *key = landlock_key_find(name);

	if (!ll->first_line) {
		ll->first_line = ps->line;
		ll->first_file = ps->policy->file;
	}
	if (key)
		return add_paths(ps, key, value);
	if (strcmp(name, "bind_tcp") == 0)
		return add_ports(ps, name, LANDLOCK_NET_BIND_TCP, value);
	if (strcmp(name, "connect_tcp") == 0)
		return add_ports(ps, name, LANDLOCK_NET_CONNECT_TCP, value);
	if (strcmp(name, "scope") == 0)
		return parse_scope(ps, value);
	if (strcmp(name, "enforce") == 0) {
		if (!set_once(ps, &ll->enforce_line, name))
			return 0;
		ll->enforce_file = ps->policy->file;
		if (strcmp(value, "required") == 0 ||
		    strcmp(value, "best_effort") == 0) {
			ll->best_effort = value[0] == 'b';
			return 1;
		}
		return parse_fail(ps,
				  "unknown enforce '%s' (expected required "
				  "or best_effort)",
				  value);
	}
	{
		const char *names[32];
		size_t n_keys, n = 0;
		const struct landlock_key *all = landlock_keys(&n_keys);
		const char *near;
		char phrase[96];

		for (size_t i = 0; i < n_keys && n < 28; i++)
			names[n++] = all[i].name;
		names[n++] = "bind_tcp";
		names[n++] = "connect_tcp";
		names[n++] = "scope";
		names[n++] = "enforce";
		near = suggest_pick(name, names, n);
		if (near)
			return parse_fail(
				ps, "unknown key '%s' in [landlock]%s", name,
				suggest_phrase(near, phrase, sizeof(phrase)));
	}
	return parse_fail(ps,
			  "unknown key '%s' in [landlock] (expected read, "
			  "write, execute, a single right such as make_dir, "
			  "bind_tcp, connect_tcp, scope or enforce)",
			  name);
}

/* "members = PATH ..." in a [paths:@NAME] section. */
static int handle_path_group_key(struct parser *ps, const char *name,
				 const char *value)
{
	struct policy_landlock *ll = &ps->policy->landlock;
	struct policy_group *g = &ll->groups[ll->n_groups - 1];
	char copy[256], path[256], *token, *save = NULL;
	int optional;

	if (strcmp(name, "members") != 0)
		return parse_fail(ps, "unknown key '%s' in [paths:%s]", name,
				  g->name);
	if (!*value)
		return parse_fail(ps, "'members =' needs a list of paths");
	snprintf(copy, sizeof(copy), "%s", value);
	for (token = strtok_r(copy, " \t", &save); token;
	     token = strtok_r(NULL, " \t", &save)) {
		if (!landlock_path(ps, token, path + 1, sizeof(path) - 1,
				   &optional))
			return 0;
		/* the '-' stays: expansion reads it */
		path[0] = '-';
		if (!add_member(ps, g, optional ? path : path + 1))
			return 0;
	}
	return 1;
}

/* The ini_handler: one NAME = VALUE pair of the current line. */
static int handle_pair(void *user, const char *section, const char *name,
		       const char *value)
{
	struct parser *ps = user;

	if (ps->failed)
		return 0;
	if (strcmp(section, "policy") == 0)
		return handle_policy_key(ps, name, value);
	if (strcmp(section, "syscalls") == 0)
		return handle_syscall(ps, name, value);
	if (strncmp(section, "group:", 6) == 0)
		return handle_group_key(ps, name, value);
	if (strcmp(section, "landlock") == 0)
		return handle_landlock_key(ps, name, value);
	if (strncmp(section, "paths:", 6) == 0)
		return handle_path_group_key(ps, name, value);
	return parse_fail(ps, "'%s' is outside any section", name);
}

/* Keep the earliest of the lines that a mode does not allow. */
static void note_line(unsigned int line, const char *what, unsigned int *first,
		      const char **first_what)
{
	if (line && (!*first || line < *first)) {
		*first = line;
		*first_what = what;
	}
}

/*
 * Strict mode takes only version, mode, heap and stdout_buffer: the
 * kernel's strict mode has no rules to give it. Filter mode has no use for
 * the last two.
 */
static int check_mode_keys(struct policy *p, struct shim_error *err)
{
	unsigned int mode = p->mode == POLICY_MODE_FILTER ? POLICY_KEY_FILTER
							  : POLICY_KEY_STRICT;
	char group[64], key[64], switch_key[64];
	unsigned int first = 0, first_switch = 0;
	const char *what = NULL;

	for (size_t i = 0; i < N_POLICY_KEYS; i++) {
		const struct policy_key *k = &policy_keys[i];
		unsigned int line = k->line != REPEATS ? *key_line(p, k)
				    : p->n_includes    ? p->include_lines[0]
						       : 0;

		if (!(k->modes & mode) && line && (!first || line < first)) {
			first = line;
			snprintf(key, sizeof(key), "'%s'", k->name);
			what = key;
		}
	}
	if (p->mode == POLICY_MODE_FILTER) {
		if (first)
			return error_set(err, p->file, first,
					 "%s applies only to mode = strict",
					 what);
		return 0;
	}
	if (p->n_entries)
		note_line(p->entries[0].line, "[syscalls]", &first, &what);
	if (p->n_groups) {
		snprintf(group, sizeof(group), "[group:%s]", p->groups[0].name);
		note_line(p->groups[0].line, group, &first, &what);
	}
	note_line(p->landlock.first_line, "[landlock]", &first, &what);
	if (p->landlock.n_groups) {
		snprintf(group, sizeof(group), "[paths:%s]",
			 p->landlock.groups[0].name);
		note_line(p->landlock.groups[0].line, group, &first, &what);
	}
	/* The hardening switches expand to rules: strict mode has none. */
	for (int i = 0; i < HARDEN_SWITCHES; i++) {
		unsigned int line = p->harden[i].line;

		if (line && (!first_switch || line < first_switch)) {
			first_switch = line;
			snprintf(switch_key, sizeof(switch_key), "'%s'",
				 harden_key((enum harden_switch)i));
		}
	}
	note_line(first_switch, switch_key, &first, &what);
	if (first)
		return error_set(err, p->file, first,
				 "%s applies only to mode = filter (line %u "
				 "sets mode = strict)",
				 what, p->mode_line);
	return 0;
}

/* What must hold once the whole text is read. */
static int check_complete(struct policy *p, struct shim_error *err)
{
	if (!p->version_line)
		return error_set(err, p->file, 0,
				 "missing 'version = 1' in [policy]");
	if (check_mode_keys(p, err) < 0)
		return -EINVAL;
	/* 'default' is checked by the resolver: an included file may set
	 * it, and a file meant to be included may leave it out. */
	return 0;
}

int policy_parse(const char *text, size_t len, const char *file,
		 struct policy *policy, struct shim_error *err)
{
	struct parser ps = {
		.text = text,
		.len = len,
		.policy = policy,
		.err = err,
	};
	int rc;

	memset(policy, 0, sizeof(*policy));
	policy->mode = POLICY_MODE_FILTER;
	policy->heap = POLICY_HEAP_DEFAULT;
	policy->newer_action = SCMP_ACT_ERRNO(ENOSYS);
	policy->file = strdup(file);
	if (!policy->file)
		return error_nomem(err, file, 0);

	rc = ini_parse_stream(read_line, &ps, handle_pair, &ps);
	if (!ps.failed && rc != 0) {
		/* inih found something our reader let through: say where. */
		ps.line = (unsigned int)rc;
		parse_fail(&ps, "malformed line");
	}
	if (ps.failed || check_complete(policy, err) < 0) {
		policy_free(policy);
		return ps.nomem ? -ENOMEM : -EINVAL;
	}
	return 0;
}

/* The entry names a call (not a group) that policy names directly too. */
static int named_directly(const struct policy *policy, const char *name)
{
	if (name[0] == '@')
		return 0;
	for (size_t i = 0; i < policy->n_entries; i++)
		if (strcmp(policy->entries[i].name, name) == 0)
			return 1;
	return 0;
}

/* Append n items of size bytes at *from to the array *to of *n_to. */
static int append_array(void **to, size_t *n_to, void **from, size_t *n_from,
			size_t size)
{
	char *grown;

	if (*n_from == 0)
		return 0;
	grown = realloc(*to, (*n_to + *n_from) * size);
	if (!grown)
		return -ENOMEM;
	memcpy(grown + *n_to * size, *from, *n_from * size);
	*to = grown;
	*n_to += *n_from;
	free(*from);
	*from = NULL;
	*n_from = 0;
	return 0;
}

/* [landlock]: the included file's paths, ports and path groups are added
 * to the including file's; scope and enforce are the including file's if
 * it sets them. */
static int merge_landlock(struct policy_landlock *to,
			  struct policy_landlock *from, struct shim_error *err)
{
	for (size_t i = 0; i < from->n_groups; i++)
		for (size_t j = 0; j < to->n_groups; j++)
			if (strcmp(from->groups[i].name, to->groups[j].name) ==
			    0)
				return error_set(err, to->groups[j].file,
						 to->groups[j].line,
						 "path group %s is defined "
						 "twice (also in %s at line "
						 "%u)",
						 to->groups[j].name,
						 from->groups[i].file,
						 from->groups[i].line);
	/* the included file's paths first, as they were read */
	if (append_array((void **)&from->paths, &from->n_paths,
			 (void **)&to->paths, &to->n_paths,
			 sizeof(*to->paths)) < 0 ||
	    append_array((void **)&to->ports, &to->n_ports,
			 (void **)&from->ports, &from->n_ports,
			 sizeof(*to->ports)) < 0 ||
	    append_array((void **)&to->groups, &to->n_groups,
			 (void **)&from->groups, &from->n_groups,
			 sizeof(*to->groups)) < 0)
		return error_nomem(err, NULL, 0);
	to->paths = from->paths;
	to->n_paths = to->paths_cap = from->n_paths;
	from->paths = NULL;
	from->n_paths = from->paths_cap = 0;
	to->handled_net |= from->handled_net;
	if (!to->scope_line && from->scope_line) {
		to->scoped = from->scoped;
		to->scope_line = from->scope_line;
		to->scope_file = from->scope_file;
	}
	if (!to->enforce_line && from->enforce_line) {
		to->best_effort = from->best_effort;
		to->enforce_line = from->enforce_line;
		to->enforce_file = from->enforce_file;
	}
	if (!to->first_line) {
		to->first_line = from->first_line;
		to->first_file = from->first_file;
	}
	return 0;
}

/* What cannot be merged: a strict-mode policy, a group defined twice. */
static int check_mergeable(const struct policy *policy,
			   const struct policy *included,
			   struct shim_error *err)
{
	if (included->mode == POLICY_MODE_STRICT)
		return error_set(err, included->file, included->mode_line,
				 "a strict-mode policy cannot be included "
				 "(only filter policies can)");
	for (size_t i = 0; i < included->n_groups; i++)
		for (size_t j = 0; j < policy->n_groups; j++)
			if (strcmp(included->groups[i].name,
				   policy->groups[j].name) == 0)
				return error_set(err, policy->groups[j].file,
						 policy->groups[j].line,
						 "group %s is defined twice "
						 "(also in %s at line %u)",
						 policy->groups[j].name,
						 included->groups[i].file,
						 included->groups[i].line);
	return 0;
}

/* The included file's lines first, less those the including file
 * replaces; then the including file's own. Takes included's lines. */
static int merge_entries(struct policy *policy, struct policy *included)
{
	struct policy_entry *entries = calloc(
		policy->n_entries + included->n_entries + 1, sizeof(*entries));
	size_t n = 0;

	if (!entries)
		return -ENOMEM;
	for (size_t i = 0; i < included->n_entries; i++) {
		struct policy_entry *entry = &included->entries[i];

		if (named_directly(policy, entry->name)) {
			free(entry->name);
			condition_free(&entry->cond);
			continue;
		}
		entries[n++] = *entry;
	}
	if (policy->n_entries)
		memcpy(&entries[n], policy->entries,
		       policy->n_entries * sizeof(*entries));
	n += policy->n_entries;
	free(policy->entries);
	policy->entries = entries;
	policy->n_entries = n;
	free(included->entries);
	included->entries = NULL;
	included->n_entries = 0;
	return 0;
}

/* Both files' groups (checked distinct). Takes included's groups. */
static int merge_groups(struct policy *policy, struct policy *included)
{
	struct policy_group *groups;

	if (!included->n_groups)
		return 0;
	groups = realloc(policy->groups,
			 (policy->n_groups + included->n_groups) *
				 sizeof(*groups));
	if (!groups)
		return -ENOMEM;
	memcpy(&groups[policy->n_groups], included->groups,
	       included->n_groups * sizeof(*groups));
	policy->groups = groups;
	policy->n_groups += included->n_groups;
	free(included->groups);
	included->groups = NULL;
	included->n_groups = 0;
	return 0;
}

/* The keys the including file leaves unset, from the included one, as
 * policy_keys[] and the hardening switches say. */
static void merge_keys(struct policy *policy, const struct policy *included)
{
	for (size_t i = 0; i < N_POLICY_KEYS; i++) {
		const struct policy_key *key = &policy_keys[i];

		if (key->merge && !*key_line(policy, key) &&
		    *key_line(included, key))
			key->merge(policy, included);
	}
	for (int i = 0; i < HARDEN_SWITCHES; i++)
		if (!policy->harden[i].line && included->harden[i].line)
			policy->harden[i] = included->harden[i];
	/* Capabilities dropped in both: both files' (the including one's
	 * line named), so that a policy cannot give back, by dropping
	 * others, what a file it includes drops. */
	if (policy->harden[HARDEN_CAPABILITIES].on &&
	    included->harden[HARDEN_CAPABILITIES].on)
		policy->harden[HARDEN_CAPABILITIES].capabilities |=
			included->harden[HARDEN_CAPABILITIES].capabilities;
}

/* The files merged in: entries and groups point to their names. */
static void merge_files(struct policy *policy, struct policy *included)
{
	if (included->n_merged_files)
		memcpy(&policy->merged_files[policy->n_merged_files],
		       included->merged_files,
		       included->n_merged_files *
			       sizeof(*policy->merged_files));
	policy->n_merged_files += included->n_merged_files;
	policy->merged_files[policy->n_merged_files++] = included->file;
	free(included->merged_files);
	included->merged_files = NULL;
	included->n_merged_files = 0;
	included->file = NULL;
}

int policy_merge(struct policy *policy, struct policy *included,
		 struct shim_error *err)
{
	char **files;
	int rc = check_mergeable(policy, included, err);

	if (rc < 0)
		return rc;
	/* room for the file names first. What fails after the lines and
	 * groups are taken (Landlock's) leaves each array with one owner:
	 * both policies can still be freed. */
	files = realloc(policy->merged_files,
			(policy->n_merged_files + included->n_merged_files +
			 1) * sizeof(*files));
	if (files)
		policy->merged_files = files;
	if (!files || merge_entries(policy, included) < 0 ||
	    merge_groups(policy, included) < 0)
		return error_nomem(err, policy->file, 0);
	merge_keys(policy, included);
	rc = merge_landlock(&policy->landlock, &included->landlock, err);
	if (rc < 0)
		return rc;
	merge_files(policy, included);
	policy_free(included);
	return 0;
}

static void free_groups(struct policy_group *groups, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < groups[i].n_members; j++)
			free(groups[i].members[j]);
		free(groups[i].members);
		free(groups[i].member_lines);
		free(groups[i].name);
	}
	free(groups);
}

void policy_free(struct policy *policy)
{
	for (size_t i = 0; i < policy->n_entries; i++) {
		free(policy->entries[i].name);
		condition_free(&policy->entries[i].cond);
	}
	free_groups(policy->groups, policy->n_groups);
	for (size_t i = 0; i < policy->landlock.n_paths; i++)
		free(policy->landlock.paths[i].path);
	free(policy->landlock.paths);
	free(policy->landlock.ports);
	free_groups(policy->landlock.groups, policy->landlock.n_groups);
	for (size_t i = 0; i < policy->n_includes; i++)
		free(policy->includes[i]);
	free(policy->includes);
	free(policy->include_lines);
	for (size_t i = 0; i < policy->n_merged_files; i++)
		free(policy->merged_files[i]);
	free(policy->merged_files);
	free(policy->entries);
	free(policy->file);
	memset(policy, 0, sizeof(*policy));
}
