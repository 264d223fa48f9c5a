/*
 * Remove LD_PRELOAD and SECCOMP_SHIM_POLICY from the environment and
 * re-execute itself, hoping the new image starts unconfined; then
 * mkdir(argv[1]). Filters are inherited across execve, whatever the
 * environment says.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	if (getenv("LD_PRELOAD") || getenv("SECCOMP_SHIM_POLICY")) {
		unsetenv("LD_PRELOAD");
		unsetenv("SECCOMP_SHIM_POLICY");
		execv("/proc/self/exe", argv);
		printf("(re-exec failed: %s)\n", strerror(errno));
		return 1;
	}
	if (mkdir(argv[1], 0700) == 0)
		printf("ESCAPED: mkdir worked after re-exec without the "
		       "shim\n");
	else
		printf("blocked: mkdir: %s\n", strerror(errno));
	return 0;
}
