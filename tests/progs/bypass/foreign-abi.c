/*
 * Make a call through another ABI, where the call numbers differ and a
 * filter that checks only the number would see another call: x32 numbers
 * (bit 30 set) and i386's int 0x80. The shim's filter kills the process
 * for an ABI the policy does not list. argv[1] says which: x32 or int80.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long rc;

	if (argc > 1 && strcmp(argv[1], "int80") == 0) {
		/* i386 getpid is 20 */
		__asm__ volatile("int $0x80" : "=a"(rc) : "0"(20L) : "memory");
	} else {
		/* x32 getpid: 0x40000000 | 39 */
		__asm__ volatile("syscall"
				 : "=a"(rc)
				 : "0"(0x40000000L | 39)
				 : "rcx", "r11", "memory");
	}
	printf("ESCAPED: the call returned %ld\n", rc);
	return 0;
}
