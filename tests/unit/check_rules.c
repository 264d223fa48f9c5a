/* Check suite: the resolver (compiler/rules.c); groups: check_groups.c. */
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

START_TEST(test_resolve_calls)
{
	struct policy p;
	struct ruleset r;
	char msg[1200];

	ck_assert_int_eq(load_text(HEAD "[syscalls]\nmkdir = errno:EPERM\n"
					"socket = allow if a0 == AF_UNIX\n"
					"read = errno:EBADF\n"
					"socket = errno:EACCES\n",
				   &p, &r, msg, sizeof(msg)),
			 0);
	/* and prctl and seccomp, for the shim in child processes */
	/* and clone3 (newer_syscalls), and the three io_uring calls (off
	 * unless named) */
	ck_assert_uint_eq(r.n_calls, 9);
	ck_assert_str_eq(r.calls[0].name, "mkdir");
	ck_assert_str_eq(r.calls[3].name, "prctl");
	ck_assert_str_eq(r.calls[4].name, "seccomp");
	ck_assert_str_eq(r.calls[1].name, "socket");
	ck_assert_uint_eq(r.calls[1].n_rules, 2);
	ck_assert_uint_eq(r.calls[1].rules[0].line, 6);
	ck_assert_uint_eq(r.calls[1].rules[1].line, 8);
	ck_assert_uint_eq(r.calls[1].widths, 7); /* int, int, int */
	ck_assert_uint_eq(r.default_action, SCMP_ACT_ALLOW);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_resolve_foreign_name_skipped)
{
	/* _llseek and socketcall exist only on 32-bit ABIs: a portable policy
	 * may list them, and on x86_64 alone they have no effect. */
	struct policy p;
	struct ruleset r;
	char msg[1200];

	ck_assert_int_eq(load_text(HEAD "[syscalls]\n_llseek = kill\n"
					"socketcall = kill\nmkdir = kill\n",
				   &p, &r, msg, sizeof(msg)),
			 0);
	/* mkdir, prctl, seccomp, clone3, io_uring_* */
	ck_assert_uint_eq(r.n_calls, 7);
	ck_assert_str_eq(r.calls[0].name, "mkdir");
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_resolve_foreign_name_kept)
{
	/* With the i386 ABI in the filter, _llseek means something there. */
	struct decided d;
	const char *text = HEAD "architectures = x86\n"
				"[syscalls]\n_llseek = errno:EPERM\n";

	d = decide(text, SCMP_ARCH_X86, "_llseek", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, SCMP_ARCH_X86, "read", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	/* On i386 a line for socket decides the direct call (359), not
	 * socketcall's route (the README says to name socketcall too). */
	text = HEAD "architectures = x86\n[syscalls]\nsocket = kill\n";
	d = decide(text, SCMP_ARCH_X86, "socket", 0, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_KILL_PROCESS);
	ck_assert_int_eq(rules_nr(SCMP_ARCH_X86, "socket"), 359);
	d = decide(text, SCMP_ARCH_X86, "socketcall", 1, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
}
END_TEST

START_TEST(test_resolve_errors)
{
	expect_error(HEAD "[syscalls]\nnot_a_syscall = kill\n",
		     "seccomp-shim: FILE:5: unknown system call "
		     "'not_a_syscall'");
	expect_error(HEAD "[syscalls]\nread = allow\nread = kill\n",
		     "seccomp-shim: FILE:6: 'read' already has an action: "
		     "'allow' at line 5");
	/* A name this machine lacks is still a duplicate. */
	expect_error(HEAD "[syscalls]\n_llseek = allow\n_llseek = kill\n",
		     "seccomp-shim: FILE:6: '_llseek' already has an action: "
		     "'allow' at line 5");
	expect_error(HEAD "[syscalls]\nsocket = kill\n"
			  "socket = allow if a0 == AF_UNIX\n",
		     "seccomp-shim: FILE:6: this line can never match: "
		     "'socket = kill' at line 5 already decides every "
		     "'socket' call (put the unconditional line last)");
	expect_error(HEAD "[syscalls]\nsocket = allow if a0 == 0x100000001\n",
		     "seccomp-shim: FILE:5: socket: a0 is a 32-bit argument: "
		     "a value does not fit in 32 bits");
	expect_error(HEAD "[syscalls]\nmmap = kill if a2 & 4 == 5\n",
		     "seccomp-shim: FILE:5: mmap: 'a2 & 0x4 == 0x5' can never "
		     "hold");
	expect_error(HEAD "[syscalls]\nmmap = kill if a1 < 0\n",
		     "seccomp-shim: FILE:5: mmap: 'a1 < 0x0' can never hold");
	/* With i386 in the filter every argument is 32-bit. */
	expect_error(HEAD "architectures = x86\n[syscalls]\n"
			  "mmap = kill if a1 == 0x100000000\n",
		     "seccomp-shim: FILE:6: mmap: a1 is a 32-bit argument: "
		     "a value does not fit in 32 bits");
}
END_TEST

START_TEST(test_resolve_limits)
{
	/* Bounds that keep resolving quick on any input. */
	char *text = malloc(1 << 20);
	size_t len;

	len = (size_t)sprintf(text, HEAD "[syscalls]\n");
	for (int i = 0; i < 4097; i++)
		len += (size_t)sprintf(text + len, "read = kill if a0 == %d\n",
				       i);
	expect_error(text, "seccomp-shim: FILE: more than 4096 lines in "
			   "[syscalls]");
	len = (size_t)sprintf(text, HEAD "[syscalls]\n");
	for (int i = 0; i < 257; i++)
		len += (size_t)sprintf(text + len,
				       "@basic-io = kill if a0 == %d\n", i);
	expect_error(text, "seccomp-shim: FILE: more than 256 group lines in "
			   "[syscalls]");
	free(text);
}
END_TEST

Suite *rules_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc;

	tc = tcase_create("resolve");
	tcase_add_test(tc, test_resolve_calls);
	tcase_add_test(tc, test_resolve_foreign_name_skipped);
	tcase_add_test(tc, test_resolve_foreign_name_kept);
	tcase_add_test(tc, test_resolve_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_resolve_limits);
	suite_add_tcase(s, tc);
	return s;
}
