/* Reading policy files and installing filters: the system side. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filter.h"
#include "install.h"
#include "strict.h"
#include "policy.h"
#include "rules.h"

int source_is_inline(const char *setting)
{
	return strchr(setting, '\n') != NULL;
}

int source_read(const char *path, char **text, size_t *len,
		struct stat *identity, struct shim_error *err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd, saved;

	/* O_NONBLOCK: a FIFO must not hang the program before main. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return error_set(err, path, 0, "cannot open policy: %s",
				 strerror(errno));
	if (fstat(fd, &st) < 0) {
		saved = errno;
		close(fd);
		return error_set(err, path, 0, "cannot read policy: %s",
				 strerror(saved));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return error_set(err, path, 0,
				 "cannot read policy: not a regular file");
	}
	if (st.st_size > SOURCE_MAX_SIZE) {
		close(fd);
		return error_set(err, path, 0, "policy is larger than %d bytes",
				 SOURCE_MAX_SIZE);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return error_set(err, path, 0, "out of memory");
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			saved = n < 0 ? errno : EIO;
			free(buf);
			close(fd);
			return error_set(err, path, 0, "cannot read policy: %s",
					 strerror(saved));
		}
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*text = buf;
	*len = got;
	if (identity)
		*identity = st;
	return 0;
}

/*
 * Whether a file or directory a system policy depends on is safe from
 * other users: owned by root and writable by root alone.
 */
static int trusted(const struct stat *st)
{
	return st->st_uid == 0 && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* source_read, and for a trusted source, the check of what was read. */
static int read_source(const char *path, int trust, char **text, size_t *len,
		       struct stat *st, struct shim_error *err)
{
	int rc = source_read(path, text, len, st, err);

	if (rc == 0 && trust && !trusted(st)) {
		free(*text);
		return error_set(err, path, 0,
				 "a system policy must be owned by root and "
				 "writable by root alone");
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
			 struct shim_error *err)
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
			return error_set(err, policy->file, line,
					 "out of memory");
		if (read_source(path, trust, &text, &len, &st, err) < 0) {
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
					   depth + 1, files, trust, err);
			if (rc < 0)
				policy_free(&child);
		}
		free(path);
		if (rc == 0)
			rc = policy_merge(policy, &child, err);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* source_load, where trust says every file must pass trusted(). */
static int load_source(const char *setting, int trust, struct policy *policy,
		       struct shim_error *err)
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
		rc = read_source(setting, trust, &text, &len, &st, err);
		if (rc < 0)
			return rc;
		rc = policy_parse(text, len, setting, policy, err);
		free(text);
		chain[0] = (struct visit){st.st_dev, st.st_ino};
		dir = strdup(setting);
		if (!dir)
			rc = rc < 0 ? rc
				    : error_set(err, setting, 0,
						"out of memory");
	}
	if (rc < 0) {
		free(dir);
		return rc;
	}
	slash = dir ? strrchr(dir, '/') : NULL;
	if (slash)
		*slash = '\0';
	rc = load_includes(policy, slash ? dir : NULL, chain, 1, &files, trust,
			   err);
	free(dir);
	if (rc < 0)
		policy_free(policy);
	return rc;
}

int source_load(const char *setting, struct policy *policy,
		struct shim_error *err)
{
	return load_source(setting, 0, policy, err);
}

int install_filter(const struct filter *filter, const char *file,
		   struct shim_error *err)
{
	struct sock_fprog prog = {
		.len = (unsigned short)filter->len,
		.filter = filter->insns,
	};
	long rc;

	/* Unprivileged processes may only filter themselves this way, and it
	 * keeps a confined program from gaining privileges through exec. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return error_set(err, file, 0, "cannot set NO_NEW_PRIVS: %s",
				 strerror(errno));
	/* TSYNC: threads that libraries started before us are confined too. */
	rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		     SECCOMP_FILTER_FLAG_TSYNC, &prog);
	if (rc > 0)
		return error_set(err, file, 0,
				 "cannot confine thread %ld: it has a filter "
				 "of its own",
				 rc);
	if (rc < 0)
		return error_set(err, file, 0,
				 "the kernel refused the filter: %s",
				 strerror(errno));
	return 0;
}

