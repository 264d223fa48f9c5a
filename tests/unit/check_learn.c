/*
 * Check suite: learn's policies (cli/learn.c): --merge reading a policy
 * learn wrote (learn_merge) and the policy written back (learn_write).
 * Recording a run is tests/live/learn.sh's.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "learn.h"
#include "policy.h"
#include "unit.h"

/* A policy as learn writes it, with every kind of line --merge reads. */
static const char learned_text[] =
	LEARN_HEADER ": what the runs below used, and nothing else.\n"
		     "# from: ls -l /tmp\n"
		     "# 14 calls in all, to 5 system calls.\n"
		     "\n"
		     "[policy]\n"
		     "version = 1\n"
		     "default = errno:EPERM\n"
		     "log = stderr\n"
		     "\n"
		     "[syscalls]\n"
		     "# @basic-io: Basic IO\n"
		     "read                     = allow ; 10 calls\n"
		     "write = allow ; 1 call\n"
		     "mkdir = allow\n"
		     "socket = allow if a0 in {AF_UNIX, AF_INET} ; 3 calls\n"
		     "rt_sigreturn = allow ; 0 calls\n";

/* got against want, both shown if they differ (Check's own message would
 * quote the long literal too, past its limit). */
static void expect_text(const char *got, const char *want)
{
	ck_assert_msg(strcmp(got, want) == 0, "got:\n%s\nwant:\n%s", got, want);
}

/* The count learned for name, or -1 if it was not. */
static long count_of(const struct learned *l, const char *name)
{
	for (size_t i = 0; i < l->n_calls; i++)
		if (strcmp(l->calls[i].name, name) == 0)
			return (long)l->calls[i].count;
	return -1;
}

START_TEST(test_learn_merge_reads)
{
	struct learned l = {0};
	struct shim_error err;
	char *sources = NULL;

	ck_assert_int_eq(
		learn_merge(learned_text, "old.ini", &l, &sources, &err), 0);
	ck_assert_uint_eq(l.n_calls, 5);
	ck_assert_int_eq(count_of(&l, "read"), 10);
	ck_assert_int_eq(count_of(&l, "write"), 1);
	ck_assert_int_eq(count_of(&l, "mkdir"), 0);
	ck_assert_int_eq(count_of(&l, "socket"), 3);
	ck_assert_int_eq(count_of(&l, "rt_sigreturn"), 0);
	ck_assert_uint_eq(l.total, 14);
	ck_assert_str_eq(l.log, "stderr");
	ck_assert_uint_eq(l.arches, 0);
	/* AF_UNIX is 1, AF_INET 2 */
	ck_assert_uint_eq(l.families[LEARNED_SOCKET], 0x6);
	ck_assert_int_eq(l.any_family[LEARNED_SOCKET], 0);
	ck_assert_uint_eq(l.families[LEARNED_SOCKETPAIR], 0);
	ck_assert_str_eq(sources, "# from: ls -l /tmp\n");
	free(sources);
	learn_free(&l);
	ck_assert_uint_eq(l.n_calls, 0);
	ck_assert_ptr_null(l.calls);
}
END_TEST

