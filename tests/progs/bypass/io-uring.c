/*
 * io_uring performs reads, writes, opens and connects in the kernel on
 * the program's behalf, where no seccomp filter sees them: a policy that
 * allows io_uring_setup has no say over files and sockets. The default
 * policy (and deny-kernel-admin) refuse io_uring_setup itself.
 */
#include <errno.h>
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	struct io_uring_params params;
	long fd;

	memset(&params, 0, sizeof(params));
	fd = syscall(SYS_io_uring_setup, 4, &params);
	if (fd >= 0)
		printf("ESCAPED: io_uring_setup gave a ring\n");
	else
		printf("blocked: io_uring_setup: %s\n", strerror(errno));
	return 0;
}
