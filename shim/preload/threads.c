/* Counting the process's threads: see threads.h. */
#include "config.h"

#include <fcntl.h>
#include <sys/syscall.h>

#include "sys.h"
#include "threads.h"

/* glibc's argv[0], set as libc is initialised (NULL while the loader
 * relocates the program, when one thread runs). */
extern char *program_invocation_name;

long threads_running(void)
{
	static const char stat[] = "/proc/self/stat";
	char buf[1024], *p = NULL;
	long fd = sys4(SYS_openat, AT_FDCWD, stat, O_RDONLY | O_CLOEXEC, 0);
	long n = fd < 0 ? fd : sys3(SYS_read, fd, buf, sizeof(buf) - 1);
	long count = 0;

	if (fd >= 0)
		sys1(SYS_close, fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	/* fields count from the command's closing parenthesis (field 2) */
	for (char *c = buf; *c; c++)
		if (*c == ')')
			p = c;
	for (int field = 2; p && *p && field < 20; p++)
		if (*p == ' ')
			field++;
	while (p && *p >= '0' && *p <= '9')
		count = count * 10 + (*p++ - '0');
	return count;
}

int threads_alone(void)
{
	return !program_invocation_name || threads_running() == 1;
}
