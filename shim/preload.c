/*
 * libseccomp-shim.so: the preload front door.
 *
 * The constructor runs before the program's own constructors and main. It
 * does nothing at all unless SECCOMP_SHIM_POLICY is set (or, in a build
 * configured with --enable-program-policies, a system policy names this
 * program); then it confines the process or, on any error, ends it: the
 * program never runs unconfined after a policy error.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "install.h"
#include "strict.h"

static void write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

__attribute__((constructor)) static void preload_init(void)
{
	const char *setting = secure_getenv("SECCOMP_SHIM_POLICY");
	struct shim_error err;
	char line[sizeof(err.file) + sizeof(err.message) + 32];
	int saved_errno = errno;
	int n;

#ifdef PROGRAM_POLICY_DIR
	/* The administrator's policy for this program comes first, and the
	 * environment's can only add to it. A strict one leaves no way to
	 * add anything. */
	if (install_program_policy(PROGRAM_POLICY_DIR, &err) < 0)
		goto refuse;
	errno = saved_errno; /* its lookups may have set it */
	if (strict_active)
		return;
#endif
	if (!setting || !*setting)
		return;
	if (install_policy(setting, &err) == 0) {
		errno = saved_errno;
		return;
	}
#ifdef PROGRAM_POLICY_DIR
refuse:
#endif
	/* The host program owns stdio: write the line with write(2). */
	n = error_format(&err, line, sizeof(line) - 1);
	line[n++] = '\n';
	write_all(STDERR_FILENO, line, (size_t)n);
	_exit(SHIM_EXIT_REFUSED);
}
