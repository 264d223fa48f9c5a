/*
 * The preload library's libc (guest.h). Each __wrap_NAME is what the
 * library's calls of NAME reach when it is linked with -Wl,--wrap=NAME.
 *
 * Built with -fno-tree-loop-distribute-patterns (Makefile.am): the loops
 * below must stay loops, not become calls of the memcpy they replace.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "error.h"
#include "format.h"
#include "guest.h"
#include "sys.h"

#if !defined(__x86_64__)
#error "the guest's system calls are x86_64's (sys.h)"
#endif

/* Nothing declares the wrappers: the linker calls them, by name. */
#pragma GCC diagnostic ignored "-Wmissing-prototypes"

/* glibc's, behind pthread_atfork and the fortified printf family. */
extern int __register_atfork(void (*prepare)(void), void (*parent)(void),
			     void (*child)(void), void *dso);

/* --- system calls ------------------------------------------------------- */

/* libc's convention: the kernel's result, or -1 with errno set. */
static long result(long rc)
{
	if (rc < 0 && rc > -4096) {
		errno = (int)-rc;
		return -1;
	}
	return rc;
}

int __wrap_close(int fd)
{
	return (int)result(sys1(SYS_close, fd));
}

int __wrap_fstat(int fd, struct stat *st)
{
	return (int)result(sys_fstat(fd, st));
}

int __wrap_stat(const char *path, struct stat *st)
{
	return (int)result(sys_stat(path, st));
}

int __wrap_lstat(const char *path, struct stat *st)
{
	return (int)result(sys_lstat(path, st));
}

uid_t __wrap_geteuid(void)
{
	return (uid_t)sys1(SYS_geteuid, 0);
}

pid_t __wrap_getpid(void)
{
	return (pid_t)sys1(SYS_getpid, 0);
}

int __wrap_mkdir(const char *path, mode_t mode)
{
	return (int)result(sys2(SYS_mkdir, path, mode));
}

/* Whether open's flags take a mode (O_TMPFILE includes O_DIRECTORY). */
static int takes_mode(int flags)
{
	return (flags & O_CREAT) || (flags & O_TMPFILE) == O_TMPFILE;
}

/* The mode that follows flags in open's and openat's arguments, or 0. */
#define MODE_ARGUMENT(flags, mode)                                             \
	do {                                                                   \
		va_list ap;                                                    \
                                                                               \
		va_start(ap, flags);                                           \
		mode = takes_mode(flags) ? va_arg(ap, mode_t) : 0;             \
		va_end(ap);                                                    \
	} while (0)

int __wrap_openat(int dir_fd, const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARGUMENT(flags, mode);
	return (int)result(sys4(SYS_openat, dir_fd, path, flags, mode));
}

int __wrap_open(const char *path, int flags, ...)
{
	mode_t mode;

	MODE_ARGUMENT(flags, mode);
	return (int)result(sys4(SYS_openat, AT_FDCWD, path, flags, mode));
}

/* prctl and syscall read as many arguments as the kernel may (as libc's
 * do): the caller passes those its call needs. */
int __wrap_prctl(int option, ...)
{
	unsigned long arg[4];
	va_list ap;

	va_start(ap, option);
	for (int i = 0; i < 4; i++)
		arg[i] = va_arg(ap, unsigned long);
	va_end(ap);
	return (int)result(
		sys5(SYS_prctl, option, arg[0], arg[1], arg[2], arg[3]));
}

long __wrap_syscall(long nr, ...)
{
	long arg[6];
	va_list ap;

	va_start(ap, nr);
	for (int i = 0; i < 6; i++)
		arg[i] = va_arg(ap, long);
	va_end(ap);
	return result(sys6(nr, arg[0], arg[1], arg[2], arg[3], arg[4], arg[5]));
}

ssize_t __wrap_read(int fd, void *buf, size_t n)
{
	return result(sys3(SYS_read, fd, buf, n));
}

ssize_t __wrap_write(int fd, const void *buf, size_t n)
{
	return result(sys3(SYS_write, fd, buf, n));
}

ssize_t __wrap_readlink(const char *path, char *buf, size_t n)
{
	return result(sys3(SYS_readlink, path, buf, n));
}

int __wrap_mprotect(void *address, size_t len, int protection)
{
	return (int)result(sys3(SYS_mprotect, address, len, protection));
}

