/*
 * raw-thread LIBRARY caps|mem: start a thread with a bare clone(CLONE_THREAD)
 * (no pthread_create, so glibc still believes the process single-threaded),
 * then load the shim with dlopen (LIBRARY). Landlock domains and
 * capabilities are each thread's own: the thread started before would keep
 * CAP_CHOWN (caps, under a policy that drops it) or reach the parent's
 * /proc/PID/mem (mem). The shim must count the threads that run, not trust
 * glibc's flag, and refuse (exit 125).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int state; /* 1: the library is loaded; 2: looked */
static volatile int escaped;
static int caps;
static pid_t parent;

/* Raw system calls only: this thread has no thread-local storage of its
 * own. */
static int outside(void *unused)
{
	struct __user_cap_header_struct head = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct data[2];
	char path[32] = "/proc/";
	char digits[16];
	int n = 0, len = 6;
	long fd;

	(void)unused;
	while (state != 1)
		;
	if (caps) {
		escaped = syscall(SYS_capget, &head, data) == 0 &&
			  (data[0].effective & 1);
	} else {
		for (pid_t p = parent; p; p /= 10)
			digits[n++] = (char)('0' + p % 10);
		while (n)
			path[len++] = digits[--n];
		memcpy(path + len, "/mem", 5);
		fd = syscall(SYS_openat, AT_FDCWD, path, O_RDWR);
		escaped = fd >= 0;
	}
	state = 2;
	for (;;)
		syscall(SYS_pause);
	return 0;
}

int main(int argc, char **argv)
{
	size_t size = 1 << 16;
	char *stack = malloc(size);

	if (argc != 3 || !stack)
		return 2;
	caps = strcmp(argv[2], "caps") == 0;
	parent = getppid();
	if (clone(outside, stack + size,
		  CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND |
			  CLONE_THREAD | CLONE_SYSVSEM,
		  NULL) < 0)
		return 2;
	if (!dlopen(argv[1], RTLD_NOW)) {
		printf("blocked: dlopen: %s\n", dlerror());
		return 0;
	}
	state = 1;
	while (state != 2)
		;
	if (caps)
		printf(escaped ? "ESCAPED: the raw thread kept CAP_CHOWN\n"
			       : "blocked: the raw thread lost CAP_CHOWN\n");
	else
		printf(escaped ? "ESCAPED: the raw thread opened the parent's "
				 "memory\n"
			       : "blocked: the raw thread could not reach the "
				 "parent\n");
	return 0;
}
