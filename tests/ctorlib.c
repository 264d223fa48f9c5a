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
