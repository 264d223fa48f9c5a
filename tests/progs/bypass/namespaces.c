/*
 * Get capabilities in a new user namespace (and from there mount, or
 * reach kernel code unprivileged users otherwise cannot): unshare, clone
 * with CLONE_NEWUSER, and clone3 (whose flags no filter can read).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	struct clone_args args;
	long pid;
	int escaped = 0;

	if (unshare(CLONE_NEWUSER) == 0) {
		escaped = 1;
		printf("ESCAPED: unshare(CLONE_NEWUSER)\n");
	}
	pid = syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		escaped = 1;
		waitpid((pid_t)pid, NULL, 0);
		printf("ESCAPED: clone(CLONE_NEWUSER)\n");
	}
	memset(&args, 0, sizeof(args));
	args.flags = CLONE_NEWUSER;
	args.exit_signal = SIGCHLD;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid == 0)
		_exit(0);
	if (pid > 0) {
		escaped = 1;
		waitpid((pid_t)pid, NULL, 0);
		printf("ESCAPED: clone3(CLONE_NEWUSER)\n");
	}
	if (!escaped)
		printf("blocked: unshare, clone and clone3 with "
		       "CLONE_NEWUSER\n");
	return 0;
}