/* Two policies merged: the union of the calls, the counts added. */
START_TEST(test_learn_merge_adds)
{
	struct learned l = {0};
	struct shim_error err;
	char *sources = NULL;

	ck_assert_int_eq(learn_merge(learned_text, "a.ini", &l, &sources, &err),
			 0);
	free(sources);
	ck_assert_int_eq(learn_merge(LEARN_HEADER "\n# from: sh -c true\n"
						  "[policy]\nversion = 1\n"
						  "default = errno:EPERM\n"
						  "architectures = x86 x32\n"
						  "[syscalls]\n"
						  "read = allow ; 5 calls\n"
						  "getpid = allow ; 2 calls\n"
						  "socket = allow ; 1 call\n"
						  "socketpair = allow if a0 "
						  "in {AF_UNIX, 63} ; 1 call\n",
				     "b.ini", &l, &sources, &err),
			 0);
	ck_assert_uint_eq(l.n_calls, 7);
	ck_assert_int_eq(count_of(&l, "read"), 15);
	ck_assert_int_eq(count_of(&l, "getpid"), 2);
	ck_assert_int_eq(count_of(&l, "socket"), 4);
	ck_assert_int_eq(count_of(&l, "socketpair"), 1);
	ck_assert_uint_eq(l.total, 14 + 9);
	ck_assert_uint_eq(l.arches, LEARNED_X86 | LEARNED_X32);
	/* socket once without a condition: any family from then on */
	ck_assert_int_eq(l.any_family[LEARNED_SOCKET], 1);
	ck_assert_uint_eq(l.families[LEARNED_SOCKETPAIR],
			  (1ull << 1) | (1ull << 63));
	ck_assert_str_eq(sources, "# from: sh -c true\n");
	free(sources);
	learn_free(&l);
}
END_TEST

/* What --merge cannot keep stops it, at the line, before anything is
 * written: the policy would lose the line or be widened by it. The
 * policy: [policy] (line 2) with version and policy_lines, then
 * [syscalls], a read line and syscall_lines. */
static void expect_merge_error(const char *policy_lines,
			       const char *syscall_lines, const char *expected)
{
	struct learned l = {0};
	struct shim_error err;
	char text[2048], *sources = NULL, msg[1200];

	snprintf(text, sizeof(text),
		 "%s\n[policy]\nversion = 1\n%s[syscalls]\n"
		 "read = allow ; 1 call\n%s",
		 LEARN_HEADER, policy_lines, syscall_lines);
	ck_assert_int_lt(learn_merge(text, "old.ini", &l, &sources, &err), 0);
	ck_assert_ptr_null(sources);
	error_format(&err, msg, sizeof(msg));
	ck_assert_str_eq(msg, expected);
	learn_free(&l);
}

START_TEST(test_learn_merge_errors)
{
	struct learned l = {0};
	struct shim_error err, parse_err;
	struct policy p;
	char *sources = NULL, msg[1200];
	static const char bad_syntax[] =
		LEARN_HEADER "\n[policy]\nversion = 1\n"
			     "default = errno:EPERM\n"
			     "[syscalls]\n"
			     "read = allow if\n";

	/* only into what learn wrote */
	ck_assert_int_lt(learn_merge("[policy]\nversion = 1\ndefault = allow\n",
				     "mine.ini", &l, &sources, &err),
			 0);
	error_format(&err, msg, sizeof(msg));
	ck_assert_str_eq(msg, "seccomp-shim: mine.ini:1: not a policy "
			      "seccomp-shim learn wrote (--merge adds to those "
			      "only)");
	ck_assert_uint_eq(l.n_calls, 0);
	ck_assert_ptr_null(sources);
	/* a policy that does not parse: the parser's error */
	ck_assert_int_lt(learn_merge(bad_syntax, "FILE", &l, &sources, &err),
			 0);
	ck_assert_int_lt(parse_text(bad_syntax, &p, &parse_err), 0);
	ck_assert_str_eq(err.message, parse_err.message);
	ck_assert_uint_eq(err.line, 6);
	ck_assert_uint_eq(l.n_calls, 0);

	expect_merge_error("default = errno:EPERM\n",
			   "mkdir = allow if a0 == 1\n",
			   "seccomp-shim: old.ini:7: a condition learn did not "
			   "write: --merge would widen or lose it (edit the "
			   "merged policy instead)");
	expect_merge_error("default = errno:EPERM\n",
			   "connect = allow if a0 in {AF_INET}\n",
			   "seccomp-shim: old.ini:7: a condition learn did not "
			   "write: --merge would widen or lose it (edit the "
			   "merged policy instead)");
	expect_merge_error(
		"default = errno:EPERM\n",
		"socket = allow if a0 in {AF_INET, 1000} ; 2 calls\n",
		"seccomp-shim: old.ini:7: a family learn did not "
		"write: --merge would widen or lose it (edit the "
		"merged policy instead)");
	expect_merge_error("default = errno:EPERM\n", "mkdir = errno:EACCES\n",
			   "seccomp-shim: old.ini:7: not a line learn writes: "
			   "--merge would lose it (edit the merged policy "
			   "instead)");
	/* the [policy] lines learn writes and no others */
	expect_merge_error("default = errno:EPERM\nnewer_syscalls = allow\n",
			   "",
			   "seccomp-shim: old.ini:5: not a line learn writes: "
			   "--merge would lose it (edit the merged policy "
			   "instead)");
	expect_merge_error("default = kill\n", "",
			   "seccomp-shim: old.ini:4: not a line learn writes: "
			   "--merge would lose it (edit the merged policy "
			   "instead)");
}
END_TEST

