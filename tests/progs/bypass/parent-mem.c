/*
 * parent-mem [PID]: reach the parent (or process PID, a sibling say),
 * which the policy does not confine (or confines less):
 * open its /proc/PID/mem for writing, which is how code is written into a
 * running process (the allowed openat and pwrite64 do it), attach to it
 * with ptrace, and read its memory with process_vm_readv. A seccomp filter
 * cannot tell these from the same calls on the program's own children;
 * the shim's Landlock domain stops them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char path[64], buf[8];
	pid_t parent = argc > 1 ? (pid_t)atoi(argv[1]) : getppid();
	struct iovec local = {buf, sizeof(buf)}, remote = {(void *)4096, 8};
	int escaped = 0, fd;

	snprintf(path, sizeof(path), "/proc/%d/mem", (int)parent);
	fd = open(path, O_RDWR);
	if (fd >= 0) {
		escaped = 1;
		printf("ESCAPED: opened the parent's memory for writing\n");
		close(fd);
	}
	/* (seize: the same check as attach, without stopping the parent) */
	if (ptrace(PTRACE_SEIZE, parent, 0, 0) == 0) {
		escaped = 1;
		printf("ESCAPED: ptrace seized the parent\n");
		ptrace(PTRACE_DETACH, parent, 0, 0);
	}
	if (process_vm_readv(parent, &local, 1, &remote, 1, 0) >= 0 ||
	    errno == EFAULT) {
		escaped = 1;
		printf("ESCAPED: process_vm_readv reached the parent\n");
	}
	if (!escaped)
		printf("blocked: the parent's memory, ptrace, "
		       "process_vm_readv\n");
	return 0;
}
