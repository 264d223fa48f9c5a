/*
 * ctor-mkdir: linked against libctorouter (which links libctorinner),
 * whose constructors run before any preloaded library's. main makes
 * $CTOR_DIR/main and prints "main mkdir: OK" or the errno's name, after
 * the constructors' lines.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *ctor_level_name(void);

int main(void)
{
	const char *dir = getenv("CTOR_DIR");
	char path[4096];

	if (!dir || !*ctor_level_name())
		return 2;
	snprintf(path, sizeof(path), "%s/main", dir);
	printf("main mkdir: %s\n",
	       mkdir(path, 0700) == 0 ? "OK" : strerrorname_np(errno));
	return 0;
}
