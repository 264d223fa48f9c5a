/*
 * Floor (b) of make bench: a preloaded library that sets NO_NEW_PRIVS and
 * attaches a one-instruction filter (allow everything): what attaching
 * any seccomp filter costs, which no shim can avoid. A process that runs
 * under a filter already (a child of one that loaded this) adds none, as
 * the shim adds none under one policy: the floor for inherited children.
 */
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((constructor)) static void bench_filter(void)
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = {1, &allow};

	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER)
		return;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog))
		_exit(125);
}
