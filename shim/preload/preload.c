/*
 * libseccomp-shim.so: the preload front door.
 *
 * The process is confined while the dynamic loader relocates the program,
 * before any object's constructor runs (those of the program's own shared
 * libraries come before a preloaded library's): an IFUNC resolver of this
 * library's, which the loader calls to apply one of the library's own
 * relocations (with -z now, all relocation happens before the first
 * constructor). libc is not initialised then: what runs there makes its
 * own system calls (sys.h), formats its own messages (format.h) and takes
 * memory from mmap, and the environment comes from the initial stack.
 *
 * It does nothing at all unless SECCOMP_SHIM_POLICY is set (or, in a build
 * configured with --enable-program-policies, a system policy names this
 * program); then it confines the process or, on any error, ends it: the
 * program never runs unconfined after a policy error. Strict mode alone
 * waits for the constructor, which switches (strict.h).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "confine.h"
#include "env.h"
#include "error.h"
#include "landlock.h"
#include "reporter.h"
#include "source.h"
#include "spawn.h"
#include "strict.h"
#include "sys.h"

/* The compiler, on a cache miss: a process of its own (spawn.h). */
static int compile(const char *setting, int trust, const char *store_dir,
		   struct compiled *out, struct shim_error *err)
{
	return spawn_compile(setting, trust, store_dir, COMPILER_PATH, out,
			     err);
}

/* End the process that cannot be confined, saying why. */
static __attribute__((noinline, noreturn)) void
refuse(const struct shim_error *err)
{
	char line[sizeof(err->file) + sizeof(err->message) + 32];
	int n = error_format(err, line, sizeof(line) - 1);

	/* The host program owns stdio: write the line with write(2). */
	line[n++] = '\n';
	source_write_all(STDERR_FILENO, line, (size_t)n);
	strict_exit(SHIM_EXIT_REFUSED);
}

/* For tests (landlock.h): the Landlock ABI to pretend the kernel has at
 * most, from the environment; 0 for none. */
static int abi_limit(void)
{
	static const char variable[] SYS_HOT_STRING =
		"SECCOMP_SHIM_LANDLOCK_ABI";

	return landlock_limit_parse(env_get(variable));
}

/* Confine with setting (and the system policy), or end the process. */
static __attribute__((noinline)) void confine(const char *setting,
					      const char *argv0)
{
	/* not on the stack: 4.6 KiB that would push the frames below it
	 * into untouched pages (see confine.c) */
	static struct shim_error err;

	reporter_program(argv0); /* for log = stderr */

#ifdef PROGRAM_POLICY_DIR
	char program[2 * PATH_MAX + 8];

	/* The administrator's policy for this program comes first, and the
	 * environment's can only add to it. A strict one leaves no way to
	 * add anything. */
	int n = confine_program_policy(PROGRAM_POLICY_DIR, program,
				       sizeof(program), &err);

	if (n < 0 || (n > 0 && confine_policy(program, 1, compile, &err) < 0))
		refuse(&err);
	if (confine_strict_pending())
		return;
#endif
	if (!setting || !*setting)
		return;
	int abi = abi_limit();

	if (abi) /* (no write otherwise: the page stays clean) */
		landlock_limit(abi);
	if (confine_policy(setting, 0, compile, &err) < 0)
		refuse(&err);
}

/*
 * The variable's name lives with the code (sys.h): in a process without a
 * policy the library then touches no page of its own but code, and no
 * libc function (env.h).
 */
static const char policy_variable[] SYS_HOT_STRING = "SECCOMP_SHIM_POLICY";

/* The dynamic loader's: where the initial stack (argc, argv, envp and
 * the auxiliary vector) is, before libc has read it. */
extern void *__libc_stack_end;

static void preload_nothing(void)
{
}

/*
 * The early entry: an IFUNC resolver, called by the dynamic loader when it
 * applies the relocation below (an IRELATIVE one), before any constructor.
 */
static void (*preload_early(void))(void)
{
	long *stack = __libc_stack_end;
	long argc = stack[0];
	char **argv = (char **)(stack + 1);
	const char *setting;

	if (env_vector())
		return preload_nothing; /* (a resolver may be asked again) */
	env_init(argv + argc + 1);
	setting = env_get(policy_variable);
#ifndef PROGRAM_POLICY_DIR
	if (!setting || !*setting)
		return preload_nothing;
#endif
	confine(setting, argc > 0 ? argv[0] : NULL);
	return preload_nothing;
}

static void preload_start(void) __attribute__((ifunc("preload_early")));
static void (*const preload_entry)(void) __attribute__((used)) = preload_start;

/* Strict mode's switch, once libc is initialised. */
__attribute__((constructor)) static void preload_init(void)
{
	static struct shim_error err;
	int saved_errno = errno;

	if (!confine_strict_pending())
		return;
	if (confine_strict_now(&err) < 0)
		refuse(&err);
	errno = saved_errno;
}
