/*
 * Reach into another process, which the policy may not confine the same
 * way (or make a traced child do the forbidden call): ptrace a child,
 * write into it with process_vm_writev, or read it with process_vm_readv.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	static char word[8] = "before";
	char buf[8] = "after";
	struct iovec local = {buf, sizeof(buf)}, remote = {word, sizeof(word)};
	pid_t child = fork();
	int escaped = 0;

	if (child == 0) {
		pause();
		_exit(0);
	}
	if (ptrace(PTRACE_ATTACH, child, 0, 0) == 0) {
		escaped = 1;
		printf("ESCAPED: ptrace attached\n");
	}
	if (process_vm_writev(child, &local, 1, &remote, 1, 0) > 0) {
		escaped = 1;
		printf("ESCAPED: process_vm_writev wrote\n");
	}
	if (process_vm_readv(child, &local, 1, &remote, 1, 0) > 0) {
		escaped = 1;
		printf("ESCAPED: process_vm_readv read\n");
	}
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	if (!escaped)
		printf("blocked: ptrace, process_vm_writev, "
		       "process_vm_readv\n");
	return 0;
}
