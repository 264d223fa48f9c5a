/*
 * syscall-loop N: N one-byte reads from /dev/zero and writes to /dev/null,
 * as dd bs=1 does: a program whose time is system calls (make bench).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 100000;
	int in = open("/dev/zero", O_RDONLY), out = open("/dev/null", O_WRONLY);
	char byte;

	if (in < 0 || out < 0)
		return 1;
	for (long i = 0; i < n; i++)
		if (read(in, &byte, 1) != 1 || write(out, &byte, 1) != 1)
			return 1;
	return 0;
}
