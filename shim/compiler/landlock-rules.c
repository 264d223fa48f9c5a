/* The [landlock] section: parsed policy -> table (landlock-rules.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "landlock-rules.h"
#include "landlock.h"

#define READ (LANDLOCK_FS_READ_FILE | LANDLOCK_FS_READ_DIR)
#define WRITE                                                                  \
	(LANDLOCK_FS_WRITE_FILE | LANDLOCK_FS_REMOVE_DIR |                     \
	 LANDLOCK_FS_REMOVE_FILE | LANDLOCK_FS_MAKE_CHAR |                     \
	 LANDLOCK_FS_MAKE_DIR | LANDLOCK_FS_MAKE_REG | LANDLOCK_FS_MAKE_SOCK | \
	 LANDLOCK_FS_MAKE_FIFO | LANDLOCK_FS_MAKE_BLOCK |                      \
	 LANDLOCK_FS_MAKE_SYM | LANDLOCK_FS_REFER | LANDLOCK_FS_TRUNCATE)

/* The keys that list paths: three for people, then one per right, in the
 * kernel's order of its bits (the single rights' names are the kernel's,
 * less LANDLOCK_ACCESS_FS_). */
static const struct landlock_key keys[] = {
	{"read", READ, READ, "read files, list directories"},
	{"write", READ | WRITE, WRITE,
	 "write, make, remove, rename, link, truncate files"},
	{"execute", READ | LANDLOCK_FS_EXECUTE, LANDLOCK_FS_EXECUTE,
	 "execute files"},
	{"write_file", LANDLOCK_FS_WRITE_FILE, LANDLOCK_FS_WRITE_FILE, NULL},
	{"read_file", LANDLOCK_FS_READ_FILE, LANDLOCK_FS_READ_FILE, NULL},
	{"read_dir", LANDLOCK_FS_READ_DIR, LANDLOCK_FS_READ_DIR, NULL},
	{"remove_dir", LANDLOCK_FS_REMOVE_DIR, LANDLOCK_FS_REMOVE_DIR, NULL},
	{"remove_file", LANDLOCK_FS_REMOVE_FILE, LANDLOCK_FS_REMOVE_FILE, NULL},
	{"make_char", LANDLOCK_FS_MAKE_CHAR, LANDLOCK_FS_MAKE_CHAR, NULL},
	{"make_dir", LANDLOCK_FS_MAKE_DIR, LANDLOCK_FS_MAKE_DIR, NULL},
	{"make_reg", LANDLOCK_FS_MAKE_REG, LANDLOCK_FS_MAKE_REG, NULL},
	{"make_sock", LANDLOCK_FS_MAKE_SOCK, LANDLOCK_FS_MAKE_SOCK, NULL},
	{"make_fifo", LANDLOCK_FS_MAKE_FIFO, LANDLOCK_FS_MAKE_FIFO, NULL},
	{"make_block", LANDLOCK_FS_MAKE_BLOCK, LANDLOCK_FS_MAKE_BLOCK, NULL},
	{"make_sym", LANDLOCK_FS_MAKE_SYM, LANDLOCK_FS_MAKE_SYM, NULL},
	{"refer", LANDLOCK_FS_REFER, LANDLOCK_FS_REFER, NULL},
	{"truncate", LANDLOCK_FS_TRUNCATE, LANDLOCK_FS_TRUNCATE, NULL},
	{"ioctl_dev", LANDLOCK_FS_IOCTL_DEV, LANDLOCK_FS_IOCTL_DEV, NULL},
};
#define N_KEYS (sizeof(keys) / sizeof(*keys))
/* the key of bit 0 (execute), then one per right in bit order
 */
#define SINGLE 2

