/*
 * seccomp-shim-compile: the policy compiler as a program of its own, which
 * the preload library runs on a cache miss (spawn.h), so that no compiler,
 * libseccomp or libinih ever runs inside a confined program.
 *
 *   seccomp-shim-compile [--trust] [--cache DIR] [--] SETTING
 *
 * SETTING is a SECCOMP_SHIM_POLICY value (a path, relative to the working
 * directory, or inline text). On stdout: the compiled policy as a cache
 * entry, exit 0; or the error, as spawn_write_error writes it, exit 1.
 * With --cache, the entry is stored in DIR too (where the policy's owner
 * may store it; best effort). With --trust, every file read must be root's
 * (a system policy). Exit 2: a bad command line.
 *
 * Linked statically: neither LD_PRELOAD nor /etc/ld.so.preload can load
 * the shim into it, so it cannot start another compiler, and it starts
 * without the dynamic loader's work.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "compiled.h"
#include "compile.h"
#include "source.h"
#include "spawn.h"

static int usage(void)
{
	static const char text[] =
		"usage: " SPAWN_PROGRAM " [--trust] [--cache DIR] [--] "
		"SETTING\n";

	source_write_all(STDERR_FILENO, text, sizeof(text) - 1);
	return 2;
}

/* The system call table is this program's own (libseccomp is linked in):
 * its file is what a cached result depends on. */
static int identify_self(struct compiled *compiled, struct shim_error *err)
{
	char *self;

	if (compiled->library.path)
		return 0;
	self = realpath("/proc/self/exe", NULL);
	if (!self || compiled_library_identify(&compiled->library, self) < 0) {
		free(self);
		return error_set(err, compiled->file, 0,
				 "cannot tell which file the policy compiler "
				 "is");
	}
	free(self);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cache_dir = NULL, *setting;
	struct compiled compiled = {0};
	struct shim_error err;
	size_t len;
	char *entry;
	int trust = 0, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--trust") == 0)
			trust = 1;
		else if (strcmp(argv[i], "--cache") == 0 && i + 1 < argc)
			cache_dir = argv[++i];
		else if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		} else
			break;
	}
	if (i != argc - 1)
		return usage();
	setting = argv[i];
	if (policy_compile_source(setting, trust, &compiled, &err) < 0 ||
	    identify_self(&compiled, &err) < 0) {
		spawn_write_error(STDOUT_FILENO, &err);
		compiled_free(&compiled);
		return 1;
	}
	if (cache_dir)
		cache_store_in(cache_dir, setting, &compiled, NULL, 0);
	if (cache_serialize(setting, &compiled, &entry, &len) < 0) {
		error_nomem(&err, compiled.file, 0);
		spawn_write_error(STDOUT_FILENO, &err);
		compiled_free(&compiled);
		return 1;
	}
	compiled_free(&compiled);
	if (source_write_all(STDOUT_FILENO, entry, len) < 0) {
		free(entry);
		return 1;
	}
	free(entry);
	return 0;
}