/* The policy written back: header, every command, the counts, the
 * [policy] lines kept, the calls under their groups. */
START_TEST(test_learn_write_merged)
{
	struct learned l = {0};
	struct shim_error err;
	char *sources = NULL, *text;
	char *const command[] = {"true", NULL};

	ck_assert_int_eq(
		learn_merge(learned_text, "old.ini", &l, &sources, &err), 0);
	text = learn_write(&l, sources, command);
	ck_assert_ptr_nonnull(text);
	expect_text(
		text, LEARN_HEADER
		": what the runs below used, and nothing else.\n"
		"# Each line allows one system call; the count says how often "
		"the runs made it.\n"
		"# (rt_sigreturn always: signal handlers return with it.)\n"
		"# Everything else is denied (default). Add more runs with:\n"
		"#   seccomp-shim learn --merge THIS-FILE -- COMMAND...\n"
		"# from: ls -l /tmp\n"
		"# from: true\n"
		"# 14 calls in all, to 5 system calls.\n"
		"\n"
		"[policy]\n"
		"version = 1\n"
		"# errno:EPERM makes a new call fail; kill would end the "
		"program.\n"
		"default = errno:EPERM\n"
		"log = stderr\n"
		"\n"
		"[syscalls]\n"
		"\n"
		"# @default: System calls that are always permitted\n"
		"rt_sigreturn             = allow ; 0 calls\n"
		"\n"
		"# @basic-io: Basic IO\n"
		"read                     = allow ; 10 calls\n"
		"write                    = allow ; 1 call\n"
		"\n"
		"# @file-system: File system operations\n"
		"mkdir                    = allow ; 0 calls\n"
		"\n"
		"# @network-io: Network or Unix socket IO, should not be "
		"needed if not network facing\n"
		"socket                   = allow if a0 in {AF_UNIX, AF_INET} "
		"; 3 calls\n");
	/* and what it wrote, merged again, is what it was */
	free(sources);
	sources = NULL;
	learn_free(&l);
	ck_assert_int_eq(learn_merge(text, "new.ini", &l, &sources, &err), 0);
	ck_assert_uint_eq(l.n_calls, 5);
	ck_assert_uint_eq(l.total, 14);
	ck_assert_int_eq(count_of(&l, "read"), 10);
	ck_assert_uint_eq(l.families[LEARNED_SOCKET], 0x6);
	ck_assert_str_eq(l.log, "stderr");
	ck_assert_str_eq(sources, "# from: ls -l /tmp\n# from: true\n");
	free(sources);
	free(text);
	learn_free(&l);
}
END_TEST

/* The policy learn writes back after merging the [policy] lines of
 * policy_lines and the [syscalls] lines of syscall_lines (free it). */
