/* Check suite: check's warnings (compiler/lint.c). */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "policy.h"
#include "rules.h"
#include "unit.h"

/*
 * The warnings lint_policy gives text (at most max), one a line as
 * "FILE:LINE: message [escape]", into out.
 */
static size_t lint_lines(const char *text, size_t max, char *out, size_t size)
{
	struct lint_warning w[LINT_MAX_WARNINGS];
	struct policy p;
	struct ruleset r;
	char msg[1200];
	size_t n, len = 0;

	ck_assert_msg(load_text(text, &p, &r, msg, sizeof(msg)) == 0, "%s",
		      msg);
	n = lint_policy(&p, &r, w, max);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(
			out + len, size - len, "%s:%u: %s%s%s%s\n",
			w[i].file ? w[i].file : "(none)", w[i].line,
			w[i].message, w[i].escape[0] ? " [" : "", w[i].escape,
			w[i].escape[0] ? "]" : "");
	rules_free(&r);
	policy_free(&p);
	return n;
}

/* got against want, both shown if they differ (Check's own message would
 * quote the long literal too, past its limit). */
static void expect_text(const char *got, const char *want)
{
	ck_assert_msg(strcmp(got, want) == 0, "got:\n%s\nwant:\n%s", got, want);
}

/* The policy of seccomp-shim(1)'s check test (tests/live/cli.sh): every
 * kind of warning, in lint_policy's order: the resolver's, the ways out
 * the default leaves open, the other routes (in the order of its table:
 * mkdir's before read's). */
START_TEST(test_lint_kinds)
{
	char out[8192];

	ck_assert_uint_eq(
		lint_lines(HEAD "[syscalls]\nread = errno:EBADF\n"
				"mkdir = errno:EPERM\n@mount = errno:EPERM\n"
				"@mount = allow\n",
			   LINT_MAX_WARNINGS, out, sizeof(out)),
		10);
	expect_text(
		out,
		"FILE:8: '@mount = allow' overrides '@mount = errno:EPERM' at "
		"line 7 for the calls both name ('chroot' among them)\n"
		"FILE:3: ptrace is allowed: a traced process can be made to "
		"make any call the tracer wants [ptrace]\n"
		"FILE:3: process_vm_writev is allowed: it writes into another "
		"process's memory [process_vm_writev]\n"
		"FILE:3: bpf is allowed: eBPF programs reach into the kernel; "
		"most of its history of privilege escalations [bpf]\n"
		"FILE:3: personality is allowed with READ_IMPLIES_EXEC: "
		"personality flags such as READ_IMPLIES_EXEC and "
		"ADDR_NO_RANDOMIZE weaken the process's own defences "
		"[personality with READ_IMPLIES_EXEC]\n"
		"FILE:3: unshare is allowed with CLONE_NEWUSER: a user "
		"namespace gives the process capabilities over new "
		"namespaces, and the kernel code they reach [unshare with "
		"CLONE_NEWUSER]\n"
		"FILE:3: clone is allowed with CLONE_NEWUSER: a user "
		"namespace gives the child capabilities over new namespaces, "
		"and the kernel code they reach [clone with CLONE_NEWUSER]\n"
		"FILE:3: setns is allowed: it joins other namespaces [setns]\n"
		"FILE:6: mkdir is denied (errno:EPERM) but mkdirat, which "
		"does the same, is allowed\n"
		"FILE:5: read is denied (errno:EBADF) but readv, which does "
		"the same, is allowed\n");
}
END_TEST

