/* Reading policy files and installing filters: the system side. */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <seccomp.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compiled.h"
#include "filter.h"
#include "compile.h"
#include "landlock-rules.h"
#include "policy.h"
#include "report-rules.h"
#include "report.h"
#include "rules.h"

/* source_read, and for a trusted source, the check of what was read. */
static int read_source(const char *path, int trust, char **text, size_t *len,
		       struct stat *st, struct compiled *record,
		       struct shim_error *err)
{
	int rc = source_read(path, text, len, st, err);

	if (rc == 0 && trust && !source_trusted(st)) {
		free(*text);
		return error_set(err, path, 0,
				 "a system policy must be owned by root and "
				 "writable by root alone");
	}
	if (rc == 0 && record &&
	    compiled_add_source(record, path, *text, *len, st) < 0) {
		free(*text);
		return error_nomem(err, path, 0);
	}
	return rc;
}

/* A file on the include chain: a file met again there is a cycle. */
struct visit {
	dev_t dev;
	ino_t ino;
};

/* Read and merge what policy includes; dir is where its paths start. */
static int load_includes(struct policy *policy, const char *dir,
			 struct visit *chain, int depth, int *files, int trust,
			 struct compiled *record, struct shim_error *err)
{
	/* Later includes win: merge them first, the first one last. */
	for (size_t k = policy->n_includes; k-- > 0;) {
		const char *name = policy->includes[k];
		unsigned int line = policy->include_lines[k];
		struct policy child;
		struct stat st;
		char *path, *text, *slash;
		size_t len;
		int rc;

		if (depth > SOURCE_MAX_INCLUDE_DEPTH)
			return error_set(err, policy->file, line,
					 "includes nest deeper than %d",
					 SOURCE_MAX_INCLUDE_DEPTH);
		if (++*files > SOURCE_MAX_INCLUDES)
			return error_set(err, policy->file, line,
					 "more than %d files included",
					 SOURCE_MAX_INCLUDES);
		if (name[0] == '/' || !dir)
			rc = asprintf(&path, "%s", name);
		else
			rc = asprintf(&path, "%s/%s", dir, name);
		if (rc < 0)
			return error_nomem(err, policy->file, line);
		rc = read_source(path, trust, &text, &len, &st, record, err);
		if (rc == -ENOMEM) {
			free(path);
			return error_nomem(err, policy->file, line);
		}
		if (rc < 0) {
			char why[sizeof(err->message)];

			snprintf(why, sizeof(why), "%s", err->message);
			free(path);
			return error_set(err, policy->file, line,
					 "cannot include '%s': %s", name, why);
		}
		for (int i = 0; i < depth; i++) {
			if (chain[i].dev == st.st_dev &&
			    chain[i].ino == st.st_ino) {
				free(text);
				free(path);
				return error_set(err, policy->file, line,
						 "'%s' includes itself (an "
						 "include cycle)",
						 name);
			}
		}
		chain[depth] = (struct visit){st.st_dev, st.st_ino};
		rc = policy_parse(text, len, path, &child, err);
		free(text);
		slash = strrchr(path, '/');
		if (slash)
			*slash = '\0';
		if (rc == 0) {
			rc = load_includes(&child, slash ? path : NULL, chain,
					   depth + 1, files, trust, record,
					   err);
			/* policy_merge frees child when it succeeds */
			if (rc == 0)
				rc = policy_merge(policy, &child, err);
			if (rc < 0)
				policy_free(&child);
		}
		free(path);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/*
 * source_load, where trust says every file must pass source_trusted(), and
 * every file read is recorded in record unless it is NULL.
 */
static int load_source(const char *setting, int trust, struct policy *policy,
		       struct compiled *record, struct shim_error *err)
{
	struct visit chain[SOURCE_MAX_INCLUDE_DEPTH + 2];
	struct stat st;
	int files = 0;
	char *text = NULL, *dir = NULL, *slash;
	size_t len;
	int rc;

	if (source_is_inline(setting)) {
		rc = policy_parse(setting, strlen(setting), SOURCE_INLINE_NAME,
				  policy, err);
		chain[0] = (struct visit){0, 0};
	} else {
		rc = read_source(setting, trust, &text, &len, &st, record, err);
		if (rc < 0)
			return rc;
		if (record)
			record->owner = st.st_uid;
		rc = policy_parse(text, len, setting, policy, err);
		free(text);
		chain[0] = (struct visit){st.st_dev, st.st_ino};
		dir = strdup(setting);
		if (!dir)
			rc = rc < 0 ? rc : error_nomem(err, setting, 0);
	}
	if (rc < 0) {
		free(dir);
		return rc;
	}
	slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		*slash = '\0';
	rc = load_includes(policy, slash ? dir : NULL, chain, 1, &files, trust,
			   record, err);
	free(dir);
	if (rc < 0)
		policy_free(policy);
	return rc;
}

int source_load(const char *setting, struct policy *policy,
		struct shim_error *err)
{
	return load_source(setting, 0, policy, NULL, err);
}

int policy_compile(const struct policy *policy, uint64_t origin,
		   uint64_t relative, struct ruleset *rules,
		   struct filter *filter, uint64_t *digest,
		   struct shim_error *err)
{
	struct filter plain;
	int rc;

	rc = rules_resolve(policy, rules, err);
	if (rc < 0)
		return rc;
	rc = landlock_rules_build(policy, &rules->landlock,
				  &rules->landlock_len, err);
	if (rc < 0) {
		rules_free(rules);
		return rc;
	}
	if (policy->log == POLICY_LOG_STDERR) {
		rc = report_rules(policy, rules, err);
		if (rc < 0) {
			rules_free(rules);
			return rc;
		}
	}
	/* The digest names the filter's meaning, the probe rules aside; with
	 * reports, the table's too (its traps only index it): the action,
	 * kind and line of every entry, not the file names. */
	rc = filter_build(rules, &plain, err);
	if (rc == 0) {
		*digest = filter_digest(&plain);
		if (rules->report) {
			const struct report_head *head = rules->report;
			const struct report_entry *e =
				(const struct report_entry *)(head + 1);

			for (uint32_t i = 0; i < head->n_entries; i++) {
				uint32_t key[3] = {e[i].action, e[i].kind,
						   e[i].line};

				*digest = compiled_hash(*digest, key,
							sizeof(key));
			}
		}
		/* and the domain's rules: a child under other ones adds its
		 * own domain */
		if (rules->landlock)
			*digest = compiled_hash(*digest, rules->landlock,
						rules->landlock_len);
		/* and the capabilities it drops, which no filter shows */
		if (policy->harden[HARDEN_CAPABILITIES].capabilities)
			*digest = compiled_hash(
				*digest,
				&policy->harden[HARDEN_CAPABILITIES]
					 .capabilities,
				sizeof(uint64_t));
		filter_free(&plain);
		rc = rules_mark(rules, *digest, origin, relative) < 0
			     ? error_nomem(err, policy->file, 0)
			     : filter_build(rules, filter, err);
	}
	if (rc < 0)
		rules_free(rules);
	return rc;
}

int policy_compile_source(const char *setting, int trust, struct compiled *out,
			  struct shim_error *err)
{
	struct policy policy;
	struct ruleset rules;
	Dl_info where;
	int rc;

	memset(out, 0, sizeof(*out));
	out->world_readable = 1; /* until a source says otherwise */
	rc = load_source(setting, trust, &policy, out, err);
	if (rc < 0) {
		compiled_free(out);
		return rc;
	}
	out->origin = compiled_origin(setting);
	out->file = strdup(policy.file);
	if (!out->file) {
		rc = error_nomem(err, policy.file, 0);
	} else if (policy.mode == POLICY_MODE_STRICT) {
		out->strict = 1;
		out->settings = (struct strict_settings){
			.heap = policy.heap,
			.stdout_full = policy.stdout_full,
			.mode_line = policy.mode_line,
			.heap_line = policy.heap_line,
		};
	} else {
		rc = policy_compile(&policy, out->origin,
				    compiled_relative_key(setting), &rules,
				    &out->filter, &out->digest, err);
		if (rc == 0) {
			out->log = (int)policy.log;
			out->mdwe = policy.harden[HARDEN_WRITE_EXECUTE].on;
			out->drop_caps =
				policy.harden[HARDEN_CAPABILITIES].capabilities;
			out->report = rules.report; /* taken */
			out->report_len = rules.report_len;
			rules.report = NULL;
			out->landlock = rules.landlock;
			out->landlock_len = rules.landlock_len;
			rules.landlock = NULL;
			rules_free(&rules);
		}
	}
	/* The system call table the numbers came from: a cached result holds
	 * only while the library is the same file. Named by its real path,
	 * which a cached start's stat then reaches without following the
	 * links to it (an upgrade's new file is a miss either way). */
	if (rc == 0 &&
	    dladdr((void *)seccomp_syscall_resolve_name, &where) != 0 &&
	    where.dli_fname && where.dli_fname[0] == '/') {
		char *real = realpath(where.dli_fname, NULL);

		compiled_library_identify(&out->library,
					  real ? real : where.dli_fname);
		free(real);
	}
	policy_free(&policy);
	if (rc < 0)
		compiled_free(out);
	return rc;
}