const struct landlock_key *landlock_key_find(const char *name)
{
	for (size_t i = 0; i < N_KEYS; i++)
		if (strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

const struct landlock_key *landlock_keys(size_t *n)
{
	*n = N_KEYS;
	return keys;
}

char *landlock_rights_text(uint64_t access, int net, char *buf, size_t size)
{
	static const char *const nets[] = {"bind_tcp", "connect_tcp"};
	size_t used = 0;

#define NAME(name)                                                             \
	used += (size_t)snprintf(buf + used, used < size ? size - used : 0,    \
				 "%s%s", used ? " " : "", name)
	buf[0] = '\0';
	/* the classes by their keys' names, then what is left bit by bit */
	if (!net && (access & WRITE) == WRITE) {
		NAME("write");
		access &= ~WRITE;
	}
	if (!net && (access & READ) == READ) {
		NAME("read");
		access &= ~READ;
	}
	for (int bit = 0; bit < 16; bit++) {
		const char *name = net ? (bit < 2 ? nets[bit] : NULL)
				       : keys[SINGLE + bit].name;

		if ((access & (1ULL << bit)) && name)
			NAME(name);
	}
#undef NAME
	if (used >= size && size > 4)
		strcpy(buf + size - 4, "...");
	return buf;
}

/* --- paths ---------------------------------------------------------------- */

/* Append the parts of rel (a '/'-separated path) to out, each after a
 * '/', leaving out empty and "." parts. */
static int append_parts(const char *rel, char *out, size_t size, size_t *used,
			char *why, size_t why_len)
{
	while (*rel) {
		size_t n = strcspn(rel, "/");

		if (n == 2 && rel[0] == '.' && rel[1] == '.')
			return error_why(why, why_len,
					 "'..' is not allowed in a [landlock] "
					 "path: name the directory itself");
		if (n && !(n == 1 && rel[0] == '.')) {
			if (*used + n + 2 > size)
				return error_why(why, why_len, "path too long");
			out[(*used)++] = '/';
			memcpy(out + *used, rel, n);
			*used += n;
			out[*used] = '\0';
		}
		rel += n + (rel[n] == '/');
	}
	return 0;
}

int landlock_path_parse(const char *token, char *out, size_t size,
			int *optional, char *why, size_t why_len)
{
	size_t used = 0;

	*optional = token[0] == '-';
	token += *optional;
	if (strncmp(token, "@cwd", 4) == 0 &&
	    (token[4] == '\0' || token[4] == '/')) {
		if (size < 5)
			return error_why(why, why_len, "path too long");
		strcpy(out, "@cwd");
		used = 4;
		return append_parts(token + 4, out, size, &used, why, why_len);
	}
	if (token[0] == '@') {
		if (!policy_group_name_valid(token) || *optional)
			return error_why(why, why_len,
					 "'%s%s' is not a path group name "
					 "(@NAME: lower-case letters, digits, "
					 "'-' and '_')",
					 *optional ? "-" : "", token);
		if (strlen(token) >= size)
			return error_why(why, why_len, "name too long");
		strcpy(out, token);
		return 0;
	}
	if (token[0] != '/')
		return error_why(
			why, why_len,
			"'%s' is not an absolute path (write /PATH, "
			"@cwd/PATH for one beneath the working "
			"directory, or @NAME for a [paths:@NAME] list)",
			token);
	out[0] = '\0';
	if (append_parts(token, out, size, &used, why, why_len) < 0)
		return -EINVAL;
	if (used == 0)
		strcpy(out, "/");
	return 0;
}

/* --- expansion ------------------------------------------------------------ */

#define GROUP_DEPTH 16

struct expansion {
	const struct policy *policy;
	const struct policy_group *chain[GROUP_DEPTH]; /* on the way */
	struct landlock_rule *rules;
	size_t n, cap;
	struct shim_error *err;
};

static const struct policy_group *find_group(const struct policy *p,
					     const char *name)
{
	for (size_t i = 0; i < p->landlock.n_groups; i++)
		if (strcmp(p->landlock.groups[i].name, name) == 0)
			return &p->landlock.groups[i];
	return NULL;
}

/* Add path (a path or a group's name) as the key at file:line says;
 * depth counts the groups on the way, against cycles. */
static int expand(struct expansion *x, const struct policy_path *entry,
		  const char *path, int optional, const char *file,
		  unsigned int line, int depth)
{
	const struct policy_group *g;
	struct landlock_rule *r;

	if (path[0] == '@' && strncmp(path, "@cwd", 4) != 0) {
		g = find_group(x->policy, path);
		if (!g)
			return error_set(x->err, file, line,
					 "unknown path group %s (define it "
					 "in a [paths:%s] section)",
					 path, path);
		for (int i = 0; i < depth; i++)
			if (x->chain[i] == g)
				return error_set(x->err, file, line,
						 "path group %s contains "
						 "itself (through %s)",
						 path,
						 x->chain[depth - 1]->name);
		if (depth == GROUP_DEPTH)
			return error_set(x->err, file, line,
					 "path groups nest more than %d deep",
					 GROUP_DEPTH);
		x->chain[depth] = g;
		for (size_t i = 0; i < g->n_members; i++) {
			const char *m = g->members[i];
			int opt = m[0] == '-';

			int rc = expand(x, entry, m + opt, opt, g->file,
					g->member_lines[i], depth + 1);

			if (rc < 0)
				return rc;
		}
		return 0;
	}
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 16;

		r = realloc(x->rules, cap * sizeof(*r));
		if (!r)
			return error_nomem(x->err, file, line);
		x->rules = r;
		x->cap = cap;
	}
	r = &x->rules[x->n++];
	r->path = path;
	r->access = entry->access;
	r->optional = optional;
	r->key = entry->key;
	r->file = file;
	r->line = line;
	return 0;
}

int landlock_rules_expand(const struct policy *policy,
			  struct landlock_rule **rules, size_t *n,
			  uint64_t *handled, struct shim_error *err)
{
	const struct policy_landlock *ll = &policy->landlock;
	struct expansion x = {.policy = policy, .err = err};
	uint64_t handles = 0;

	for (size_t i = 0; i < ll->n_paths; i++) {
		const struct policy_path *p = &ll->paths[i];

		handles |= p->handles;
		int rc = expand(&x, p, p->path, p->optional, p->file, p->line,
				0);

		if (rc < 0) {
			free(x.rules);
			return rc;
		}
	}
	for (size_t i = 0; i < x.n; i++)
		x.rules[i].access &= handles;
	*rules = x.rules;
	*n = x.n;
	*handled = handles;
	return 0;
}

int landlock_rules_wanted(const struct policy *policy)
{
	const struct policy_landlock *ll = &policy->landlock;

	return ll->n_paths || ll->n_ports || ll->scoped || ll->handled_net ||
	       ll->enforce_line || ll->scope_line;
}

/* --- the table ------------------------------------------------------------ */

struct table {
	char *buf;
	size_t len, cap;
	int failed; /* 0, -E2BIG past LANDLOCK_TABLE_MAX, or -ENOMEM */
};

static void *put(struct table *t, const void *bytes, size_t n)
{
	size_t padded = (n + 7) & ~(size_t)7;
	char *at;

	if (t->failed)
		return NULL;
	if (t->len + padded > t->cap) {
		size_t cap = t->cap ? t->cap : 512;
		char *grown;

		while (cap < t->len + padded)
			cap *= 2;
		if (cap > LANDLOCK_TABLE_MAX) {
			t->failed = -E2BIG;
			return NULL;
		}
		grown = realloc(t->buf, cap);
		if (!grown) {
			t->failed = -ENOMEM;
			return NULL;
		}
		t->buf = grown;
		t->cap = cap;
	}
	at = t->buf + t->len;
	memset(at, 0, padded);
	memcpy(at, bytes, n);
	t->len += padded;
	return at;
}

static void put_string(struct table *t, const char *s)
{
	uint64_t len = strlen(s) + 1;

	put(t, &len, sizeof(len));
	put(t, s, (size_t)len);
}

/* The index of file in names (added if new). */
static uint32_t file_index(const char **names, uint32_t *n, const char *file)
{
	for (uint32_t i = 0; i < *n; i++)
		if (names[i] == file || strcmp(names[i], file) == 0)
			return i;
	names[*n] = file;
	return (*n)++;
}

int landlock_rules_build(const struct policy *policy, void **table, size_t *len,
			 struct shim_error *err)
{
	const struct policy_landlock *ll = &policy->landlock;
	struct landlock_table_head head = {0};
	struct landlock_rule *rules;
	struct table t = {NULL, 0, 0, 0};
	const char **names;
	uint32_t *files, n_files = 0;
	size_t n;
	int rc;

	*table = NULL;
	*len = 0;
	if (!landlock_rules_wanted(policy))
		return 0;
	rc = landlock_rules_expand(policy, &rules, &n, &head.handled_fs, err);
	if (rc < 0)
		return rc;
	names = calloc(n + ll->n_ports + 2, sizeof(*names));
	files = calloc(n + ll->n_ports + 1, sizeof(*files));
	if (!names || !files) {
		rc = error_nomem(err, policy->file, 0);
		goto out;
	}
	file_index(names, &n_files, policy->file);
	head.scope_file = ll->scope_line
				  ? file_index(names, &n_files, ll->scope_file)
				  : 0;
	for (size_t i = 0; i < n; i++)
		files[i] = file_index(names, &n_files, rules[i].file);
	for (size_t i = 0; i < ll->n_ports; i++)
		files[n + i] = file_index(names, &n_files, ll->ports[i].file);
	head.magic = LANDLOCK_TABLE_MAGIC;
	head.flags = ll->best_effort ? LANDLOCK_BEST_EFFORT : 0;
	head.handled_net = ll->handled_net;
	head.scoped = ll->scoped;
	head.scope_line = ll->scope_line;
	head.n_files = n_files;
	head.n_paths = (uint32_t)n;
	head.n_ports = (uint32_t)ll->n_ports;
	put(&t, &head, sizeof(head));
	for (uint32_t i = 0; i < n_files; i++)
		put_string(&t, names[i]);
	for (size_t i = 0; i < n; i++) {
		const char *path = rules[i].path;
		struct landlock_path_record r = {
			.access = rules[i].access,
			.line = rules[i].line,
			.file = (uint16_t)files[i],
			.flags = rules[i].optional ? LANDLOCK_PATH_OPTIONAL : 0,
		};

		if (strncmp(path, "@cwd", 4) == 0) {
			r.flags |= LANDLOCK_PATH_CWD;
			path += 4 + (path[4] == '/');
		}
		r.path_len = (uint32_t)strlen(path) + 1;
		put(&t, &r, sizeof(r));
		put(&t, path, r.path_len);
	}
	for (size_t i = 0; i < ll->n_ports; i++) {
		struct landlock_port_record r = {
			.access = ll->ports[i].access,
			.port = ll->ports[i].port,
			.line = ll->ports[i].line,
			.file = files[n + i],
		};

		put(&t, &r, sizeof(r));
	}
	if (t.failed == -ENOMEM)
		rc = error_nomem(err, policy->file, ll->first_line);
	else if (t.failed || n_files > 65535)
		rc = error_set(err, policy->file, ll->first_line,
			       "the [landlock] section is too large");
out:
	free(rules);
	free(names);
	free(files);
	if (rc < 0) {
		free(t.buf);
		return rc;
	}
	*table = t.buf;
	*len = t.len;
	return 0;
}

/* --- check's warnings ----------------------------------------------------- */

/* Whether path b is a or beneath it (both absolute, or both @cwd). */
static int beneath(const char *a, const char *b)
{
	size_t n = strlen(a);

	if (strcmp(a, "/") == 0)
		return b[0] == '/';
	return strncmp(a, b, n) == 0 && (b[n] == '\0' || b[n] == '/');
}

void landlock_rules_lint(const struct policy *policy,
			 struct lint_warning *warnings, size_t *n, size_t max)
{
	struct landlock_rule *rules;
	struct shim_error err;
	uint64_t handled;
	size_t count;

	if (landlock_rules_expand(policy, &rules, &count, &handled, &err) < 0)
		return;
	for (size_t j = 0; j < count; j++) {
		const struct landlock_rule *b = &rules[j];

		for (size_t i = 0; i < count; i++) {
			const struct landlock_rule *a = &rules[i];
			int same = strcmp(a->path, b->path) == 0;

			/* b adds nothing that a does not give (of two
			 * equal rules, the later one is the echo) */
			if (i == j || (b->access & ~a->access) ||
			    !beneath(a->path, b->path) ||
			    (same && a->access == b->access && i > j) ||
			    a->optional)
				continue;
			if (same)
				lint_add(
					warnings, max, n, b->file, b->line,
					"[landlock] %s %s: listed already with "
					"as much (%s at line %u)",
					b->key, b->path, a->key, a->line);
			else
				lint_add(
					warnings, max, n, b->file, b->line,
					"[landlock] %s %s: shadowed by %s %s "
					"(line %u), beneath which it allows as "
					"much already",
					b->key, b->path, a->key, a->path,
					a->line);
			break;
		}
	}
	free(rules);
}
