/*
 * Unit tests of the core (parse -> resolve -> compile), linked without the
 * preload constructor. Nothing here loads a filter into the kernel.
 */
#include "config.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"
#include "error.h"
#include "filter.h"
#include "install.h"
#include "policy.h"
#include "rules.h"

#define HEAD "[policy]\nversion = 1\ndefault = allow\n"

static int parse_text(const char *text, struct policy *p,
		      struct shim_error *err)
{
	return policy_parse(text, strlen(text), "FILE", p, err);
}

/* Parse and resolve text; on failure, the formatted error in msg. */
static int load_text(const char *text, struct policy *p, struct ruleset *r,
		     char *msg, size_t size)
{
	struct shim_error err;
	int rc = parse_text(text, p, &err);

	if (rc == 0) {
		rc = rules_resolve(p, r, &err);
		if (rc < 0)
			policy_free(p);
	}
	if (rc < 0)
		error_format(&err, msg, size);
	return rc;
}

static void expect_error(const char *text, const char *expected)
{
	struct policy p;
	struct ruleset r;
	char msg[1200];

	ck_assert_int_lt(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_str_eq(msg, expected);
}

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

		ck_assert_msg(
		    action_parse(cases[i].text, &action, why, sizeof(why)) == 0,
		    "%s: %s", cases[i].text, why);
		ck_assert_uint_eq(action, cases[i].action);
	}
}
END_TEST

