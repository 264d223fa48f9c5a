/*
 * The strict-mode demo: an ordinary program with no seccomp code in it. It
 * prints, allocates, reads a line of input, and then opens a file. Run it
 * under mode = strict without recompiling (examples/demo.sh does):
 *
 *   cc -o strict-demo strict-demo.c
 *   echo hi | LD_PRELOAD=libseccomp-shim.so \
 *	SECCOMP_SHIM_POLICY=examples/strict.ini ./strict-demo
 *
 * Steps 1 to 3 work; open() is none of read, write, exit and sigreturn, so
 * the kernel kills the process with SIGKILL and step 4 never prints.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char line[100] = "";
	char *copy;
	int fd;

	printf("step 1: printf works\n");
	copy = malloc(1 << 20);
	if (!copy)
		return 1;
	printf("step 2: malloc gave 1 MiB\n");
	if (fgets(line, sizeof(line), stdin))
		printf("step 3: read a line: %s", line);
	free(copy);
	fd = open("/etc/passwd", O_RDONLY);
	printf("step 4: open() returned %d: this line only prints unconfined\n",
	       fd);
	return 0;
}
