/* Check suite: the built-in groups (compiler/groups.c) and group lines. */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "groups.h"
#include "policy.h"
#include "rules.h"
#include "unit.h"

/* --- the table ------------------------------------------------------------ */
START_TEST(test_groups_table)
{
	/* The table is systemd's: spot checks of membership. */
	const struct group *g = group_find("@mount");
	int found = 0;

	ck_assert_ptr_nonnull(g);
	for (size_t i = 0; g->members[i]; i++)
		found |= strcmp(g->members[i], "pivot_root") == 0;
	ck_assert(found);
	ck_assert_ptr_nonnull(group_find("@known"));
	ck_assert_ptr_nonnull(group_find("@system-service"));
	ck_assert_ptr_null(group_find("@nope"));
	ck_assert_uint_ge(group_count, 28);
	for (size_t i = 0; i < group_count; i++)
		for (size_t j = 0; group_table[i].members[j]; j++)
			if (group_table[i].members[j][0] == '@')
				ck_assert_ptr_nonnull(
					group_find(group_table[i].members[j]));
}
END_TEST

/* group_find is a binary search: it needs the table in strcmp order, and
 * it finds every entry by its own name, nothing without the '@'. */
START_TEST(test_groups_find)
{
	for (size_t i = 0; i < group_count; i++) {
		ck_assert_ptr_eq(group_find(group_table[i].name),
				 &group_table[i]);
		ck_assert_int_eq(group_table[i].name[0], '@');
		ck_assert_uint_gt(strlen(group_table[i].description), 0);
		if (i)
			ck_assert_msg(strcmp(group_table[i - 1].name,
					     group_table[i].name) < 0,
				      "%s before %s", group_table[i - 1].name,
				      group_table[i].name);
	}
	ck_assert_ptr_null(group_find(NULL));
	ck_assert_ptr_null(group_find(""));
	ck_assert_ptr_null(group_find("@"));
	ck_assert_ptr_null(group_find("mount"));
	ck_assert_ptr_null(group_find("@Mount"));
	ck_assert_ptr_null(group_find("@mount "));
	ck_assert_ptr_null(group_find("@zzz"));
	ck_assert_ptr_null(group_find("@aaa"));
}
END_TEST

/* Whole groups as systemd 252 has them, in its order. */
START_TEST(test_groups_members)
{
	static const char *const sync[] = {
		"fdatasync",	   "fsync",
		"msync",	   "sync",
		"sync_file_range", "sync_file_range2",
		"syncfs",	   NULL};
	static const char *const mount[] = {
		"chroot",    "fsconfig",   "fsmount",	    "fsopen",
		"fspick",    "mount",	   "mount_setattr", "move_mount",
		"open_tree", "pivot_root", "umount",	    "umount2",
		NULL};
	const struct group *g;
	size_t n;

	g = group_find("@sync");
	ck_assert_str_eq(g->description,
			 "Synchronize files and memory to storage");
	for (n = 0; sync[n]; n++)
		ck_assert_str_eq(g->members[n], sync[n]);
	ck_assert_ptr_null(g->members[n]);
	g = group_find("@mount");
	for (n = 0; mount[n]; n++)
		ck_assert_str_eq(g->members[n], mount[n]);
	ck_assert_ptr_null(g->members[n]);
	/* @basic-io: 17, from _llseek to writev */
	g = group_find("@basic-io");
	for (n = 0; g->members[n]; n++)
		;
	ck_assert_uint_eq(n, 17);
	ck_assert_str_eq(g->members[0], "_llseek");
	ck_assert_str_eq(g->members[16], "writev");
	/* no member twice in a group */
	for (size_t i = 0; i < group_count; i++)
		for (size_t j = 0; group_table[i].members[j]; j++)
			for (size_t k = 0; k < j; k++)
				ck_assert_msg(strcmp(group_table[i].members[j],
						     group_table[i].members[k]),
					      "%s twice in %s",
					      group_table[i].members[j],
					      group_table[i].name);
}
END_TEST

/* Every built-in group is named in seccomp-shim.ini(5)'s list. */
START_TEST(test_groups_documented)
{
	const char *top = getenv("top_srcdir");
	char path[4096], missing[1024] = "", *page;
	size_t len;

	snprintf(path, sizeof(path), "%s/shim/man/seccomp-shim.ini.5.in",
		 top ? top : ".");
	page = slurp(path, &len);
	for (size_t i = 0; i < group_count; i++) {
		char line[64];

		snprintf(line, sizeof(line), "\n.BR %s ", group_table[i].name);
		if (!strstr(page, line))
			snprintf(missing + strlen(missing),
				 sizeof(missing) - strlen(missing), " %s",
				 group_table[i].name);
	}
	free(page);
	ck_assert_msg(missing[0] == '\0', "not in seccomp-shim.ini(5):%s",
		      missing);
}
END_TEST

/* --- group lines ------------------------------------------------------------
 */
