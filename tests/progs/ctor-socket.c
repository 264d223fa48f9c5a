/* ctor-socket: prints what libctorsocket's static initializer got. */
#include <stdio.h>

const char *ctor_socket_result(void);

int main(void)
{
	printf("static initializer socket: %s\n", ctor_socket_result());
	return 0;
}