START_TEST(test_lint_escapes)
{
	char out[8192];

	/* An allow-list that opens one hatch: warned at that line only
	 * (io_uring_setup, off unless named, is no warning either). */
	ck_assert_uint_eq(lint_lines("[policy]\nversion = 1\ndefault = kill\n"
				     "[syscalls]\n@default = allow\n"
				     "ptrace = allow\n",
				     LINT_MAX_WARNINGS, out, sizeof(out)),
			  1);
	expect_text(out, "FILE:6: ptrace is allowed: a traced process "
			 "can be made to make any call the tracer "
			 "wants [ptrace]\n");
	/* io_uring named; log is as good as allow; bpf denied */
	ck_assert_uint_eq(lint_lines("[policy]\nversion = 1\ndefault = kill\n"
				     "[syscalls]\nio_uring_setup = allow\n"
				     "setns = log\nbpf = errno:EPERM\n",
				     LINT_MAX_WARNINGS, out, sizeof(out)),
			  2);
	expect_text(out, "FILE:5: io_uring_setup is allowed: io_uring runs "
			 "reads, writes, opens and connects that no seccomp "
			 "filter sees [io_uring_setup]\n"
			 "FILE:6: setns is only logged: it joins other "
			 "namespaces [setns (logged)]\n");
}
END_TEST

START_TEST(test_lint_arguments)
{
	/* What makes unshare, clone and personality a way out is one
	 * argument: a line that denies that argument closes it. */
	char out[8192];

	ck_assert_uint_eq(
		lint_lines("[policy]\nversion = 1\ndefault = kill\n"
			   "[syscalls]\n"
			   "unshare = errno:EPERM if a0 & CLONE_NEWUSER != 0\n"
			   "unshare = allow\n"
			   "clone = allow if a0 & CLONE_NEWUSER == 0\n"
			   "personality = allow if a0 == 0\n",
			   LINT_MAX_WARNINGS, out, sizeof(out)),
		0);
	expect_text(out, "");
	/* and a line that allows it says so */
	ck_assert_uint_eq(lint_lines("[policy]\nversion = 1\ndefault = kill\n"
				     "[syscalls]\nclone = allow if a0 != 0\n",
				     LINT_MAX_WARNINGS, out, sizeof(out)),
			  1);
	expect_text(out, "FILE:5: clone is allowed with CLONE_NEWUSER: "
			 "a user namespace gives the child "
			 "capabilities over new namespaces, and the "
			 "kernel code they reach [clone with "
			 "CLONE_NEWUSER]\n");
}
END_TEST

/* A route warning is for one line that denies a call outright while a
 * call that does the same is allowed outright; nothing else. */
START_TEST(test_lint_routes)
{
	static const char head[] = "[policy]\nversion = 1\ndefault = kill\n"
				   "[syscalls]\n@default = allow\n";
	char text[1024], out[8192];

	/* outright against outright: one warning per denied call, the
	 * action as the policy writes it */
	snprintf(text, sizeof(text),
		 "%srmdir = kill\nunlink = allow\nunlinkat = allow\n"
		 "chown = errno:EROFS\nfchown = errno:EROFS\n"
		 "lchown = errno:EROFS\nfchownat = allow\n",
		 head);
	ck_assert_uint_eq(lint_lines(text, LINT_MAX_WARNINGS, out, sizeof(out)),
			  4);
	expect_text(out, "FILE:6: rmdir is denied (kill) but unlink, which "
			 "does the same, is allowed\n"
			 "FILE:9: chown is denied (errno:EROFS) but "
			 "fchownat, which does the same, is allowed\n"
			 "FILE:10: fchown is denied (errno:EROFS) but "
			 "fchownat, which does the same, is allowed\n"
			 "FILE:11: lchown is denied (errno:EROFS) but "
			 "fchownat, which does the same, is allowed\n");
	/* denied by the default: a choice the allow-list makes */
	snprintf(text, sizeof(text), "%sopenat = allow\n", head);
	ck_assert_uint_eq(lint_lines(text, LINT_MAX_WARNINGS, out, sizeof(out)),
			  0);
	/* denied for some arguments only, or allowed for some only */
	snprintf(text, sizeof(text),
		 "%smkdir = errno:EPERM if a1 == 0\nmkdirat = allow\n"
		 "link = errno:EPERM\nlinkat = allow if a0 == 3\n",
		 head);
	ck_assert_uint_eq(lint_lines(text, LINT_MAX_WARNINGS, out, sizeof(out)),
			  0);
	/* the asynchronous interfaces are only other routes: denying them
	 * leaves nothing open */
	snprintf(text, sizeof(text),
		 "%sio_submit = errno:EPERM\nread = allow\nwrite = allow\n",
		 head);
	ck_assert_uint_eq(lint_lines(text, LINT_MAX_WARNINGS, out, sizeof(out)),
			  0);
	/* every route denied: nothing to say */
	snprintf(text, sizeof(text),
		 "%smkdir = errno:EPERM\nmkdirat = errno:EPERM\n", head);
	ck_assert_uint_eq(lint_lines(text, LINT_MAX_WARNINGS, out, sizeof(out)),
			  0);
}
END_TEST