START_TEST(test_groups_direct_beats_group)
{
	const char *text = "[policy]\nversion = 1\ndefault = kill\n"
			   "[syscalls]\nmkdir = errno:EPERM\n"
			   "@file-system = allow\n"
			   "@basic-io = allow\n"
			   "exit_group = allow\n";
	struct decided d;

	d = decide(text, X86_64, "mkdir", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "openat", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, X86_64, "read", 0, 0, 0);
	ck_assert_uint_eq(d.line, 7);
	d = decide(text, X86_64, "socket", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_KILL_PROCESS);

	/* the call's own conditional lines first, the group as fallback */
	text = HEAD "[syscalls]\n@network-io = errno:EACCES\n"
		    "socket = allow if a0 == AF_UNIX\n";
	d = decide(text, X86_64, "socket", AF_UNIX, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "socket", AF_INET, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "connect", 3, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
}
END_TEST

START_TEST(test_groups_nested_and_own)
{
	/* @system-service names @file-system among others; a group of the
	 * policy's own names calls and groups. */
	const char *text = "[policy]\nversion = 1\ndefault = kill\n"
			   "[group:@mine]\nmembers = mkdir rmdir\n"
			   "members = @sync\n"
			   "[syscalls]\n@system-service = allow\n"
			   "@mine = errno:EROFS\n";
	struct decided d;

	d = decide(text, X86_64, "rmdir", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EROFS));
	d = decide(text, X86_64, "fsync", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EROFS));
	d = decide(text, X86_64, "openat", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "mount", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_KILL_PROCESS);
}
END_TEST

START_TEST(test_groups_later_wins)
{
	/* Of two group lines, the later decides the calls both reach (as in
	 * systemd), with a warning; the call's own line still beats both. */
	const char *text = "[policy]\nversion = 1\ndefault = kill\n"
			   "[syscalls]\n@system-service = allow\n"
			   "@file-system = errno:EROFS\n"
			   "openat = allow\n";
	struct policy p;
	struct ruleset r;
	char msg[1200];
	struct decided d;

	d = decide(text, X86_64, "mkdir", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EROFS));
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, X86_64, "openat", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "getpid", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 5);
	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_uint_eq(r.n_warnings, 1);
	ck_assert_uint_eq(r.warnings[0].line, 6);
	ck_assert_str_eq(r.warnings[0].message,
			 "'@file-system = errno:EROFS' overrides "
			 "'@system-service = allow' at line 5 for the calls "
			 "both name ('access' among them)");
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_groups_errors)
{
	expect_error(HEAD "[syscalls]\n@nope = allow\n",
		     "seccomp-shim: FILE:5: unknown group '@nope'");
	expect_error(HEAD "[group:@mine]\nmembers = mkdir\nmembers = mkdri\n"
			  "[syscalls]\n@mine = allow\n",
		     "seccomp-shim: FILE:6: unknown system call 'mkdri' in "
		     "group @mine (did you mean 'mkdir'?)");
	expect_error(HEAD "[group:@a]\nmembers = @b\n[group:@b]\n"
			  "members = @a\n[syscalls]\n@a = allow\n",
		     "seccomp-shim: FILE:7: group @a contains itself");
	expect_error(HEAD "[group:@mount]\nmembers = read\n",
		     "seccomp-shim: FILE:4: @mount is a built-in group: "
		     "choose another name");
	expect_error(HEAD "[group:@x]\nmembers = read\n[group:@x]\n",
		     "seccomp-shim: FILE:6: group @x is defined twice (first "
		     "at line 4)");
	expect_error(HEAD "[group:@x]\nmember = read\n",
		     "seccomp-shim: FILE:5: unknown key 'member' in "
		     "[group:@x]");
	expect_error(HEAD "[group:@x]\nmembers = read @x!\n",
		     "seccomp-shim: FILE:5: '@x!' is not a system call or "
		     "group name");
}
END_TEST

START_TEST(test_groups_other_abis)
{
	/* Members another ABI has (sync_file_range2, chown32) are no error
	 * on x86_64, and the x86_64 members are all decided. */
	const char *text = HEAD "[syscalls]\n@sync = errno:EROFS\n"
				"@chown = errno:EPERM if a1 == 0\n";
	struct decided d;

	d = decide(text, X86_64, "sync_file_range", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EROFS));
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "syncfs", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EROFS));
	/* a group line with a condition: the condition holds for each */
	d = decide(text, X86_64, "fchownat", 3, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, X86_64, "fchownat", 3, 1, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 0);
	d = decide(text, X86_64, "read", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	/* the i386 names, where the policy lists that ABI */
	text = HEAD "architectures = x86\n[syscalls]\n@chown = kill\n";
	d = decide(text, SCMP_ARCH_X86, "chown32", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_KILL_PROCESS);
	ck_assert_uint_eq(d.line, 6);
}
END_TEST

START_TEST(test_groups_unused_errors)
{
	/* A group of the policy's own is checked whether or not a line
	 * uses it. */
	expect_error(HEAD "[group:@mine]\nmembers = mkdir nosuchcall\n",
		     "seccomp-shim: FILE:5: unknown system call 'nosuchcall' "
		     "in group @mine");
	expect_error(HEAD "[group:@mine]\nmembers = @nope\n",
		     "seccomp-shim: FILE:5: unknown group '@nope'");
	expect_error(HEAD "[group:@a]\nmembers = @a\n",
		     "seccomp-shim: FILE:5: group @a contains itself");
}
END_TEST

Suite *groups_suite(void)
{
	Suite *s = suite_create("groups");
	TCase *tc;

	tc = tcase_create("table");
	tcase_add_test(tc, test_groups_table);
	tcase_add_test(tc, test_groups_find);
	tcase_add_test(tc, test_groups_members);
	tcase_add_test(tc, test_groups_documented);
	suite_add_tcase(s, tc);

	tc = tcase_create("lines");
	tcase_add_test(tc, test_groups_direct_beats_group);
	tcase_add_test(tc, test_groups_nested_and_own);
	tcase_add_test(tc, test_groups_later_wins);
	tcase_add_test(tc, test_groups_other_abis);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_groups_errors);
	tcase_add_test(tc, test_groups_unused_errors);
	suite_add_tcase(s, tc);
	return s;
}
