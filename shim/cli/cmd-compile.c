/* seccomp-shim compile (seccomp-shim(1)). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <elf.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/xattr.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action.h"
#include "cache.h"
#include "condition.h"
#include "confine.h"
#include "constants.h"
#include "convert.h"
#include "error.h"
#include "filter.h"
#include "groups.h"
#include "compile.h"
#include "landlock-rules.h"
#include "landlock.h"
#include "learn.h"
#include "lint.h"
#include "listing.h"
#include "policy.h"
#include "report.h"
#include "rules.h"
#include "source.h"
#include "suggest.h"

#include "command.h"

/* --- compile ----------------------------------------------------------------
 */

static const char compile_usage[] =
	"usage: seccomp-shim compile POLICY...\n"
	"Compile each POLICY (a file, a shipped policy's name, or "
	"\"default\")\n"
	"into the cache of compiled policies, where the library finds it: its\n"
	"starts then load no compiler. A file is cached under the name given\n"
	"and under its absolute path (which seccomp-shim run passes on).\n"
	"  -h, --help  this help\n"
	"Exit status: 0, 1 if a policy is invalid or cannot be cached, 2 for "
	"a\n"
	"bad command line.\n";

/*
 * Compile the policy setting names and store it in the cache; where it
 * went in where. Returns 0, or -1 with a message printed (loudly only if
 * loud: seccomp-shim run caches as a courtesy).
 */
int command_cache_policy(const char *setting, char *where, size_t size,
			 int loud)
{
	struct compiled compiled;
	struct shim_error err;
	int rc;

	if (policy_compile_source(setting, 0, &compiled, &err) < 0) {
		if (loud)
			command_print_error(&err);
		return -1;
	}
	rc = cache_store(setting, &compiled, where, size);
	if (rc < 0 && loud) {
		char dir[PATH_MAX];

		if (rc == -EPERM && source_is_inline(setting))
			command_complain(
				"%s: not cached: only root caches inline "
				"policy text",
				compiled.file);
		else if (rc == -EPERM && compiled.owner != geteuid())
			command_complain(
				"%s: not cached: only the policy file's owner "
				"(uid %u) may cache it",
				compiled.file, (unsigned int)compiled.owner);
		else if (cache_directory(dir, sizeof(dir)) < 0)
			command_complain(
				"%s: not cached: the cache is off "
				"(SECCOMP_SHIM_CACHE is not an absolute path, "
				"or HOME is unset)",
				compiled.file);
		else
			command_complain(
				"%s: not cached: %s: %s%s", compiled.file, dir,
				strerror(-rc),
				rc == -EPERM ? " (it must be this user's, "
					       "writable by this user alone)"
					     : "");
	}
	compiled_free(&compiled);
	return rc < 0 ? -1 : 0;
}

static int compile_one(const char *name)
{
	char where[PATH_MAX + 64];
	char *setting, *absolute;
	int builtin, rc;

	setting = command_policy_setting(name, 0, &builtin);
	if (!setting)
		return -1;
	rc = command_cache_policy(setting, where, sizeof(where), 1);
	if (rc == 0)
		printf("%s: cached in %s\n",
		       builtin ? DEFAULT_POLICY_NAME : setting, where);
	absolute = rc == 0 && !builtin ? realpath(setting, NULL) : NULL;
	if (absolute && strcmp(absolute, setting) != 0) {
		rc = command_cache_policy(absolute, where, sizeof(where), 1);
		if (rc == 0)
			printf("%s: cached in %s\n", absolute, where);
	}
	free(absolute);
	free(setting);
	return rc;
}

int cmd_compile(int argc, char **argv)
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int failed = 0, opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(compile_usage, stdout);
			return 0;
		}
		fputs(compile_usage, stderr);
		return EXIT_USAGE;
	}
	if (optind >= argc) {
		fputs(compile_usage, stderr);
		return EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++)
		if (compile_one(argv[i]) < 0)
			failed = 1;
	fflush(stdout);
	return failed ? EXIT_INVALID : 0;
}
