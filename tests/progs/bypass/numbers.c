/*
 * System call numbers the policy's table does not name: past the last one,
 * far past it, and the last number below x32's bit 30 (numbers with that
 * bit are another ABI: foreign-abi.c). A deny-list must not let an unknown
 * number through as if it were allowed: each must fail (newer_syscalls:
 * ENOSYS).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(void)
{
	static const long numbers[] = {1000, 4095, 100000, 0x3fffffff};
	int ran = 0;

	for (size_t i = 0; i < sizeof(numbers) / sizeof(*numbers); i++) {
		long rc = syscall(numbers[i], 0, 0, 0, 0, 0, 0);

		if (rc != -1 || errno != ENOSYS)
			ran = 1;
	}
	if (ran)
		printf("ESCAPED: an unknown number did not fail with ENOSYS\n");
	else
		printf("blocked: every unknown number: ENOSYS\n");
	return 0;
}
