/* Check suite: the [landlock] section (compiler/landlock-rules.c). */
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

/* --- landlock: the [landlock] section to its table ---------------------- */
/* The table of text's section; its path records in rec (at most max). */
static size_t landlock_table_of(const char *text,
				struct landlock_table_head *head,
				struct landlock_path_record *rec,
				char paths[][64], size_t max)
{
	struct shim_error err;
	struct policy p;
	void *table;
	size_t len, n = 0;
	const char *at;

	ck_assert_int_eq(parse_text(text, &p, &err), 0);
	ck_assert_msg(landlock_rules_build(&p, &table, &len, &err) == 0, "%s",
		      err.message);
	ck_assert_ptr_nonnull(table);
	ck_assert(landlock_table_check(table, len));
	/* every byte counts: shorter is refused */
	ck_assert(!landlock_table_check(table, len - 8));
	memcpy(head, table, sizeof(*head));
	at = (const char *)table + sizeof(*head);
	for (uint32_t i = 0; i < head->n_files; i++)
		at += 8 + ((*(const uint32_t *)at + 7) & ~7u);
	for (uint32_t i = 0; i < head->n_paths && n < max; i++, n++) {
		memcpy(&rec[n], at, sizeof(*rec));
		at += sizeof(*rec);
		snprintf(paths[n], 64, "%s", at);
		at += (rec[n].path_len + 7) & ~7u;
	}
	free(table);
	policy_free(&p);
	return n;
}

