/*
 * Read a file without read(2): Linux native AIO (io_setup, io_submit with
 * IOCB_CMD_PREAD, io_getevents) reads an open descriptor in the kernel.
 * A policy that denies the read family must deny @aio too (seccomp-shim
 * check warns when it does not); under such a policy this must fail.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/aio_abi.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	aio_context_t ctx = 0;
	struct iocb cb, *cbs[1] = {&cb};
	struct io_event event;
	char buf[64] = "";
	int fd;

	if (argc < 2 || (fd = open(argv[1], O_RDONLY)) < 0)
		return 2;
	if (syscall(SYS_io_setup, 1, &ctx) < 0) {
		printf("blocked: io_setup: %s\n", strerror(errno));
		return 0;
	}
	memset(&cb, 0, sizeof(cb));
	cb.aio_fildes = (uint32_t)fd;
	cb.aio_lio_opcode = IOCB_CMD_PREAD;
	cb.aio_buf = (uint64_t)(uintptr_t)buf;
	cb.aio_nbytes = sizeof(buf) - 1;
	if (syscall(SYS_io_submit, ctx, 1, cbs) != 1) {
		printf("blocked: io_submit: %s\n", strerror(errno));
		return 0;
	}
	if (syscall(SYS_io_getevents, ctx, 1, 1, &event, NULL) == 1 &&
	    event.res > 0)
		printf("ESCAPED: read %lld bytes without read(2)\n",
		       (long long)event.res);
	else
		printf("blocked: no data\n");
	return 0;
}
