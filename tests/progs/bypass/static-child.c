/*
 * Built statically (bypass.sh links it with -static): LD_PRELOAD cannot
 * reach it, so a confined program executes it hoping to get a process the
 * shim never saw; then mkdir(argv[1]). The filter came with the exec.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (mkdir(argv[1], 0700) == 0)
		printf("ESCAPED: a static child made the directory\n");
	else
		printf("blocked: mkdir: %s\n", strerror(errno));
	return 0;
}