START_TEST(test_lint_shipped_default)
{
	/* check says the built-in default policy has no warnings */
	const char *top = getenv("top_srcdir");
	char path[4096], out[8192], *text;
	size_t len;

	snprintf(path, sizeof(path), "%s/conf/default.ini", top ? top : ".");
	text = slurp(path, &len);
	ck_assert_uint_eq(lint_lines(text, LINT_MAX_WARNINGS, out, sizeof(out)),
			  0);
	expect_text(out, "");
	free(text);
}
END_TEST

START_TEST(test_lint_landlock_last)
{
	/* [landlock]'s warnings come after the filter's */
	char out[8192];

	ck_assert_uint_eq(lint_lines("[policy]\nversion = 1\ndefault = kill\n"
				     "[syscalls]\nsetns = allow\n"
				     "[landlock]\nread = /usr /usr/lib\n",
				     LINT_MAX_WARNINGS, out, sizeof(out)),
			  2);
	expect_text(out, "FILE:5: setns is allowed: it joins other "
			 "namespaces [setns]\n"
			 "FILE:7: [landlock] read /usr/lib: shadowed by "
			 "read /usr (line 7), beneath which it allows "
			 "as much already\n");
}
END_TEST

START_TEST(test_lint_limits)
{
	struct lint_warning w[3];
	char out[8192];
	size_t n = 0;

	/* lint_add: a warning while there is room, none after */
	ck_assert_int_eq(lint_add(w, 2, &n, "F", 4, "%s %d", "one", 1), 1);
	ck_assert_int_eq(lint_add(w, 2, &n, NULL, 0, "two"), 1);
	ck_assert_int_eq(lint_add(w, 2, &n, "F", 5, "three"), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(w[0].file, "F");
	ck_assert_uint_eq(w[0].line, 4);
	ck_assert_str_eq(w[0].message, "one 1");
	ck_assert_str_eq(w[0].escape, "");
	ck_assert_ptr_null(w[1].file);
	ck_assert_str_eq(w[1].message, "two");
	/* a message longer than the field is cut, not overrun */
	n = 0;
	ck_assert_int_eq(lint_add(w, 3, &n, "F", 1, "%0400d", 7), 1);
	ck_assert_uint_eq(strlen(w[0].message), sizeof(w[0].message) - 1);
	/* lint_policy: at most max, the first ones */
	ck_assert_uint_eq(lint_lines(HEAD "[syscalls]\nmkdir = kill\n", 2, out,
				     sizeof(out)),
			  2);
	expect_text(out, "FILE:3: ptrace is allowed: a traced process "
			 "can be made to make any call the tracer "
			 "wants [ptrace]\n"
			 "FILE:3: process_vm_writev is allowed: it "
			 "writes into another process's memory "
			 "[process_vm_writev]\n");
}
END_TEST

Suite *lint_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc;

	tc = tcase_create("warnings");
	tcase_add_test(tc, test_lint_kinds);
	tcase_add_test(tc, test_lint_escapes);
	tcase_add_test(tc, test_lint_arguments);
	tcase_add_test(tc, test_lint_routes);
	tcase_add_test(tc, test_lint_shipped_default);
	tcase_add_test(tc, test_lint_landlock_last);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_lint_limits);
	suite_add_tcase(s, tc);
	return s;
}
