/*
 * nomem: the compiler out of memory. Each run makes the Nth allocation and
 * every one after it fail, for N = 0, 1, 2, ... until the policy compiles:
 * every run before must end in -ENOMEM with "out of memory", never
 * another error, a crash or a hang. Each run is a child of its own, so
 * what a failed run leaves behind cannot hide the next one's.
 *
 * The allocator is glibc's, reached through its __libc_* names by the
 * malloc family this program defines (glibc's own strdup and asprintf
 * allocate through them too). Not run under valgrind or the sanitizers,
 * which bring their own malloc.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compile.h"
#include "compiled.h"
#include "error.h"

static long allowed = -1; /* allocations left; -1: no limit */

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1 /* ASan's malloc is the one to keep */
#else
#define UNDER_ASAN 0
extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);

static int may_allocate(void)
{
	if (allowed == 0) {
		errno = ENOMEM;
		return 0;
	}
	if (allowed > 0)
		allowed--;
	return 1;
}

void *malloc(size_t size)
{
	return may_allocate() ? __libc_malloc(size) : NULL;
}

void *calloc(size_t n, size_t size)
{
	return may_allocate() ? __libc_calloc(n, size) : NULL;
}

void *realloc(void *ptr, size_t size)
{
	return may_allocate() ? __libc_realloc(ptr, size) : NULL;
}
#endif

/* One run with n allocations allowed: 0 compiled, 1 out of memory. */
static int run(const char *setting, long n)
{
	struct compiled compiled;
	struct shim_error err;
	int rc;

	allowed = n;
	rc = policy_compile_source(setting, 0, &compiled, &err);
	allowed = -1;
	if (rc == 0) {
		compiled_free(&compiled);
		return 0;
	}
	if (rc == -ENOMEM && strcmp(err.message, "out of memory") == 0)
		return 1;
	fprintf(stderr, "nomem: %ld allocations: %d, %s:%u: %s\n", n, rc,
		err.file, err.line, err.message);
	return 2;
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	char setting[4096];
	long n;

	if (UNDER_ASAN) {
		printf("nomem: skipped: built with ASan, whose malloc stays\n");
		return 77;
	}
	if (!top) {
		fprintf(stderr, "nomem: top_srcdir is not set\n");
		return 99;
	}
	/* every stage: an include, groups of its own and built-in ones,
	 * conditions, the switches, log = stderr's table, Landlock's */
	snprintf(setting, sizeof(setting),
		 "[policy]\nversion = 1\ninclude = %s/conf/default.ini\n"
		 "log = stderr\nrestrict_address_families = AF_UNIX AF_INET\n"
		 "memory_deny_write_execute = yes\n"
		 "[syscalls]\nmkdir = errno:EPERM\n"
		 "socket = allow if a0 in {AF_UNIX, AF_INET} && a1 != 3\n"
		 "@mine = errno:EACCES if a0 == 1 || a1 & 7 == 2\n"
		 "[group:@mine]\nmembers = chmod @sync\n"
		 "[landlock]\nwrite = /tmp -/nonexistent\nread = @sys\n"
		 "connect_tcp = 443\n[paths:@sys]\nmembers = /usr /etc\n",
		 top);
	/* NOMEM_AT=N: that run alone, in this process (for a debugger) */
	if (getenv("NOMEM_AT"))
		return run(setting, atol(getenv("NOMEM_AT")));
	for (n = 0;; n++) {
		pid_t pid = fork();
		int status;

		if (pid < 0) {
			perror("nomem: fork");
			return 99;
		}
		if (pid == 0)
			_exit(run(setting, n));
		if (waitpid(pid, &status, 0) != pid) {
			perror("nomem: waitpid");
			return 99;
		}
		if (!WIFEXITED(status)) {
			fprintf(stderr,
				"nomem: %ld allocations: killed by "
				"signal %d\n",
				n, WTERMSIG(status));
			return 1;
		}
		if (WEXITSTATUS(status) == 0)
			break;
		if (WEXITSTATUS(status) != 1)
			return 1;
	}
	if (n == 0) {
		fprintf(stderr, "nomem: compiled without allocating?\n");
		return 1;
	}
	printf("nomem: %ld runs out of memory, each -ENOMEM; compiled with "
	       "%ld allocations\n",
	       n, n);
	return 0;
}
