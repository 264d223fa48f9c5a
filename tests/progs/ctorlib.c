/*
 * A shared library whose constructor calls mkdir, built twice: as the
 * inner library (CTOR_LEVEL "inner") and as the outer one ("outer"), which
 * the program ctor-mkdir links and which itself links the inner one. The
 * dynamic loader runs both constructors before any preloaded library's
 * (inner first): the shim's filter must be in force already.
 *
 * Each constructor makes the directory $CTOR_DIR/LEVEL and prints
 * "LEVEL constructor mkdir: OK" or the errno's name on stdout.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef CTOR_LEVEL
#error "build with -DCTOR_LEVEL=\"inner\" or \"outer\""
#endif

/* So that the program (or the outer library) needs this one. */
const char *ctor_level_name(void);
const char *ctor_inner_name(void);

const char *ctor_level_name(void)
{
#ifdef CTOR_OUTER
	return ctor_inner_name();
#else
	return CTOR_LEVEL;
#endif
}

#ifndef CTOR_OUTER
const char *ctor_inner_name(void)
{
	return CTOR_LEVEL;
}

/*
 * An IFUNC resolver: code the loader runs while it relocates this library,
 * which it does before it relocates a preloaded one (the shim), so before
 * the shim's filter: what the README says still runs unconfined. With
 * $CTOR_RESOLVER_DIR set, it makes the directory $CTOR_RESOLVER_DIR/resolver.
 * (libc is not initialised yet: the environment comes from the initial
 * stack, and the path is put together by hand.)
 */
extern void *__libc_stack_end;

static void resolved(void)
{
}

static void (*resolve(void))(void)
{
	static const char name[] = "CTOR_RESOLVER_DIR=", leaf[] = "/resolver";
	long *stack = __libc_stack_end;
	char **env = (char **)(stack + 1 + stack[0] + 1), path[4096];

	for (; *env; env++) {
		size_t n = 0, i = 0;

		while (name[n] && (*env)[n] == name[n])
			n++;
		if (name[n])
			continue;
		for (; (*env)[n + i] && i < sizeof(path) - sizeof(leaf); i++)
			path[i] = (*env)[n + i];
		for (size_t j = 0; j < sizeof(leaf); j++)
			path[i + j] = leaf[j];
		/* (no libc call: its slots may not be bound yet) */
		__asm__ volatile("syscall"
				 : "=a"(n)
				 : "a"(SYS_mkdir), "D"(path), "S"(0700)
				 : "rcx", "r11", "memory");
	}
	return resolved;
}

/* A relocation of this library's own (IRELATIVE: applied after its other
 * relocations, so that libc's functions and __libc_stack_end are bound)
 * calls the resolver. */
static void ctor_resolved(void) __attribute__((ifunc("resolve")));
static void (*const ctor_resolved_at)(void)
	__attribute__((used)) = ctor_resolved;
#endif

__attribute__((constructor)) static void ctor_mkdir(void)
{
	const char *dir = getenv("CTOR_DIR");
	char path[4096], line[128];
	int n;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, CTOR_LEVEL);
	n = snprintf(line, sizeof(line), "%s constructor mkdir: %s\n",
		     CTOR_LEVEL,
		     mkdir(path, 0700) == 0 ? "OK" : strerrorname_np(errno));
	/* (write, not stdio: the output must not wait for main's) */
	if (write(STDOUT_FILENO, line, (size_t)n) < 0)
		return;
}
