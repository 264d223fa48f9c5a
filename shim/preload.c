/*
 * libseccomp-shim.so: the preload front door.
 *
 * The constructor runs before the program's own constructors and main. It
 * does nothing at all unless SECCOMP_SHIM_POLICY is set (or, in a build
 * configured with --enable-program-policies, a system policy names this
 * program); then it confines the process or, on any error, ends it: the
 * program never runs unconfined after a policy error.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build-id.h"
#include "confine.h"
#include "core.h"
#include "env.h"
#include "error.h"
#include "reporter.h"
#include "source.h"
#include "strict.h"
#include "sys.h"

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

/*
 * The compiler, on a cache miss: the core module from next to this
 * library (or CORE_PATH, for a test build), loaded for the call only.
 */
static int compile(const char *setting, int trust, struct compiled *out,
		   struct shim_error *err)
{
	const char *name = source_is_inline(setting) ? SOURCE_INLINE_NAME
						     : setting;
	char path[PATH_MAX];
	core_entry *entry;
	void *core;
	int rc;
#ifdef CORE_PATH
	snprintf(path, sizeof(path), "%s", CORE_PATH);
#else
	Dl_info self;
	const char *slash = NULL;

	if (dladdr((void *)compile, &self) && self.dli_fname)
		slash = strrchr(self.dli_fname, '/');
	if (slash)
		snprintf(path, sizeof(path), "%.*s/%s",
			 (int)(slash - self.dli_fname), self.dli_fname,
			 CORE_FILE);
	else
		snprintf(path, sizeof(path), "%s", CORE_FILE);
#endif
	core = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (!core)
		return error_set(err, name, 0,
				 "cannot load the policy compiler: %s",
				 dlerror());
	entry = (core_entry *)dlsym(core, CORE_SYMBOL);
	if (entry)
		rc = entry(SHIM_BUILD_ID, setting, trust, out, err);
	else
		rc = error_set(err, name, 0, "%s: not the policy compiler",
			       path);
	/* What it compiled is plain memory: the module can go. */
	dlclose(core);
	return rc;
}

/* End the process that cannot be confined, saying why. */
static __attribute__((noinline, noreturn)) void refuse(
	const struct shim_error *err)
{
	char line[sizeof(err->file) + sizeof(err->message) + 32];
	int n = error_format(err, line, sizeof(line) - 1);

	/* The host program owns stdio: write the line with write(2). */
	line[n++] = '\n';
	write_all(STDERR_FILENO, line, (size_t)n);
	_exit(SHIM_EXIT_REFUSED);
}

/* Confine with setting (and the system policy), or end the process. */
static __attribute__((noinline)) void confine(const char *setting,
					      const char *argv0)
{
	/* not on the stack: 4.6 KiB that would push the frames below it
	 * into untouched pages (see confine.c) */
	static struct shim_error err;
	int saved_errno = errno;

	reporter_program(argv0); /* for log = stderr */

#ifdef PROGRAM_POLICY_DIR
	char program[2 * PATH_MAX + 8];

	/* The administrator's policy for this program comes first, and the
	 * environment's can only add to it. A strict one leaves no way to
	 * add anything. */
	int n = confine_program_policy(PROGRAM_POLICY_DIR, program,
				       sizeof(program), &err);

	if (n < 0 ||
	    (n > 0 && confine_policy(program, 1, compile, &err) < 0))
		refuse(&err);
	errno = saved_errno; /* its lookups may have set it */
	if (strict_active)
		return;
#endif
	if (!setting || !*setting)
		return;
	if (confine_policy(setting, 0, compile, &err) < 0)
		refuse(&err);
	errno = saved_errno;
}

/*
 * The variable's name lives with the code (sys.h): in a process without a
 * policy the library then touches no page of its own but code, and no
 * libc function (env.h).
 */
static const char policy_variable[] SYS_HOT_STRING = "SECCOMP_SHIM_POLICY";

/* The dynamic loader passes constructors argc, argv and envp. */
__attribute__((constructor)) static void preload_init(int argc, char **argv,
						      char **envp)
{
	const char *setting;

	env_init(envp);
	setting = env_get(policy_variable);

#ifndef PROGRAM_POLICY_DIR
	if (!setting || !*setting)
		return;
#endif
	confine(setting, argc > 0 && argv ? argv[0] : NULL);
}
