/*
 * System calls without libc's wrappers, for the preload library's early
 * path to the filter, which runs before libc is initialised (preload.c);
 * and in a process that has just started, the first call of a libc
 * function costs a page fault on its code, on these VMs tens of
 * microseconds: more than the system call. Each returns the kernel's
 * result: a value, or -errno (errno is left alone).
 */
#ifndef SHIM_SYS_H
#define SHIM_SYS_H

/*
 * Strings the cached path reads go in the code section, next to the code
 * that reads them: the read-only data section would be one more page to
 * fault in.
 */
#define SYS_HOT_STRING __attribute__((section(".text.seccomp_shim_strings")))

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
static inline long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;
	long ret;

	__asm__ volatile("syscall"
			 : "=a"(ret)
			 : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
			   "r"(r9)
			 : "rcx", "r11", "memory");
	return ret;
}

/* The kernel's struct stat is glibc's on x86_64. Through newfstatat, as
 * glibc's own stat and fstat go since 2.33: a policy learned from a run
 * (or written for glibc) allows it, where stat and fstat may be missing,
 * and the shim's calls in a child of a reporting tree must not be ones
 * such a policy denies. */
#define sys_fstat(fd, st)                                                      \
	sys6(SYS_newfstatat, (long)(fd), (long)"", (long)(st), AT_EMPTY_PATH,  \
	     0, 0)
#define sys_stat(path, st)                                                     \
	sys6(SYS_newfstatat, AT_FDCWD, (long)(path), (long)(st), 0, 0, 0)
#define sys_lstat(path, st)                                                    \
	sys6(SYS_newfstatat, AT_FDCWD, (long)(path), (long)(st),               \
	     AT_SYMLINK_NOFOLLOW, 0, 0)
#else
static inline long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
	int saved = errno;
	long ret = syscall(nr, a, b, c, d, e, f);

	if (ret == -1) {
		ret = -errno;
		errno = saved;
	}
	return ret;
}

static inline long sys_fstat(int fd, struct stat *st)
{
	int saved = errno;
	long ret = fstat(fd, st) < 0 ? -errno : 0;

	errno = saved;
	return ret;
}

static inline long sys_stat(const char *path, struct stat *st)
{
	int saved = errno;
	long ret = stat(path, st) < 0 ? -errno : 0;

	errno = saved;
	return ret;
}

static inline long sys_lstat(const char *path, struct stat *st)
{
	int saved = errno;
	long ret = lstat(path, st) < 0 ? -errno : 0;

	errno = saved;
	return ret;
}
#endif

#define sys1(nr, a)	  sys6(nr, (long)(a), 0, 0, 0, 0, 0)
#define sys2(nr, a, b)	  sys6(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(nr, a, b, c) sys6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(nr, a, b, c, d)                                                   \
	sys6(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define sys5(nr, a, b, c, d, e)                                                \
	sys6(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

#endif