/* Strict mode: prepare, let go of the policy, switch. */
static int install_strict(struct policy *policy, struct shim_error *err)
{
	char file[sizeof(err->file)];
	unsigned int line = policy->mode_line;
	int rc;

	snprintf(file, sizeof(file), "%s", policy->file);
	rc = strict_prepare(policy, err);
	policy_free(policy);
	if (rc == 0)
		rc = strict_enter(file, line, err);
	return rc;
}

int policy_compile(const struct policy *policy, struct ruleset *rules,
		   struct filter *filter, uint64_t *digest,
		   struct shim_error *err)
{
	struct filter plain;
	int rc;

	rc = rules_resolve(policy, rules, err);
	if (rc < 0)
		return rc;
	/* The digest names the filter's meaning, the probe rules aside. */
	rc = filter_build(rules, &plain, err);
	if (rc == 0) {
		*digest = filter_digest(&plain);
		filter_free(&plain);
		rc = rules_mark(rules, *digest) < 0
			     ? error_set(err, policy->file, 0, "out of memory")
			     : filter_build(rules, filter, err);
	}
	if (rc < 0)
		rules_free(rules);
	return rc;
}

int install_in_force(uint64_t digest)
{
	int saved_errno = errno;
	int found = prctl(RULES_PROBE_OPTION, digest, 0, 0, 0) == -1 &&
		    errno == RULES_PROBE_FOUND;

	errno = saved_errno;
	return found;
}

/* Install a loaded policy (and let go of it): filter or strict mode. */
static int install_loaded(struct policy *policy, struct shim_error *err)
{
	struct ruleset rules;
	struct filter filter;
	uint64_t digest;
	int rc;

	if (policy->mode == POLICY_MODE_STRICT)
		return install_strict(policy, err);
	rc = policy_compile(policy, &rules, &filter, &digest, err);
	if (rc == 0) {
		rules_free(&rules);
		/* An exec chain under one policy: the filter on top is this
		 * one already, and another copy would only cost. */
		if (!install_in_force(digest))
			rc = install_filter(&filter, policy->file, err);
		filter_free(&filter);
	}
	policy_free(policy);
	return rc;
}

int install_policy(const char *setting, struct shim_error *err)
{
	struct policy policy;
	int rc;

	rc = source_load(setting, &policy, err);
	if (rc < 0)
		return rc;
	return install_loaded(&policy, err);
}

int install_program_policy(const char *dir, struct shim_error *err)
{
	char exe[PATH_MAX], path[2 * PATH_MAX + 8];
	struct policy policy;
	struct stat st;
	size_t used;
	ssize_t n;
	int rc;

	if (stat(dir, &st) < 0) {
		if (errno == ENOENT)
			return 0; /* no system policies at all */
		return error_set(err, dir, 0, "cannot read: %s",
				 strerror(errno));
	}
	if (!S_ISDIR(st.st_mode) || !trusted(&st))
		return error_set(err, dir, 0,
				 "system policies must be in a directory owned "
				 "by root and writable by root alone");
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0 || exe[0] != '/')
		return error_set(err, dir, 0,
				 "cannot tell which program this is "
				 "(/proc/self/exe: %s)",
				 n < 0 ? strerror(errno) : "not a path");
	exe[n] = '\0';
	/* programs.d/usr/bin/curl.ini for /usr/bin/curl: each directory on
	 * the way root's alone (or a missing file would prove nothing). */
	used = (size_t)snprintf(path, sizeof(path), "%s", dir);
	for (char *name = exe + 1; *name;) {
		size_t len = strcspn(name, "/");
		int last = name[len] == '\0';

		used += (size_t)snprintf(path + used, sizeof(path) - used,
					 "/%.*s%s", (int)len, name,
					 last ? ".ini" : "");
		if (used >= sizeof(path))
			return error_set(err, dir, 0, "%s: path too long", exe);
		if (lstat(path, &st) < 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				return 0; /* no policy for this program */
			return error_set(err, path, 0, "cannot read: %s",
					 strerror(errno));
		}
		if (last ? !S_ISREG(st.st_mode) : !S_ISDIR(st.st_mode))
			return error_set(err, path, 0,
					 "not a %s (symbolic links are not "
					 "followed here)",
					 last ? "regular file" : "directory");
		if (!trusted(&st))
			return error_set(err, path, 0,
					 "a system policy%s must be owned by "
					 "root and writable by root alone",
					 last ? "" : "'s directory");
		name += len + !last;
		if (last)
			break;
	}
	rc = load_source(path, 1, &policy, err);
	if (rc < 0)
		return rc;
	return install_loaded(&policy, err);
}