START_TEST(test_landlock_table)
{
	struct landlock_table_head head;
	struct landlock_path_record rec[8];
	char paths[8][64];
	size_t n;

	/* write alone: reading stays unrestricted, so the write rule grants
	 * no reading; paths are normalised */
	n = landlock_table_of(HEAD "[landlock]\nwrite = /tmp// -/opt/./x/\n",
			      &head, rec, paths, 8);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(paths[0], "/tmp");
	ck_assert_str_eq(paths[1], "/opt/x");
	ck_assert(rec[1].flags & LANDLOCK_PATH_OPTIONAL);
	ck_assert(!(head.handled_fs & LANDLOCK_FS_READ_FILE));
	ck_assert(head.handled_fs & LANDLOCK_FS_MAKE_DIR);
	ck_assert(head.handled_fs & LANDLOCK_FS_TRUNCATE);
	ck_assert(!(head.handled_fs & LANDLOCK_FS_IOCTL_DEV));
	ck_assert(!(rec[0].access & LANDLOCK_FS_READ_FILE));
	ck_assert(!(head.flags & LANDLOCK_BEST_EFFORT));

	/* with read restricted too, a write rule grants reading there */
	n = landlock_table_of(HEAD
			      "[landlock]\nread = /usr\nwrite = @cwd/out\n"
			      "execute = /usr/bin\nenforce = best_effort\n",
			      &head, rec, paths, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert(rec[1].access & LANDLOCK_FS_READ_FILE);
	ck_assert(rec[1].flags & LANDLOCK_PATH_CWD);
	ck_assert_str_eq(paths[1], "out");
	ck_assert(rec[2].access & LANDLOCK_FS_EXECUTE);
	ck_assert(!(rec[0].access & LANDLOCK_FS_EXECUTE));
	ck_assert(head.flags & LANDLOCK_BEST_EFFORT);

	/* groups expand in place, nested; ports and scopes */
	n = landlock_table_of(HEAD "[landlock]\nread = @sys /srv\n"
				   "connect_tcp = 80, 443\nscope = signal\n"
				   "[paths:@sys]\nmembers = /usr @etc\n"
				   "[paths:@etc]\nmembers = /etc\n",
			      &head, rec, paths, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(paths[0], "/usr");
	ck_assert_str_eq(paths[1], "/etc");
	ck_assert_uint_eq(rec[1].line, 11);
	ck_assert_str_eq(paths[2], "/srv");
	ck_assert_uint_eq(head.n_ports, 2);
	ck_assert_uint_eq(head.handled_net, LANDLOCK_NET_CONNECT_TCP);
	ck_assert_uint_eq(head.scoped, LANDLOCK_SCOPE_SIGNAL);
	ck_assert_uint_eq(head.scope_line, 7);
}
END_TEST

START_TEST(test_landlock_none_and_abi)
{
	struct shim_error err;
	struct policy p;
	void *table;
	size_t len;

	/* no section: no table (the base domain alone) */
	ck_assert_int_eq(parse_text(HEAD, &p, &err), 0);
	ck_assert_int_eq(landlock_rules_build(&p, &table, &len, &err), 0);
	ck_assert_ptr_null(table);
	policy_free(&p);

	ck_assert_int_eq(landlock_abi_of(LANDLOCK_FS_READ_FILE, 0, 0), 1);
	ck_assert_int_eq(landlock_abi_of(LANDLOCK_FS_REFER, 0, 0), 2);
	ck_assert_int_eq(landlock_abi_of(LANDLOCK_FS_TRUNCATE, 0, 0), 3);
	ck_assert_int_eq(landlock_abi_of(0, LANDLOCK_NET_BIND_TCP, 0), 4);
	ck_assert_int_eq(landlock_abi_of(LANDLOCK_FS_IOCTL_DEV, 0, 0), 5);
	ck_assert_int_eq(landlock_abi_of(0, 0, LANDLOCK_SCOPE_SIGNAL), 6);
	ck_assert(!(landlock_fs_rights(2) & LANDLOCK_FS_TRUNCATE));
	ck_assert(landlock_fs_rights(3) & LANDLOCK_FS_TRUNCATE);
	ck_assert_uint_eq(landlock_net_rights(3), 0);
	ck_assert_uint_eq(landlock_scopes(5), 0);
}
END_TEST

START_TEST(test_landlock_lint)
{
	struct lint_warning w[8];
	struct shim_error err;
	struct policy p;
	size_t n = 0;

	ck_assert_int_eq(parse_text(HEAD
				    "[landlock]\nread = /usr /usr/lib /etc\n"
				    "write = /tmp\nread = /tmp/x /etc\n"
				    "write = /tmp/y\n",
				    &p, &err),
			 0);
	landlock_rules_lint(&p, w, &n, 8);
	/* /usr/lib beneath /usr; /tmp/x beneath write /tmp (which grants
	 * reading); /etc twice; /tmp/y beneath /tmp */
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(w[0].line, 5);
	ck_assert_msg(strstr(w[0].message, "/usr/lib: shadowed by read /usr"),
		      "%s", w[0].message);
	ck_assert_uint_eq(w[1].line, 7);
	ck_assert_msg(strstr(w[1].message, "/tmp/x: shadowed by write /tmp"),
		      "%s", w[1].message);
	ck_assert_msg(strstr(w[2].message, "/etc: listed already"), "%s",
		      w[2].message);
	ck_assert_uint_eq(w[3].line, 8);
	policy_free(&p);
}
END_TEST

START_TEST(test_landlock_include_merge)
{
	struct shim_error err;
	struct policy p, inc;

	ck_assert_int_eq(parse_text(HEAD "[landlock]\nread = @base /srv\n"
					 "enforce = required\n",
				    &p, &err),
			 0);
	ck_assert_int_eq(
		policy_parse("[policy]\nversion = 1\n[landlock]\n"
			     "write = /tmp\nscope = signal\n"
			     "enforce = best_effort\n"
			     "[paths:@base]\nmembers = /usr\n",
			     strlen("[policy]\nversion = 1\n[landlock]\n"
				    "write = /tmp\nscope = signal\n"
				    "enforce = best_effort\n"
				    "[paths:@base]\nmembers = /usr\n"),
			     "INC", &inc, &err),
		0);
	ck_assert_int_eq(policy_merge(&p, &inc, &err), 0);
	/* the included file's paths first; its group usable; its scope
	 * taken; the including file's enforce kept */
	ck_assert_uint_eq(p.landlock.n_paths, 3);
	ck_assert_str_eq(p.landlock.paths[0].path, "/tmp");
	ck_assert_str_eq(p.landlock.paths[0].file, "INC");
	ck_assert_uint_eq(p.landlock.scoped, LANDLOCK_SCOPE_SIGNAL);
	ck_assert_int_eq(p.landlock.best_effort, 0);
	ck_assert_uint_eq(p.landlock.n_groups, 1);
	policy_free(&p);
}
END_TEST

/* SECCOMP_SHIM_LANDLOCK_ABI as the library and the command both read it. */
START_TEST(test_landlock_limit_parse)
{
	ck_assert_int_eq(landlock_limit_parse("3"), 3);
	ck_assert_int_eq(landlock_limit_parse("07"), 7);
	ck_assert_int_eq(landlock_limit_parse("99"), 99);
	ck_assert_int_eq(landlock_limit_parse(NULL), 0);
	ck_assert_int_eq(landlock_limit_parse(""), 0);
	ck_assert_int_eq(landlock_limit_parse("3x"), 0);
	ck_assert_int_eq(landlock_limit_parse("-3"), 0);
	ck_assert_int_eq(landlock_limit_parse("100"), 0);
	ck_assert_int_eq(landlock_limit_parse("99999999999"), 0);
}
END_TEST

Suite *landlock_suite(void)
{
	Suite *s = suite_create("landlock");
	TCase *tc;

	tc = tcase_create("landlock");
	tcase_add_test(tc, test_landlock_table);
	tcase_add_test(tc, test_landlock_none_and_abi);
	tcase_add_test(tc, test_landlock_lint);
	tcase_add_test(tc, test_landlock_limit_parse);
	tcase_add_test(tc, test_landlock_include_merge);
	suite_add_tcase(s, tc);
	return s;
}
