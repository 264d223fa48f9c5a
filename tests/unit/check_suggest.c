/* Check suite: "did you mean" (compiler/suggest.c). */
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

START_TEST(test_suggest)
{
	static const char *const shipped[] = {"default", "no-network",
					      "no-exec", "read-only-fs"};
	char near[64];

	ck_assert_uint_eq(suggest_distance("mkdri", "mkdir"), 1);
	ck_assert_uint_eq(suggest_distance("mkdir", "mkdir"), 0);
	ck_assert_uint_eq(suggest_distance("write", "wirte"), 1);
	ck_assert_uint_eq(suggest_distance("abc", "xyz"), 3);
	ck_assert_str_eq(suggest_pick("no-netwrok", shipped, 4), "no-network");
	ck_assert_ptr_null(suggest_pick("stdio", shipped, 4));
	ck_assert_ptr_nonnull(suggest_syscall("mkdri", near, sizeof(near)));
	ck_assert_str_eq(near, "mkdir");
	ck_assert_ptr_null(
		suggest_syscall("completely_unlike", near, sizeof(near)));
}
END_TEST

Suite *suggest_suite(void)
{
	Suite *s = suite_create("suggest");
	TCase *tc;

	tc = tcase_create("suggest");
	tcase_add_test(tc, test_suggest);
	suite_add_tcase(s, tc);
	return s;
}