int __wrap_renameat(int from_dir, const char *from, int to_dir, const char *to)
{
	return (int)result(sys4(SYS_renameat, from_dir, from, to_dir, to));
}

int __wrap_unlinkat(int dir_fd, const char *path, int flags)
{
	return (int)result(sys3(SYS_unlinkat, dir_fd, path, flags));
}

/* --- memory and strings ----------------------------------------------------
 */

void *__wrap_memcpy(void *restrict to, const void *restrict from, size_t n)
{
	unsigned char *d = to;
	const unsigned char *s = from;

	while (n--)
		*d++ = *s++;
	return to;
}

void *__wrap_memmove(void *to, const void *from, size_t n)
{
	unsigned char *d = to;
	const unsigned char *s = from;

	if (d < s)
		for (size_t i = 0; i < n; i++)
			d[i] = s[i];
	else
		while (n-- > 0)
			d[n] = s[n];
	return to;
}

int __wrap_memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (size_t i = 0; i < n; i++)
		if (x[i] != y[i])
			return x[i] - y[i];
	return 0;
}

/* _FORTIFY_SOURCE's checked copies: a copy past the end of its object
 * ends the process, as glibc's do. */
static __attribute__((noreturn)) void overflow(void)
{
	static const char message[] = "seccomp-shim: buffer overflow\n";

	sys3(SYS_write, 2, message, sizeof(message) - 1);
	for (;;)
		sys1(SYS_exit_group, SHIM_EXIT_REFUSED);
}

void *__wrap___memcpy_chk(void *restrict to, const void *restrict from,
			  size_t n, size_t room)
{
	if (n > room)
		overflow();
	return __wrap_memcpy(to, from, n);
}

void *__wrap___memmove_chk(void *to, const void *from, size_t n, size_t room)
{
	if (n > room)
		overflow();
	return __wrap_memmove(to, from, n);
}

size_t __wrap_strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

char *__wrap_strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *__wrap_strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

int __wrap_strcmp(const char *a, const char *b)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	while (*x && *x == *y) {
		x++;
		y++;
	}
	return (*x > *y) - (*x < *y);
}

size_t __wrap_strcspn(const char *s, const char *reject)
{
	size_t n = 0;

	for (; s[n]; n++)
		for (const char *r = reject; *r; r++)
			if (s[n] == *r)
				return n;
	return n;
}

char *__wrap_strdup(const char *s)
{
	size_t n = __wrap_strlen(s) + 1;
	char *copy = malloc(n);

	return copy ? __wrap_memcpy(copy, s, n) : NULL;
}

/* --- libc, bound at first use --------------------------------------------- */

#define GUEST_LATE(X)                                                          \
	X(calloc)                                                              \
	X(dladdr)                                                              \
	X(dl_iterate_phdr)                                                     \
	X(dlclose)                                                             \
	X(dlerror)                                                             \
	X(dlopen)                                                              \
	X(fflush)                                                              \
	X(fileno)                                                              \
	X(free)                                                                \
	X(getpagesize)                                                         \
	X(isatty)                                                              \
	X(mallinfo2)                                                           \
	X(malloc)                                                              \
	X(malloc_usable_size)                                                  \
	X(on_exit)                                                             \
	X(realloc)                                                             \
	X(__register_atfork)                                                   \
	X(secure_getenv)                                                       \
	X(setvbuf)

enum late_function {
#define LATE_ENUM(name) LATE_##name,
	GUEST_LATE(LATE_ENUM)
#undef LATE_ENUM
		LATE_FUNCTIONS
};

/* (an array of arrays: pointers would be relocations at every start) */
static const char late_names[LATE_FUNCTIONS][20] = {
#define LATE_NAME(name) #name,
	GUEST_LATE(LATE_NAME)
#undef LATE_NAME
};

static void *late_bound[LATE_FUNCTIONS];

/* Fail closed: the process has a policy (only its paths come here). */
static __attribute__((noreturn)) void missing(const char *name)
{
	static const char prefix[] = "seccomp-shim: libc has no ";
	size_t n = __wrap_strlen(name);

	sys3(SYS_write, 2, prefix, sizeof(prefix) - 1);
	sys3(SYS_write, 2, name, n);
	sys3(SYS_write, 2, "\n", 1);
	for (;;)
		sys1(SYS_exit_group, SHIM_EXIT_REFUSED);
}

