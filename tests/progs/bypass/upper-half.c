/*
 * Under "socket = errno:EAFNOSUPPORT if a0 == AF_INET" (with a fallback
 * that allows), pass AF_INET with garbage in the upper 32 bits of the
 * register: the kernel reads the int's low half and makes an IPv4 socket,
 * so a filter comparing all 64 bits would be fooled.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	long fd = syscall(SYS_socket, 0x100000000L | AF_INET, SOCK_STREAM, 0);

	if (fd >= 0)
		printf("ESCAPED: an IPv4 socket through the upper half\n");
	else
		printf("blocked: socket: %s\n", strerror(errno));
	return 0;
}
