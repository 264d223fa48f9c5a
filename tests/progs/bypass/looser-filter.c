/*
 * Install a second filter that allows everything, hoping it replaces the
 * policy's, then mkdir(argv[1]). The kernel runs every filter and takes the
 * strictest answer: a filter can only take away.
 */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = {1, &allow};

	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
		printf("(installing the filter failed: %s) ", strerror(errno));
	if (argc > 1 && mkdir(argv[1], 0700) == 0)
		printf("ESCAPED: mkdir worked after an allow-all filter\n");
	else
		printf("blocked: mkdir: %s\n", strerror(errno));
	return 0;
}