/* The function, looked up now if this is its first call. */
static void *late(enum late_function f)
{
	void *fn = __atomic_load_n(&late_bound[f], __ATOMIC_ACQUIRE);

	if (fn)
		return fn;
	fn = dlsym(RTLD_DEFAULT, late_names[f]);
	if (!fn)
		missing(late_names[f]);
	/* every thread that gets here stores the same value */
	__atomic_store_n(&late_bound[f], fn, __ATOMIC_RELEASE);
	return fn;
}

#define LATE(name) ((__typeof__(&name))late(LATE_##name))

int guest_bind_all(void)
{
	for (int f = 0; f < LATE_FUNCTIONS; f++) {
		void *fn = dlsym(RTLD_DEFAULT, late_names[f]);

		if (!fn)
			return -ENOENT;
		__atomic_store_n(&late_bound[f], fn, __ATOMIC_RELEASE);
	}
	return 0;
}

void *guest_data(const char *name)
{
	return dlsym(RTLD_DEFAULT, name);
}

int __wrap___register_atfork(void (*prepare)(void), void (*parent)(void),
			     void (*child)(void), void *dso)
{
	return LATE(__register_atfork)(prepare, parent, child, dso);
}

/* Formatting is the library's own (format.h): its early path runs before
 * libc is initialised. */
int __wrap_vsnprintf(char *restrict s, size_t n, const char *restrict fmt,
		     va_list ap)
{
	return format_v(s, n, fmt, ap);
}

int __wrap_snprintf(char *restrict s, size_t n, const char *restrict fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = format_v(s, n, fmt, ap);
	va_end(ap);
	return rc;
}

int __wrap___vsnprintf_chk(char *restrict s, size_t n, int flag, size_t slen,
			   const char *restrict fmt, va_list ap)
{
	return format_v(s, n, fmt, ap);
}

int __wrap___snprintf_chk(char *restrict s, size_t n, int flag, size_t slen,
			  const char *restrict fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = format_v(s, n, fmt, ap);
	va_end(ap);
	return rc;
}

int __wrap_dladdr(const void *address, Dl_info *info)
{
	return LATE(dladdr)(address, info);
}

int __wrap_dl_iterate_phdr(int (*callback)(struct dl_phdr_info *, size_t,
					   void *),
			   void *data)
{
	return LATE(dl_iterate_phdr)(callback, data);
}

int __wrap_dlclose(void *handle)
{
	return LATE(dlclose)(handle);
}

char *__wrap_dlerror(void)
{
	return LATE(dlerror)();
}

void *__wrap_dlopen(const char *file, int mode)
{
	return LATE(dlopen)(file, mode);
}

int __wrap_fflush(FILE *stream)
{
	return LATE(fflush)(stream);
}

int __wrap_fileno(FILE *stream)
{
	return LATE(fileno)(stream);
}

int __wrap_setvbuf(FILE *stream, char *buf, int mode, size_t size)
{
	return LATE(setvbuf)(stream, buf, mode, size);
}

int __wrap_isatty(int fd)
{
	return LATE(isatty)(fd);
}

int __wrap_getpagesize(void)
{
	return LATE(getpagesize)();
}

struct mallinfo2 __wrap_mallinfo2(void)
{
	return LATE(mallinfo2)();
}

size_t __wrap_malloc_usable_size(void *p)
{
	return LATE(malloc_usable_size)(p);
}

int __wrap_on_exit(void (*handler)(int, void *), void *arg)
{
	return LATE(on_exit)(handler, arg);
}

char *__wrap_secure_getenv(const char *name)
{
	return LATE(secure_getenv)(name);
}

char *__wrap_strerror(int e)
{
	static char unknown[32]; /* only for an error without a text */

	return (char *)format_strerror(e, unknown, sizeof(unknown));
}

/*
 * The allocator the library's own allocations use (only on the paths that
 * refuse or enter strict mode, after libc is initialised): the one the
 * dynamic loader binds malloc to for everyone (an allocator preloaded
 * ahead of the shim, the program's own, or glibc's), so that all of them
 * go back to one allocator. free(NULL), which a cached start makes, looks
 * nothing up. (The early path takes its memory from mmap: source.h.)
 */
void *__wrap_malloc(size_t n)
{
	return LATE(malloc)(n);
}

void *__wrap_calloc(size_t count, size_t size)
{
	return LATE(calloc)(count, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return LATE(realloc)(p, n);
}

void __wrap_free(void *p)
{
	if (p)
		LATE(free)(p);
}
