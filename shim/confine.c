/* Installing compiled policies: the system side. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cache.h"
#include "confine.h"
#include "rules.h"
#include "source.h"
#include "strict.h"
#include "sys.h"

int confine_filter(const struct filter *filter, const char *file,
		   struct shim_error *err)
{
	struct sock_fprog prog = {
		.len = (unsigned short)filter->len,
		.filter = filter->insns,
	};
	long rc;

	/* Unprivileged processes may only filter themselves this way, and it
	 * keeps a confined program from gaining privileges through exec. */
	rc = sys5(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (rc < 0)
		return error_set(err, file, 0, "cannot set NO_NEW_PRIVS: %s",
				 strerror((int)-rc));
	/* TSYNC: threads that libraries started before us are confined too. */
	rc = sys3(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		  SECCOMP_FILTER_FLAG_TSYNC, &prog);
	if (rc > 0)
		return error_set(err, file, 0,
				 "cannot confine thread %ld: it has a filter "
				 "of its own",
				 rc);
	if (rc < 0)
		return error_set(err, file, 0,
				 "the kernel refused the filter: %s",
				 strerror((int)-rc));
	return 0;
}

/* The probe's answer for key: 1 found, 0 another of the shim's filters
 * on top, -1 none of the shim's (or a kernel without seccomp filters). */
static int probe(uint64_t key)
{
	long rc = sys5(SYS_prctl, RULES_PROBE_OPTION, key, 0, 0, 0);

	return rc == -RULES_PROBE_FOUND ? 1 : rc == -RULES_PROBE_OTHER ? 0 : -1;
}

int confine_in_force(uint64_t digest)
{
	return probe(digest) == 1;
}

/* Strict mode: prepare, let go of the compiled policy, switch. */
static int confine_strict(struct compiled *compiled, struct shim_error *err)
{
	char file[sizeof(err->file)];
	unsigned int line = compiled->settings.mode_line;
	int rc;

	snprintf(file, sizeof(file), "%s", compiled->file);
	rc = strict_prepare(&compiled->settings, file, err);
	compiled_free(compiled);
	if (rc == 0)
		rc = strict_enter(file, line, err);
	return rc;
}

/* confine_compiled, told whether a filter of the shim's may be on top. */
static int confine_probed(struct compiled *compiled, int shim_on_top,
			  struct shim_error *err)
{
	int rc = 0;

	if (compiled->strict)
		return confine_strict(compiled, err);
	/* An exec chain under one policy: the filter on top is this one
	 * already, and another copy would only cost. */
	if (!shim_on_top || !confine_in_force(compiled->digest))
		rc = confine_filter(&compiled->filter, compiled->file, err);
	compiled_free(compiled);
	return rc;
}

int confine_compiled(struct compiled *compiled, struct shim_error *err)
{
	return confine_probed(compiled, 1, err);
}

int confine_policy(const char *setting, int trust, confine_compiler *compile,
		   struct shim_error *err)
{
	/* On the stack, and small: the dynamic loader has touched the stack
	 * a good way below the constructor's frame already, so the files
	 * read here land in pages that cost no fault (measured: none, where
	 * a static room cost two). */
	struct cache_room room;
	struct compiled compiled;
	uint64_t origin = compiled_origin(setting);
	int on_top = 1, rc;

	/* A child of a process confined by this same setting (the same
	 * inline text, or the same path from where it is seen): the filter is
	 * in force already, and the child reads nothing (README: a confined
	 * tree keeps the policy it started with). */
	if (origin) {
		on_top = probe(origin);
		if (on_top == 1)
			return 0;
		on_top = on_top == 0;
	}
	if (!cache_lookup(setting, origin, trust, &room, &compiled)) {
		rc = compile(setting, trust, &compiled, err);
		if (rc < 0)
			return rc;
		cache_store(setting, &compiled, NULL, 0);
	}
	return confine_probed(&compiled, on_top, err);
}

int confine_program_policy(const char *dir, char *path, size_t size,
			   struct shim_error *err)
{
	char exe[PATH_MAX];
	struct stat st;
	size_t used;
	ssize_t n;

	if (stat(dir, &st) < 0) {
		if (errno == ENOENT)
			return 0; /* no system policies at all */
		return error_set(err, dir, 0, "cannot read: %s",
				 strerror(errno));
	}
	if (!S_ISDIR(st.st_mode) || !source_trusted(&st))
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
	used = (size_t)snprintf(path, size, "%s", dir);
	for (char *name = exe + 1; *name;) {
		size_t len = strcspn(name, "/");
		int last = name[len] == '\0';

		used += (size_t)snprintf(path + used, size - used,
					 "/%.*s%s", (int)len, name,
					 last ? ".ini" : "");
		if (used >= size)
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
		if (!source_trusted(&st))
			return error_set(err, path, 0,
					 "a system policy%s must be owned by "
					 "root and writable by root alone",
					 last ? "" : "'s directory");
		name += len + !last;
		if (last)
			break;
	}
	return 1;
}
