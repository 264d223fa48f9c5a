/* Check suite: the preload library's libc (preload/guest.c). */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "action.h"
#include "condition.h"
#include "constants.h"
#include "error.h"
#include "filter.h"
#include "groups.h"
#include "heap.h"
#include "cache.h"
#include "compile.h"
#include "landlock-rules.h"
#include "landlock.h"
#include "lint.h"
#include "policy.h"
#include "rules.h"
#include "suggest.h"
#include "syscall-args.h"
#include "unit.h"

/* The preload library's libc (shim/preload/guest.c), called by name as the
 * linker's --wrap makes the library call it. */
void *__wrap_memcpy(void *to, const void *from, size_t n);

size_t __wrap_strlen(const char *s);

char *__wrap_strchr(const char *s, int c);

char *__wrap_strrchr(const char *s, int c);

int __wrap_strcmp(const char *a, const char *b);

size_t __wrap_strcspn(const char *s, const char *reject);

char *__wrap_strdup(const char *s);

int __wrap_close(int fd);

int __wrap_open(const char *path, int flags, ...);

ssize_t __wrap_read(int fd, void *buf, size_t n);

int __wrap_fstat(int fd, struct stat *st);

int __wrap_stat(const char *path, struct stat *st);

int __wrap_lstat(const char *path, struct stat *st);

int __wrap_prctl(int option, ...);

long __wrap_syscall(long nr, ...);

char *__wrap_strerror(int e);

int __wrap_snprintf(char *s, size_t n, const char *fmt, ...);

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

START_TEST(test_guest_strings)
{
	/* Each string function against libc's, on strings of every byte. */
	const char *samples[] = {"",	   "a",		"abc",	"/usr/bin/curl",
				 "a/b/c/", "\xff\x80x", "same", "samf",
				 "sam"};
	const int n = sizeof(samples) / sizeof(*samples);
	char buf[64];

	for (int i = 0; i < n; i++) {
		const char *s = samples[i];

		ck_assert_uint_eq(__wrap_strlen(s), strlen(s));
		for (int c = 0; c < 256; c++) {
			ck_assert_ptr_eq(__wrap_strchr(s, c), strchr(s, c));
			ck_assert_ptr_eq(__wrap_strrchr(s, c), strrchr(s, c));
		}
		for (int j = 0; j < n; j++) {
			ck_assert_int_eq(sign(__wrap_strcmp(s, samples[j])),
					 sign(strcmp(s, samples[j])));
			ck_assert_uint_eq(__wrap_strcspn(s, samples[j]),
					  strcspn(s, samples[j]));
		}
		char *copy = __wrap_strdup(s);

		ck_assert_str_eq(copy, s);
		free(copy);
		memset(buf, 'x', sizeof(buf));
		ck_assert_ptr_eq(__wrap_memcpy(buf, s, strlen(s) + 1), buf);
		ck_assert_str_eq(buf, s);
		ck_assert_int_eq(buf[strlen(s) + 1], 'x');
	}
	ck_assert_int_eq(__wrap_snprintf(buf, sizeof(buf), "%s:%u", "f", 7u),
			 3);
	ck_assert_str_eq(buf, "f:7");
	ck_assert_str_eq(__wrap_strerror(EPERM), strerror(EPERM));
}
END_TEST

START_TEST(test_guest_syscalls)
{
	/* libc's convention: a result, or -1 with errno set. */
	struct stat st, want;
	char byte;
	int fd;

	errno = 0;
	ck_assert_int_eq(__wrap_close(-1), -1);
	ck_assert_int_eq(errno, EBADF);
	ck_assert_int_eq(__wrap_open("/nonexistent/x", O_RDONLY), -1);
	ck_assert_int_eq(errno, ENOENT);
	fd = __wrap_open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(__wrap_read(fd, &byte, 1), 1);
	ck_assert_int_eq(__wrap_fstat(fd, &st), 0);
	ck_assert_int_eq(__wrap_close(fd), 0);
	ck_assert_int_eq(__wrap_stat("/", &st), 0);
	ck_assert_int_eq(stat("/", &want), 0);
	ck_assert_uint_eq(st.st_ino, want.st_ino);
	ck_assert_int_eq(__wrap_lstat("/proc/self", &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	ck_assert_int_eq(__wrap_prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0),
			 prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	ck_assert_int_eq(__wrap_syscall(SYS_getpid), getpid());
	ck_assert_int_eq(__wrap_syscall(SYS_close, -1), -1);
	ck_assert_int_eq(errno, EBADF);
}
END_TEST

Suite *guest_suite(void)
{
	Suite *s = suite_create("guest");
	TCase *tc;

	tc = tcase_create("guest");
	tcase_add_test(tc, test_guest_strings);
	tcase_add_test(tc, test_guest_syscalls);
	suite_add_tcase(s, tc);
	return s;
}
