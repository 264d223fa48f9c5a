/* Installing compiled policies: the system side. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "cache.h"
#include "confine.h"
#include "landlock.h"
#include "policy.h"
#include "reporter.h"
#include "rules.h"
#include "source.h"
#include "strict.h"
#include "sys.h"
#include "threads.h"

/* include/uapi/linux/prctl.h, Linux 6.3 (Debian 12's headers lack it) */
#define PR_SET_MDWE_OPTION	 65
#define PR_MDWE_REFUSE_EXEC_GAIN 1UL

/* The kernel's W^X for this process and its children: see confine.h. */
static int deny_write_execute(const char *file, struct shim_error *err)
{
	long rc = sys5(SYS_prctl, PR_SET_MDWE_OPTION, PR_MDWE_REFUSE_EXEC_GAIN,
		       0, 0, 0);

	if (rc == 0)
		return 0;
	/* personality(0xffffffff) asks, and changes nothing */
	rc = sys1(SYS_personality, 0xffffffffUL);
	if (rc >= 0 && (rc & READ_IMPLIES_EXEC))
		return error_set(err, file, 0,
				 "memory_deny_write_execute cannot hold: the "
				 "process runs with READ_IMPLIES_EXEC (set "
				 "before the filter), and this kernel has no "
				 "PR_SET_MDWE to refuse what it implies");
	return 0;
}

/* include/uapi/linux/capability.h: the header and data of capget and
 * capset, version 3 (two words of 32 capabilities each) */
#define CAPABILITY_VERSION_3 0x20080522u
struct capability_head {
	uint32_t version;
	int pid;
};
struct capability_data {
	uint32_t effective, permitted, inheritable;
};

/* The calling thread's effective, permitted and inheritable capabilities,
 * into data; 0, or a negative errno. */
static long capabilities_get(struct capability_data data[2])
{
	struct capability_head head = {CAPABILITY_VERSION_3, 0};

	return sys2(SYS_capget, &head, data);
}

/* Those of drop that data holds in any of its sets. */
static uint64_t held(const struct capability_data data[2], uint64_t drop)
{
	uint64_t any = 0;

	for (int i = 0; i < 2; i++)
		any |= (uint64_t)(data[i].effective | data[i].permitted |
				  data[i].inheritable)
		       << (32 * i);
	return any & drop;
}

/* capability_bounding_set: see confine.h. */
static int drop_capabilities(uint64_t drop, const char *file,
			     struct shim_error *err)
{
	struct capability_head head = {CAPABILITY_VERSION_3, 0};
	struct capability_data data[2];
	long rc;

	/* Every thread has sets of its own: another one running (the
	 * library loaded with dlopen) would keep them. */
	if (!threads_alone())
		return error_set(err, file, 0,
				 "cannot drop the capabilities "
				 "capability_bounding_set names: other "
				 "threads run, and each has its own (load the "
				 "library at the program's start, not with "
				 "dlopen)");
	/* The bounding set first, while CAP_SETPCAP may still be in force,
	 * as far as the process may change it: not without CAP_SETPCAP, nor
	 * where a filter in force denies prctl. NO_NEW_PRIVS alone keeps
	 * execve from giving back what the sets below lose, so that is no
	 * reason to refuse. EINVAL: past the kernel's last capability. */
	for (int cap = 0; cap < 64; cap++)
		if ((drop >> cap & 1) &&
		    sys5(SYS_prctl, PR_CAPBSET_DROP, (unsigned long)cap, 0, 0,
			 0) == -EINVAL)
			break;
	rc = capabilities_get(data);
	/* capset only where there is something to take (a process without
	 * capabilities may run under a filter that denies it) */
	if (rc == 0 && held(data, drop)) {
		for (int i = 0; i < 2; i++) {
			uint32_t keep = ~(uint32_t)(drop >> (32 * i));

			data[i].effective &= keep;
			data[i].permitted &= keep;
			data[i].inheritable &= keep;
		}
		rc = sys2(SYS_capset, &head, data);
		/* and a look back: what capget says now is what the program
		 * has */
		if (rc == 0)
			rc = capabilities_get(data);
		if (rc == 0 && held(data, drop))
			rc = -EPERM;
	}
	if (rc < 0)
		return error_set(err, file, 0,
				 "cannot drop the capabilities "
				 "capability_bounding_set names: %s",
				 strerror((int)-rc));
	return 0;
}

int confine_filter_flags(const struct filter *filter, const void *landlock,
			 size_t landlock_len,
			 const struct confine_extras *extras, const char *file,
			 struct shim_error *err)
{
	static const struct confine_extras none;
	struct sock_fprog prog = {
		.len = (unsigned short)filter->len,
		.filter = filter->insns,
	};
	long rc;

	if (!extras)
		extras = &none;