static char *rewritten(const char *policy_lines, const char *syscall_lines)
{
	struct learned l = {0};
	struct shim_error err;
	char text[2048], *sources = NULL, *written;
	char *const command[] = {"true", NULL};

	snprintf(text, sizeof(text),
		 "%s\n[policy]\nversion = 1\ndefault = errno:EPERM\n%s"
		 "[syscalls]\n%s",
		 LEARN_HEADER, policy_lines, syscall_lines);
	ck_assert_int_eq(learn_merge(text, "old.ini", &l, &sources, &err), 0);
	written = learn_write(&l, sources, command);
	ck_assert_ptr_nonnull(written);
	free(sources);
	learn_free(&l);
	return written;
}

START_TEST(test_learn_write_policy_lines)
{
	char *text;

	/* without a log line: log = stderr where the runs wrote ... */
	text = rewritten(
		"architectures = x32\n",
		"write = allow ; 2 calls\n"
		"socketpair = allow if a0 in {AF_UNIX, 63} ; 1 call\n");
	ck_assert_msg(strstr(text, "\ndefault = errno:EPERM\n"
				   "# A run that needs more says so on stderr; "
				   "once the policy is settled,\n"
				   "# log = none keeps it quiet.\n"
				   "log = stderr\n"
				   "architectures = x32\n"
				   "\n[syscalls]\n"),
		      "%s", text);
	/* a family without a name, as its number */
	ck_assert_msg(strstr(text,
			     "\nsocketpair               = allow if a0 in "
			     "{AF_UNIX, 63} ; 1 call\n"),
		      "%s", text);
	free(text);
	/* ... else only a comment, since reports need write */
	text = rewritten("", "getpid = allow ; 2 calls\n");
	ck_assert_msg(strstr(text, "\ndefault = errno:EPERM\n"
				   "# log = stderr says on stderr which calls "
				   "a new run needs\n"
				   "# (it needs write allowed too).\n"
				   "\n[syscalls]\n"),
		      "%s", text);
	ck_assert_ptr_null(strstr(text, "\nlog ="));
	free(text);
	/* log = none, kept */
	text = rewritten("log = none\n", "write = allow ; 2 calls\n");
	ck_assert_msg(strstr(text, "\ndefault = errno:EPERM\nlog = none\n"
				   "\n[syscalls]\n"),
		      "%s", text);
	free(text);
}
END_TEST

/* The command in "# from:", as a shell would take it back, and never a
 * line of its own. */
START_TEST(test_learn_write_command)
{
	struct learned l = {0};
	struct learned_call call = {strdup("read"), 3};
	char *const command[] = {"sh",
				 "-c",
				 "ls 'a b' | sort",
				 "",
				 "x\n[syscalls]\nptrace = allow",
				 "a b",
				 "it's",
				 "a'b\\\t",
				 "it's $HOME \"x\"",
				 "it's!x",
				 NULL};
	char *text;

	l.calls = &call;
	l.n_calls = l.cap = 1;
	l.total = 3;
	text = learn_write(&l, NULL, command);
	ck_assert_ptr_nonnull(text);
	ck_assert_msg(strstr(text, "\n# from: sh -c \"ls 'a b' | sort\" '' "
				   "$'x\\x0a[syscalls]\\x0aptrace = allow' "
				   "'a b' \"it's\" $'a\\'b\\\\\\x09' "
				   "'it'\\''s $HOME \"x\"' 'it'\\''s!x'\n"
				   "# 3 calls in all, to 1 system calls.\n"),
		      "%s", text);
	ck_assert_ptr_null(strstr(text, "\nptrace"));
	free(text);
	free(call.name);
}
END_TEST

Suite *learn_suite(void)
{
	Suite *s = suite_create("learn");
	TCase *tc;

	tc = tcase_create("merge");
	tcase_add_test(tc, test_learn_merge_reads);
	tcase_add_test(tc, test_learn_merge_adds);
	tcase_add_test(tc, test_learn_merge_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("write");
	tcase_add_test(tc, test_learn_write_merged);
	tcase_add_test(tc, test_learn_write_policy_lines);
	tcase_add_test(tc, test_learn_write_command);
	suite_add_tcase(s, tc);
	return s;
}
