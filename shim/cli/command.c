/* seccomp-shim command: what the subcommands share (command.h). */
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

/* Where shipped policies are: $SECCOMP_SHIM_CONFDIR, or the installed. */
const char *command_shipped_dir(void)
{
	const char *dir = getenv("SECCOMP_SHIM_CONFDIR");

	return dir && *dir ? dir : SYSCONFDIR "/seccomp-shim";
}

__attribute__((format(printf, 1, 2))) void command_complain(const char *fmt,
							    ...)
{
	va_list ap;

	fputs("seccomp-shim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void command_print_error(const struct shim_error *err)
{
	char line[sizeof(err->file) + sizeof(err->message) + 32];

	error_format(err, line, sizeof(line));
	fprintf(stderr, "%s\n", line);
}

/* --- policies: by path, by shipped name, or the built-in one ------------ */

/* The shipped policy whose name is nearest to name (suggest.h), or NULL. */
static const char *nearest_shipped(const char *name)
{
	static char found[NAME_MAX + 1];
	const char *names[64];
	char *copies[64];
	size_t n = 0;
	const char *near;
	struct dirent *e;
	DIR *d = opendir(command_shipped_dir());

	while (d && n < 64 && (e = readdir(d))) {
		size_t len = strlen(e->d_name);

		if (len > 4 && strcmp(e->d_name + len - 4, ".ini") == 0) {
			copies[n] = strndup(e->d_name, len - 4);
			if (copies[n])
				names[n] = copies[n], n++;
		}
	}
	if (d)
		closedir(d);
	near = suggest_pick(name, names, n);
	if (near)
		snprintf(found, sizeof(found), "%s", near);
	for (size_t i = 0; i < n; i++)
		free(copies[i]);
	return near ? found : NULL;
}

/*
 * What a POLICY argument names: "default", the built-in policy (*builtin
 * set, the text returned); a file (made absolute if asked, since children
 * resolve the path again); or a policy shipped in the configuration directory
 * ("deny-kernel-admin" or "deny-kernel-admin.ini"). Returns a malloc'd
 * setting, or NULL with a message printed.
 */
char *command_policy_setting(const char *name, int absolute, int *builtin)
{
	char path[PATH_MAX], *resolved;
	struct stat st;

	*builtin = 0;
	if (strcmp(name, DEFAULT_POLICY_NAME) == 0) {
		*builtin = 1;
		return strdup(default_policy_text);
	}
	if (strchr(name, '/') || stat(name, &st) == 0) {
		if (!absolute)
			return strdup(name);
		resolved = realpath(name, NULL);
		if (!resolved)
			command_complain("%s: cannot open policy: %s", name,
					 strerror(errno));
		return resolved;
	}
	snprintf(path, sizeof(path), "%s/%s%s", command_shipped_dir(), name,
		 strstr(name, ".ini") ? "" : ".ini");
	if (stat(path, &st) == 0)
		return strdup(path);
	{
		char phrase[96];

		command_complain(
			"%s: no such policy file, and no policy of that name "
			"in %s%s",
			name, command_shipped_dir(),
			suggest_phrase(nearest_shipped(name), phrase,
				       sizeof(phrase)));
	}
	return NULL;
}

void command_unload(struct loaded *l)
{
	if (l->built)
		filter_free(&l->filter);
	if (l->resolved)
		rules_free(&l->rules);
	policy_free(&l->policy);
}

int command_load(const char *setting, int builtin, struct loaded *l,
		 struct shim_error *err)
{
	uint64_t digest;
	int rc;

	memset(l, 0, sizeof(*l));
	if (builtin)
		rc = policy_parse(setting, strlen(setting),
				  "(built-in default policy)", &l->policy, err);
	else
		rc = source_load(setting, &l->policy, err);
	if (rc < 0)
		return rc;
	if (l->policy.mode == POLICY_MODE_STRICT)
		return 0;
	/* Exactly what the library would install, probe rules included. */
	rc = policy_compile(&l->policy, compiled_origin(setting),
			    compiled_relative_key(setting), &l->rules,
			    &l->filter, &digest, err);
	if (rc < 0) {
		policy_free(&l->policy);
		return rc;
	}
	l->resolved = l->built = 1;
	return 0;
}
