/*
 * Floor (d) of make bench: a preloaded library that attaches the filter
 * in the file BENCH_FILTER (a struct sock_filter array, as `seccomp-shim
 * explain --bpf` writes it) and does nothing else: what the kernel charges
 * for that filter, which no tool that attaches it can avoid. Against it,
 * the shim's own work on a cached start shows alone.
 */
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

__attribute__((constructor)) static void bench_load(void)
{
	static struct sock_filter insns[4096];
	const char *path = getenv("BENCH_FILTER");
	struct sock_fprog prog;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	ssize_t n = fd >= 0 ? read(fd, insns, sizeof(insns)) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0 || n % sizeof(*insns))
		_exit(125);
	prog.len = (unsigned short)(n / sizeof(*insns));
	prog.filter = insns;
	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER)
		return;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_TSYNC, &prog))
		_exit(125);
}
