/* Check suite: the action names and errno table (compiler/action.c). */
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

/* --- actions ----------------------------------------------------------- */
START_TEST(test_action_names)
{
	static const struct {
		const char *text;
		uint32_t action;
	} cases[] = {
		{"allow", SCMP_ACT_ALLOW},
		{"kill", SCMP_ACT_KILL_PROCESS},
		{"kill-thread", SCMP_ACT_KILL_THREAD},
		{"trap", SCMP_ACT_TRAP},
		{"log", SCMP_ACT_LOG},
		{"errno:EPERM", SCMP_ACT_ERRNO(EPERM)},
		{"errno:EBADF", SCMP_ACT_ERRNO(EBADF)},
		{"errno:ENOSYS", SCMP_ACT_ERRNO(ENOSYS)},
		{"errno:EWOULDBLOCK", SCMP_ACT_ERRNO(EAGAIN)},
		{"errno:EHWPOISON", SCMP_ACT_ERRNO(EHWPOISON)},
		{"errno:0", SCMP_ACT_ERRNO(0)},
		{"errno:13", SCMP_ACT_ERRNO(13)},
		{"errno:4095", SCMP_ACT_ERRNO(4095)},
	};
	char why[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		uint32_t action = 0;

		ck_assert_msg(action_parse(cases[i].text, &action, why,
					   sizeof(why)) == 0,
			      "%s: %s", cases[i].text, why);
		ck_assert_uint_eq(action, cases[i].action);
	}
}
END_TEST

START_TEST(test_action_errors)
{
	static const char *const bad[] = {
		"",	    "deny",	    "Allow",
		"errno:",   "errno:EPERMX", "errno:4096",
		"errno:-1", "errno:1x",	    "errno:99999999999999999999",
		"kill ",    "errno:eperm",
	};
	char why[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		uint32_t action = 0;

		ck_assert_msg(action_parse(bad[i], &action, why, sizeof(why)) ==
				      -EINVAL,
			      "'%s' accepted", bad[i]);
		ck_assert(why[0] != '\0');
	}
}
END_TEST

START_TEST(test_action_format)
{
	char buf[64];
	uint32_t action;
	static const char *const names[] = {
		"allow", "kill",	"kill-thread", "trap",
		"log",	 "errno:EPERM", "errno:0",     "errno:4095",
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		ck_assert_int_eq(
			action_parse(names[i], &action, buf, sizeof(buf)), 0);
		ck_assert_str_eq(action_format(action, buf, sizeof(buf)),
				 names[i]);
	}
}
END_TEST

START_TEST(test_errno_table)
{
	/* Every value 1..133 that glibc names is in the table, both ways. */
	int named = 0;

	for (int e = 1; e <= 133; e++) {
		const char *name = strerrorname_np(e);

		if (!name)
			continue;
		named++;
		ck_assert_msg(errno_lookup(name) == e, "%s", name);
		ck_assert_ptr_nonnull(errno_name(e));
	}
	ck_assert_int_ge(named, 130);
	ck_assert_int_eq(errno_lookup("ENOTSUP"), EOPNOTSUPP);
	ck_assert_int_eq(errno_lookup("NOPE"), -1);
}
END_TEST

Suite *action_suite(void)
{
	Suite *s = suite_create("action");
	TCase *tc;

	tc = tcase_create("actions");
	tcase_add_test(tc, test_action_names);
	tcase_add_test(tc, test_action_errors);
	tcase_add_test(tc, test_action_format);
	tcase_add_test(tc, test_errno_table);
	suite_add_tcase(s, tc);
	return s;
}
