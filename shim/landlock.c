/* A Landlock domain that keeps a process from others (landlock.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/syscall.h>

#include "landlock.h"
#include "sys.h"

/* The kernel's stable UAPI (include/uapi/linux/landlock.h); Debian 12's
 * headers lack the newer calls' names on some architectures. */
#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule	    445
#define SYS_landlock_restrict_self  446
#endif
#define CREATE_RULESET_VERSION (1U << 0)
#define RULE_PATH_BENEATH      1
#define ACCESS_FS_EXECUTE      (1ULL << 0)
#define ACCESS_FS_REFER	       (1ULL << 13)

/* struct landlock_ruleset_attr, as far as ABI 2 (the kernel takes a
 * shorter struct: the fields it lacks handle nothing) */
struct ruleset_attr {
	uint64_t handled_access_fs;
};

/* struct landlock_path_beneath_attr */
struct path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

/* glibc's: nonzero while the process has never had a second thread, once
 * libc is initialised (until then 0); and argv[0], set as libc is
 * initialised (NULL while the loader relocates the program). */
extern char __libc_single_threaded;
extern char *program_invocation_name;

/* How many threads the process runs (/proc/self/stat's 20th field), or 0
 * if that cannot be read. */
static long threads(void)
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

int landlock_version(void)
{
	long abi =
		sys3(SYS_landlock_create_ruleset, 0, 0, CREATE_RULESET_VERSION);

	return abi > 0 ? (int)abi : 0;
}

int landlock_enter(void)
{
	static const char root[] SYS_HOT_STRING = "/";
	struct ruleset_attr ruleset = {ACCESS_FS_EXECUTE | ACCESS_FS_REFER};
	struct path_beneath_attr everywhere = {
		ACCESS_FS_EXECUTE | ACCESS_FS_REFER, -1};
	long abi =
		sys3(SYS_landlock_create_ruleset, 0, 0, CREATE_RULESET_VERSION);
	long fd, rc;

	if (abi == -ENOSYS || abi == -EOPNOTSUPP ||
	    (abi >= 0 && abi < LANDLOCK_ABI_NEEDED))
		return -EOPNOTSUPP;
	if (abi < 0)
		return (int)abi;
	/* The domain takes in the calling thread (and what it starts) only:
	 * where others run already (the library loaded with dlopen), they
	 * would stay outside, so refuse. While the loader relocates the
	 * program (libc not initialised) there is one thread. */
	if (program_invocation_name && !__libc_single_threaded &&
	    threads() != 1)
		return -EBUSY;
	fd = sys3(SYS_landlock_create_ruleset, &ruleset, sizeof(ruleset), 0);
	if (fd < 0)
		return (int)fd;
	rc = sys4(SYS_openat, AT_FDCWD, root, O_PATH | O_DIRECTORY | O_CLOEXEC,
		  0);
	if (rc >= 0) {
		everywhere.parent_fd = (int32_t)rc;
		rc = sys4(SYS_landlock_add_rule, fd, RULE_PATH_BENEATH,
			  &everywhere, 0);
		sys1(SYS_close, everywhere.parent_fd);
	}
	if (rc == 0)
		rc = sys2(SYS_landlock_restrict_self, fd, 0);
	sys1(SYS_close, fd);
	return (int)rc;
}