	/* Unprivileged processes may only filter themselves this way, and it
	 * keeps a confined program from gaining privileges through exec. */
	rc = sys5(SYS_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	if (rc < 0)
		return error_set(err, file, 0, "cannot set NO_NEW_PRIVS: %s",
				 strerror((int)-rc));
	/* Capabilities, then the second lock (landlock.h), while no filter
	 * of this policy's can deny their calls. */
	if (extras->drop_caps &&
	    drop_capabilities(extras->drop_caps, file, err) < 0)
		return -EPERM;
	rc = landlock_enter(landlock, landlock_len, file, err);
	if (rc < 0 && rc != -EOPNOTSUPP)
		return (int)rc;
	if (extras->mdwe && deny_write_execute(file, err) < 0)
		return -EINVAL;
	/* TSYNC: threads that exist already are confined too. */
	rc = sys3(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		  SECCOMP_FILTER_FLAG_TSYNC | extras->flags, &prog);
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

int confine_filter(const struct filter *filter, const char *file,
		   struct shim_error *err)
{
	return confine_filter_flags(filter, NULL, 0, NULL, file, err);
}

/*
 * The probe's answers (rules.h): no filter of the shim's on top, or one
 * that is the key's or another's, reporting denied calls or not.
 *
 * A program can install a filter of its own that answers "found", and so
 * keep its children from adding a policy's filter. That gains it nothing:
 * its own filters, which its children inherit, stay in force, and the
 * policy it would dodge is the one it chose for them in their environment
 * (it could as well remove SECCOMP_SHIM_POLICY).
 */
enum probe_answer {
	PROBE_UNASKED, /* a system policy, which asks no probe (below) */
	PROBE_NONE,
	PROBE_OTHER,
	PROBE_FOUND,
	PROBE_OTHER_REPORTS,
	PROBE_FOUND_REPORTS,
};

static enum probe_answer probe(uint64_t key)
{
	switch (-sys5(SYS_prctl, RULES_PROBE_OPTION, key, 0, 0, 0)) {
	case RULES_PROBE_FOUND:
		return PROBE_FOUND;
	case RULES_PROBE_FOUND_REPORTS:
		return PROBE_FOUND_REPORTS;
	case RULES_PROBE_OTHER:
		return PROBE_OTHER;
	case RULES_PROBE_OTHER_REPORTS:
		return PROBE_OTHER_REPORTS;
	default:
		return PROBE_NONE;
	}
}

static int found(enum probe_answer answer)
{
	return answer == PROBE_FOUND || answer == PROBE_FOUND_REPORTS;
}

/*
 * A strict-mode policy, found while the dynamic loader relocates the
 * program: the switch needs libc initialised (stdio's buffers, malloc's
 * heap), so it waits for the preload library's constructor. (Mapped when
 * there is one: a static record would put the data every start writes on
 * more than one page.)
 */
struct strict_later {
	struct strict_settings settings;
	char file[PATH_MAX];
};
static struct strict_later *strict_later;

static int confine_strict(struct compiled *compiled, struct shim_error *err)
{
	if (!strict_later)
		strict_later = (void *)source_heap_alloc(sizeof(*strict_later));
	if (!strict_later)
		return error_nomem(err, compiled->file, 0);
	strict_later->settings = compiled->settings;
	snprintf(strict_later->file, sizeof(strict_later->file), "%s",
		 compiled->file);
	compiled_free(compiled);
	return 0;
}

int confine_strict_pending(void)
{
	return strict_later != NULL;
}

int confine_strict_now(struct shim_error *err)
{
	/* (let go of the record first: strict mode allows no munmap) */
	struct strict_later later = *strict_later;
	int rc;

	source_heap_free((char *)strict_later);
	strict_later = NULL;
	rc = strict_prepare(&later.settings, later.file, err);
	if (rc == 0)
		rc = strict_enter(later.file, later.settings.mode_line, err);
	return rc;
}

/* confine_compiled, told what the probe for the setting's origin said. */
static int confine_probed(struct compiled *compiled,
			  enum probe_answer by_origin, struct shim_error *err)
{
	enum probe_answer on_top = by_origin;
	int rc = 0;

	if (compiled->strict)
		return confine_strict(compiled, err);
	/* An exec chain under one policy: the filter on top is this one
	 * already, and another copy would only cost. */
	if (on_top != PROBE_NONE && on_top != PROBE_UNASKED)
		on_top = probe(compiled->digest);
	/* A reporting filter's traps need its own table (report.h): a child
	 * cannot put another filter over it, nor read a changed table. */
	if (on_top == PROBE_OTHER_REPORTS)
		rc = error_set(err, compiled->file, 0,
			       "cannot add this policy: the process runs "
			       "under another that reports denied calls "
			       "(log = stderr), whose reports need its own "
			       "handler");
	else if (by_origin == PROBE_FOUND_REPORTS &&
		 on_top != PROBE_FOUND_REPORTS)
		rc = error_set(err, compiled->file, 0,
			       "changed since this process tree started "
			       "under it, and log = stderr needs the policy "
			       "in force: restart the tree to apply it");
	else if (compiled->log == POLICY_LOG_STDERR)
		rc = reporter_start(compiled->report, compiled->report_len,
				    found(on_top), compiled->file, err);
	if (rc == 0 && !found(on_top)) {
		struct confine_extras extras = {
			.mdwe = compiled->mdwe,
			.drop_caps = compiled->drop_caps,
			.flags = compiled->log == POLICY_LOG_KERNEL
					 ? SECCOMP_FILTER_FLAG_LOG
					 : 0,
		};

		rc = confine_filter_flags(&compiled->filter, compiled->landlock,
					  compiled->landlock_len, &extras,
					  compiled->file, err);
	}
	compiled_free(compiled);
	return rc;
}

int confine_compiled(struct compiled *compiled, struct shim_error *err)
{
	return confine_probed(compiled, PROBE_OTHER, err);
}

int confine_policy(const char *setting, int trust, confine_compiler *compile,
		   struct shim_error *err)
{
	/* On the stack, and small: the dynamic loader has touched the stack
	 * a good way below this frame already, so the files
	 * read here land in pages that cost no fault (measured: none, where
	 * a static room cost two). */
	struct cache_room room;
	struct compiled compiled;
	uint64_t origin = compiled_origin(setting);
	enum probe_answer by_origin = PROBE_OTHER;
	int rc;

	/* A system policy (trust) takes no probe's word: any program can
	 * install a filter that answers "found" before it executes another
	 * (tests/forge-probe.c), and a system policy is not the caller's to
	 * drop. It is installed in every process, even where the same one is
	 * in force already. */
	if (trust)
		by_origin = sys2(SYS_prctl, PR_GET_SECCOMP, 0) == 0
				    ? PROBE_NONE
				    : PROBE_UNASKED;
	/* A child of a process confined by this same setting (the same
	 * inline text, or the same path from where it is seen): the filter is
	 * in force already, and the child reads nothing (README: a confined
	 * tree keeps the policy it started with), unless the filter reports
	 * denied calls: then the child needs the table for its handler. */
	else if (origin) {
		by_origin = probe(origin);
		if (by_origin == PROBE_FOUND)
			return 0;
		/* A relative path: the same string, after a change of
		 * directory, names the filter it named at the top of the tree
		 * (compiled.h), which is in force already. */
		if (!found(by_origin)) {
			uint64_t relative = compiled_relative_key(setting);
			enum probe_answer by_string =
				relative ? probe(relative) : PROBE_NONE;
			struct stat st;

			if (by_string == PROBE_FOUND)
				return 0;
			/* a reporting filter's table is in the cache entry
			 * of the file the path names from the top */
			if (by_string == PROBE_FOUND_REPORTS &&
			    sys_stat(setting, &st) < 0)
				return error_set(err, setting, 0,
						 "log = stderr: the policy in "
						 "force was named by this "
						 "relative path from another "
						 "directory, and its reports' "
						 "table cannot be found from "
						 "here: name the policy by an "
						 "absolute path");
			if (by_string == PROBE_FOUND_REPORTS)
				by_origin = PROBE_FOUND_REPORTS;
		}
	}
	if (!cache_lookup(setting, origin, trust, &room, &compiled)) {
		/* Under a filter of the shim's already, the calls that store
		 * (mkdir, open, rename) may be ones it kills. */
		char dir[PATH_MAX];
		int store = by_origin == PROBE_NONE &&
			    cache_directory(dir, sizeof(dir)) == 0;

		rc = compile(setting, trust, store ? dir : NULL, &compiled,
			     err);
		if (rc < 0)
			return rc;
	}
	return confine_probed(&compiled, by_origin, err);
}

/* Add n bytes of s to the string path[0..*used) of size bytes; 0 if they
 * do not fit. */
static int append(char *path, size_t size, size_t *used, const char *s,
		  size_t n)
{
	if (n >= size - *used)
		return 0;
	memcpy(path + *used, s, n);
	*used += n;
	path[*used] = '\0';
	return 1;
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
	 * the way root's alone (or a missing file would prove nothing). In
	 * every process of such a build: no libc formatting (guest.h). */
	used = 0;
	if (!append(path, size, &used, dir, strlen(dir)))
		return error_set(err, dir, 0, "path too long");
	for (char *name = exe + 1; *name;) {
		size_t len = strcspn(name, "/");
		int last = name[len] == '\0';

		if (!append(path, size, &used, "/", 1) ||
		    !append(path, size, &used, name, len) ||
		    (last && !append(path, size, &used, ".ini", 4)))
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
