/*
 * The parsed policy: what the INI text says, checked for form but not yet
 * tied to system call numbers. Pure data; parsing makes no system calls.
 */
#ifndef SHIM_POLICY_H
#define SHIM_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "condition.h"
#include "error.h"
#include "harden.h"

/* The policy format version this shim reads. */
#define POLICY_VERSION 1

/* Memory malloc may hand out after a switch to strict mode, unless the
 * policy's heap key says otherwise; and the most heap may say. */
#define POLICY_HEAP_DEFAULT ((size_t)64 << 20)
#define POLICY_HEAP_MAX	    ((size_t)1 << 40)

/* Maximum number of architectures a policy may list. */
#define POLICY_MAX_ARCHES 8

enum policy_mode {
	POLICY_MODE_FILTER,
	POLICY_MODE_STRICT,
};

/* One "NAME = ACTION [if CONDITION]" line of [syscalls], as written. */
/* Where denied calls are reported ([policy] log). */
enum policy_log {
	POLICY_LOG_NONE,   /* nowhere: the action alone */
	POLICY_LOG_STDERR, /* one line on the process's stderr (report.h) */
	POLICY_LOG_KERNEL, /* the kernel's audit log (SECCOMP_FILTER_FLAG_LOG)
			    */
};

struct policy_entry {
	char *name;	       /* system call name */
	uint32_t action;       /* libseccomp action value */
	struct condition cond; /* no alternatives: unconditional */
	const char *file;      /* the file it stands in (included or not) */
	unsigned int line;
};

/* A [group:@NAME] section: a group of the policy's own; or a
 * [paths:@NAME] section (members are paths then). */
struct policy_group {
	char *name;	/* "@mine" */
	char **members; /* system call names and "@group" names */
	unsigned int *member_lines;
	size_t n_members;
	const char *file;  /* the file it stands in */
	unsigned int line; /* of the section header */
};

/* A path of a [landlock] key's list: "/usr", "-/opt" (optional),
 * "@cwd/out" (beneath the working directory), "@mine" (a path group). */
struct policy_path {
	char *path;	  /* as written, less a leading '-' */
	uint64_t access;  /* LANDLOCK_FS_* the key grants beneath it */
	uint64_t handles; /* LANDLOCK_FS_* the key restricts */
	int optional;	  /* written "-/path": skipped where missing */
	const char *key;  /* the key's name, for messages */
	const char *file; /* the file it stands in */
	unsigned int line;
};

/* A port of bind_tcp or connect_tcp. */
struct policy_port {
	uint16_t port;
	uint64_t access; /* LANDLOCK_NET_* */
	const char *file;
	unsigned int line;
};

/* The [landlock] section (landlock-rules.h). */
struct policy_landlock {
	struct policy_path *paths;
	size_t n_paths, paths_cap;
	struct policy_port *ports;
	size_t n_ports;
	uint64_t handled_net; /* LANDLOCK_NET_* the port keys restrict */
	uint64_t scoped;      /* LANDLOCK_SCOPE_* */
	const char *scope_file;
	unsigned int scope_line;
	int best_effort; /* enforce = best_effort */
	const char *enforce_file;
	unsigned int enforce_line;
	const char *first_file;
	unsigned int first_line; /* of the section's first key: 0 if none */
	/* [paths:@NAME] sections: named lists of paths, used as "@NAME" */
	struct policy_group *groups;
	size_t n_groups;
};

struct policy {
	char *file; /* name used in messages: a path or "$SECCOMP_SHIM_POLICY"
		     */
	enum policy_mode mode;
	uint32_t default_action;
	const char *default_file; /* where default_line is: this or an included
				     file */
	size_t heap; /* strict mode: bytes malloc may use after the switch */
	int stdout_full; /* strict mode: stdout fully buffered, not by line */
	uint32_t newer_action; /* newer_syscalls; the default when "default" */
	int newer_is_default;
	const char *newer_file; /* where newer_line is */
	enum policy_log log;
	const char *log_file; /* where log_line is */
	/* the hardening switches, by enum harden_switch; line 0: unset */
	struct harden_setting harden[HARDEN_SWITCHES];
	/* extra ABIs the filter accepts (SCMP_ARCH_*); the native one always */
	uint32_t arches[POLICY_MAX_ARCHES];
	size_t n_arches;
	struct policy_entry *entries;
	size_t n_entries;
	struct policy_group *groups;
	size_t n_groups;
	struct policy_landlock landlock;
	/* include = PATH lines, as written, until policy_merge() takes them */
	char **includes;
	unsigned int *include_lines;
	size_t n_includes;
	/* names of the files merged in, which entries and groups point to */
	char **merged_files;
	size_t n_merged_files;
	/* line of each [policy] key, 0 while unset: finds repeats and absences
	 */
	unsigned int version_line, mode_line, default_line, arches_line,
		newer_line, heap_line, stdout_buffer_line, log_line;
};

/*
 * policy_parse - parse the policy text (len bytes, need not end in NUL)
 * into *policy; file names the text in error messages.
 * Returns 0, or a negative errno with err filled in; on failure *policy
 * holds nothing that needs freeing.
 */
int policy_parse(const char *text, size_t len, const char *file,
		 struct policy *policy, struct shim_error *err);

/*
 * policy_merge - merge the policy an include line of *policy names into
 * it, consuming *included. The including file's lines for a call replace
 * the included file's; the included file's group lines come first, so the
 * including file's override them; [policy] keys the including file does
 * not set are taken from the included one. Returns 0, or a negative errno
 * with err filled in (a group defined in both).
 */
int policy_merge(struct policy *policy, struct policy *included,
		 struct shim_error *err);

/*
 * policy_group_name_valid - whether name is a group's name ([group:@NAME],
 * [paths:@NAME]): '@', then lower-case letters, digits, '-' and '_'. Pure.
 */
int policy_group_name_valid(const char *name);

/* The modes a [policy] key applies to (policy_key). */
#define POLICY_KEY_FILTER 1u
#define POLICY_KEY_STRICT 2u

/*
 * policy_key - the name of [policy] key number i (the parser's table, then
 * the hardening switches), and in *modes (if not NULL) the modes it
 * applies to; NULL past the last. Pure.
 */
const char *policy_key(size_t i, unsigned int *modes);

/*
 * policy_key_line - the line key number i (as policy_key numbers them) is
 * set on in policy: 0 if unset; for include, the first include's. Pure.
 */
unsigned int policy_key_line(const struct policy *policy, size_t i);

/* policy_free - release what policy_parse allocated. */
void policy_free(struct policy *policy);

#endif