START_TEST(test_action_errors)
{
	static const char *const bad[] = {
	    "",		"deny",		"Allow",
	    "errno:",	"errno:EPERMX", "errno:4096",
	    "errno:-1", "errno:1x",	"errno:99999999999999999999",
	    "kill ",	"errno:eperm",
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
	    "allow", "kill",	    "kill-thread", "trap",
	    "log",   "errno:EPERM", "errno:0",	   "errno:4095",
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

/* --- parser: accepted forms -------------------------------------------- */

START_TEST(test_parse_minimal)
{
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(parse_text(HEAD, &p, &err), 0);
	ck_assert_int_eq(p.mode, POLICY_MODE_FILTER);
	ck_assert_uint_eq(p.default_action, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(p.n_entries, 0);
	ck_assert_uint_eq(p.n_arches, 0);
	ck_assert_str_eq(p.file, "FILE");
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_forms)
{
	/* Comments of both kinds, anywhere; indentation; CRLF; a BOM; blank
	 * lines; spaces around '=' and inside section brackets. */
	static const char text[] = "\xef\xbb\xbf# a policy\r\n"
				   "; another comment\n"
				   "[ policy ]   # trailing\n"
				   "  version=1\n"
				   "\tmode = filter ; inline\n"
				   "default   =   errno:ENOSYS\r\n"
				   "\n"
				   "[syscalls]\n"
				   "mkdir = errno:EPERM   # no mkdir\n"
				   "    mkdirat = kill\n"
				   "socket = errno:13\n"
				   "_llseek = trap\n";
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(parse_text(text, &p, &err), 0);
	ck_assert_uint_eq(p.default_action, SCMP_ACT_ERRNO(ENOSYS));
	ck_assert_uint_eq(p.n_entries, 4);
	ck_assert_str_eq(p.entries[0].name, "mkdir");
	ck_assert_uint_eq(p.entries[0].action, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(p.entries[0].line, 9);
	ck_assert_str_eq(p.entries[1].name, "mkdirat");
	ck_assert_uint_eq(p.entries[1].action, SCMP_ACT_KILL_PROCESS);
	ck_assert_uint_eq(p.entries[1].line, 10);
	ck_assert_uint_eq(p.entries[2].action, SCMP_ACT_ERRNO(13));
	ck_assert_uint_eq(p.entries[3].line, 12);
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_no_final_newline)
{
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(parse_text(HEAD "[syscalls]\nmkdir = kill", &p, &err),
			 0);
	ck_assert_uint_eq(p.n_entries, 1);
	ck_assert_uint_eq(p.entries[0].line, 5);
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_arches)
{
	struct policy p;
	struct shim_error err;

	ck_assert_int_eq(
	    parse_text(HEAD "architectures = native, x86 x32\n", &p, &err), 0);
	ck_assert_uint_eq(p.n_arches, 3);
	ck_assert_uint_eq(p.arches[0], seccomp_arch_native());
	ck_assert_uint_eq(p.arches[1], SCMP_ARCH_X86);
	ck_assert_uint_eq(p.arches[2], SCMP_ARCH_X32);
	policy_free(&p);
	ck_assert_int_eq(parse_text(HEAD "architectures = aarch64\n", &p, &err),
			 0);
	ck_assert_uint_eq(p.arches[0], SCMP_ARCH_AARCH64);
	policy_free(&p);
}
END_TEST

START_TEST(test_parse_many_entries)
{
	/* Enough lines to grow the entry array several times. */
	char *text = malloc(64 * 1024);
	size_t len = (size_t)sprintf(text, HEAD "[syscalls]\n");
	const char *name;
	int n = 0;
	struct policy p;
	struct shim_error err;

	for (int nr = 0; nr < 460; nr++) {
		name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
		if (!name)
			continue;
		len += (size_t)sprintf(text + len, "%s = errno:EPERM\n", name);
		free((void *)name);
		n++;
	}
	ck_assert_int_eq(policy_parse(text, len, "FILE", &p, &err), 0);
	ck_assert_uint_eq(p.n_entries, (size_t)n);
	ck_assert_uint_eq(p.entries[n - 1].line, (unsigned int)n + 4);
	policy_free(&p);
	free(text);
}
END_TEST

/* The filter's pseudo-code, as libseccomp prints it (free() it). */
static char *pfc_of(const char *text)
{
	struct policy p;
	struct ruleset r;
	struct shim_error err;
	scmp_filter_ctx ctx;
	char msg[1200], *out;
	size_t len;
	FILE *tmp = tmpfile();

	ck_assert_ptr_nonnull(tmp);
	ck_assert_int_eq(load_text(text, &p, &r, msg, sizeof(msg)), 0);
	ck_assert_int_eq(filter_build(&r, &ctx, &err), 0);
	ck_assert_int_eq(seccomp_export_pfc(ctx, fileno(tmp)), 0);
	seccomp_release(ctx);
	rules_free(&r);
	policy_free(&p);
	out = malloc(1 << 16);
	rewind(tmp);
	len = fread(out, 1, (1 << 16) - 1, tmp);
	out[len] = '\0';
	fclose(tmp);
	return out;
}

/* --- resolver ---------------------------------------------------------- */

START_TEST(test_resolve_numbers)
{
	struct policy p;
	struct ruleset r;
	char msg[1200];

	ck_assert_int_eq(load_text(HEAD "[syscalls]\nmkdir = errno:EPERM\n"
					"read = errno:EBADF\n",
				   &p, &r, msg, sizeof(msg)),
			 0);
	ck_assert_uint_eq(r.n_rules, 2);
	ck_assert_int_eq(r.rules[0].syscall,
			 seccomp_syscall_resolve_name("mkdir"));
	ck_assert_str_eq(r.rules[0].name, "mkdir");
	ck_assert_uint_eq(r.rules[0].line, 5);
	ck_assert_int_eq(r.rules[1].syscall, 0);
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
	ck_assert_uint_eq(r.n_rules, 1);
	ck_assert_str_eq(r.rules[0].name, "mkdir");
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_resolve_foreign_name_kept)
{
	/* With the i386 ABI in the filter, _llseek means something. */
	struct policy p;
	struct ruleset r;
	char msg[1200];

	ck_assert_int_eq(load_text(HEAD "architectures = x86\n"
					"[syscalls]\n_llseek = kill\n",
				   &p, &r, msg, sizeof(msg)),
			 0);
	ck_assert_uint_eq(r.n_rules, 1);
	ck_assert_str_eq(r.rules[0].name, "_llseek");
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_resolve_multiplexed_kept)
{
	/* recv is no system call of its own on i386 or x86_64, but i386
	 * reaches it through socketcall: libseccomp places the rule there. */
	char *pfc = pfc_of(HEAD "architectures = x86\n"
				"[syscalls]\nrecv = errno:EPERM\n");

	ck_assert_ptr_nonnull(strstr(pfc, "\"socketcall\""));
	ck_assert_ptr_nonnull(strstr(pfc, "action ERRNO(1);"));
	free(pfc);
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
}
END_TEST

/* --- compiler ---------------------------------------------------------- */

START_TEST(test_filter_attrs)
{
	struct policy p;
	struct ruleset r;
	struct shim_error err;
	scmp_filter_ctx ctx;
	char msg[1200];
	uint32_t value;

	ck_assert_int_eq(load_text(HEAD "[syscalls]\nmkdir = errno:EPERM\n", &p,
				   &r, msg, sizeof(msg)),
			 0);
	ck_assert_int_eq(filter_build(&r, &ctx, &err), 0);
	ck_assert_int_eq(seccomp_attr_get(ctx, SCMP_FLTATR_ACT_BADARCH, &value),
			 0);
	ck_assert_uint_eq(value, SCMP_ACT_KILL_PROCESS);
	/* install_filter() sets NO_NEW_PRIVS itself. */
	ck_assert_int_eq(seccomp_attr_get(ctx, SCMP_FLTATR_CTL_NNP, &value), 0);
	ck_assert_uint_eq(value, 0);
	ck_assert_int_eq(seccomp_attr_get(ctx, SCMP_FLTATR_CTL_TSYNC, &value),
			 0);
	ck_assert_uint_eq(value, 1);
	ck_assert_int_eq(seccomp_arch_exist(ctx, SCMP_ARCH_X86), -EEXIST);
	seccomp_release(ctx);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

START_TEST(test_filter_default_repeated)
{
	/* A rule that repeats the default is dropped, not refused. */
	char *pfc = pfc_of(HEAD "[syscalls]\nread = allow\nmkdir = kill\n");

	ck_assert_ptr_nonnull(strstr(pfc, "\"mkdir\""));
	ck_assert_ptr_nonnull(strstr(pfc, "action KILL_PROCESS;"));
	ck_assert_ptr_null(strstr(pfc, "\"read\""));
	free(pfc);
}
END_TEST

START_TEST(test_filter_x86_added)
{
	struct policy p;
	struct ruleset r;
	struct shim_error err;
	scmp_filter_ctx ctx;
	char msg[1200];

	ck_assert_int_eq(load_text(HEAD "architectures = x86 x32\n"
					"[syscalls]\nmkdir = kill\n",
				   &p, &r, msg, sizeof(msg)),
			 0);
	ck_assert_int_eq(filter_build(&r, &ctx, &err), 0);
	ck_assert_int_eq(seccomp_arch_exist(ctx, SCMP_ARCH_X86), 0);
	ck_assert_int_eq(seccomp_arch_exist(ctx, SCMP_ARCH_X32), 0);
	ck_assert_int_eq(seccomp_arch_exist(ctx, SCMP_ARCH_NATIVE), 0);
	seccomp_release(ctx);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

/* --- sources ----------------------------------------------------------- */

START_TEST(test_source_inline)
{
	ck_assert(source_is_inline("[policy]\nversion = 1\n"));
	ck_assert(!source_is_inline("/etc/seccomp-shim/p.ini"));
	ck_assert(!source_is_inline("[policy] version = 1"));
}
END_TEST

START_TEST(test_source_errors)
{
	struct shim_error err;
	char *text;
	size_t len;
	char msg[1200];

	ck_assert_int_lt(source_read("/nonexistent/p.ini", &text, &len, &err),
			 0);
	error_format(&err, msg, sizeof(msg));
	ck_assert_str_eq(msg, "seccomp-shim: /nonexistent/p.ini: cannot open "
			      "policy: No such file or directory");
	ck_assert_int_lt(source_read("/", &text, &len, &err), 0);
	error_format(&err, msg, sizeof(msg));
	ck_assert_str_eq(msg,
			 "seccomp-shim: /: cannot read policy: not a regular "
			 "file");
}
END_TEST

/* --- every malformed-policy fixture against its expected message ------- */

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	buf = malloc(1 << 20);
	*len = fread(buf, 1, (1 << 20) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

START_TEST(test_fixtures)
{
	const char *top = getenv("top_srcdir");
	char dir[4096], path[4200];
	struct dirent *entry;
	int checked = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/policies/bad", top ? top : ".");
	d = opendir(dir);
	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((entry = readdir(d))) {
		size_t n = strlen(entry->d_name), len, elen;
		char *text, *expected, msg[1200];
		struct policy p;
		struct ruleset r;
		struct shim_error err;
		scmp_filter_ctx ctx;
		int rc;

		if (n < 5 || strcmp(entry->d_name + n - 4, ".ini") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
		text = slurp(path, &len);
		snprintf(path, sizeof(path), "%s/%.*s.err", dir, (int)n - 4,
			 entry->d_name);
		expected = slurp(path, &elen);
		while (elen && expected[elen - 1] == '\n')
			expected[--elen] = '\0';

		rc = policy_parse(text, len, "FILE", &p, &err);
		if (rc == 0) {
			rc = rules_resolve(&p, &r, &err);
			if (rc == 0) {
				rc = filter_build(&r, &ctx, &err);
				if (rc == 0)
					seccomp_release(ctx);
				rules_free(&r);
			}
			policy_free(&p);
		}
		ck_assert_msg(rc < 0, "%s was accepted", entry->d_name);
		error_format(&err, msg, sizeof(msg));
		ck_assert_msg(strcmp(msg, expected) == 0,
			      "%s:\n got      %s\n expected %s", entry->d_name,
			      msg, expected);
		free(text);
		free(expected);
		checked++;
	}
	closedir(d);
	ck_assert_int_ge(checked, 20);
}
END_TEST

static Suite *core_suite(void)
{
	Suite *s = suite_create("core");
	TCase *tc;

	tc = tcase_create("actions");
	tcase_add_test(tc, test_action_names);
	tcase_add_test(tc, test_action_errors);
	tcase_add_test(tc, test_action_format);
	tcase_add_test(tc, test_errno_table);
	suite_add_tcase(s, tc);

	tc = tcase_create("parse");
	tcase_add_test(tc, test_parse_minimal);
	tcase_add_test(tc, test_parse_forms);
	tcase_add_test(tc, test_parse_no_final_newline);
	tcase_add_test(tc, test_parse_arches);
	tcase_add_test(tc, test_parse_many_entries);
	suite_add_tcase(s, tc);

	tc = tcase_create("resolve");
	tcase_add_test(tc, test_resolve_numbers);
	tcase_add_test(tc, test_resolve_foreign_name_skipped);
	tcase_add_test(tc, test_resolve_foreign_name_kept);
	tcase_add_test(tc, test_resolve_multiplexed_kept);
	tcase_add_test(tc, test_resolve_errors);
	suite_add_tcase(s, tc);

	tc = tcase_create("filter");
	tcase_add_test(tc, test_filter_attrs);
	tcase_add_test(tc, test_filter_default_repeated);
	tcase_add_test(tc, test_filter_x86_added);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_source_inline);
	tcase_add_test(tc, test_source_errors);
	tcase_add_test(tc, test_fixtures);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(core_suite());
	int failed;

	/* A loaded filter cannot be unloaded: fork each test, unless the
	 * person debugging says CK_FORK=no. */
	if (!getenv("CK_FORK"))
		srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
