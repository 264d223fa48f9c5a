/*
 * Unit tests of the converter (convert.c) and of the regions it decides
 * overlaps with (region.c). Nothing here loads a filter.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <linux/audit.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condition.h"
#include "convert.h"
#include "error.h"
#include "policy.h"
#include "region.h"
#include "rules.h"

/* --- regions -------------------------------------------------------------- */

static uint64_t random64(void)
{
	return ((uint64_t)random() << 42) ^ ((uint64_t)random() << 21) ^
	       (uint64_t)random();
}

/* A value near one the condition names (or any), for argument k. */
static uint64_t near(const struct condition *c)
{
	const struct cond_conj *conj;
	const struct cond_atom *a;
	uint64_t v;

	if (random() % 5 == 0 || c->n_alts == 0)
		return random() % 3 ? (uint64_t)(random() % 8) : random64();
	conj = &c->alts[random() % c->n_alts];
	a = &conj->atoms[random() % conj->n_atoms];
	v = a->op == COND_IN ? a->set[random() % a->n_set] : a->value;
	v += (uint64_t)(random() % 5) - 2;
	if (random() % 3 == 0)
		v |= 0xffffffff00000000ull; /* an upper half set */
	if (random() % 4 == 0)
		v ^= a->mask;
	return v;
}

static const char *const region_conditions[] = {
	"a0 == 5",
	"a0 != 5",
	"a0 < 1024",
	"a0 <= 1024 && a2 <= 1048576",
	"a1 > 0x40000000 && a3 & 0x20 != 0",
	"a0 in {1, 2, 10, 4096}",
	"a2 & 3 == 1 || a2 & 0x40 == 0x40",
	"a0 & 0x7E020000 == 0",
	"a0 >= 7 && a0 <= 9 || a1 == 3",
	"a1 & 0xf0 != 0x30",
	"a0 == -100 && a2 & 3 == 0",
	"a5 > 0xfffffffffffffff0 || a4 == -1",
	NULL,
};

/* Widths: all 64-bit, all 32-bit, a0 and a2 32-bit, a0 16-bit. */
static const unsigned int region_widths[] = {0, 0x3f, 0x5, 0x101};

START_TEST(test_region_is_the_condition)
{
	srandom(7);
	for (size_t i = 0; region_conditions[i]; i++)
		for (size_t w = 0; w < 4; w++) {
			struct condition c;
			struct region r = {0}, outside = {0};
			char why[256];
			int complement;

			ck_assert_int_eq(condition_parse(region_conditions[i],
							 &c, why, sizeof(why)),
					 0);
			ck_assert_int_eq(
				region_from_condition(&r, &c, region_widths[w]),
				0);
			ck_assert_int_eq(region_all(&outside), 0);
			complement = region_subtract(&outside, &r);
			ck_assert(complement == 0 || complement == -E2BIG);
			for (int n = 0; n < 20000; n++) {
				uint64_t args[6];
				int holds;

				for (int k = 0; k < 6; k++)
					args[k] = near(&c);
				holds = condition_holds(&c, args,
							region_widths[w]);
				if (holds != region_contains(&r, args))
					ck_abort_msg("%s (widths %#x): region "
						     "differs",
						     region_conditions[i],
						     region_widths[w]);
				if (complement == 0 &&
				    holds == region_contains(&outside, args))
					ck_abort_msg("%s (widths %#x): "
						     "complement differs",
						     region_conditions[i],
						     region_widths[w]);
			}
			region_free(&r);
			region_free(&outside);
			condition_free(&c);
		}
}
END_TEST

START_TEST(test_region_intersects)
{
	struct condition a, b, c;
	struct region ra = {0}, rb = {0}, rc = {0};
	char why[128];

	ck_assert_int_eq(
		condition_parse("a0 < 38 || a0 > 40", &a, why, sizeof(why)), 0);
	ck_assert_int_eq(condition_parse("a0 == 40", &b, why, sizeof(why)), 0);
	ck_assert_int_eq(
		condition_parse("a0 >= 40 && a1 == 1", &c, why, sizeof(why)),
		0);
	ck_assert_int_eq(region_from_condition(&ra, &a, 0), 0);
	ck_assert_int_eq(region_from_condition(&rb, &b, 0), 0);
	ck_assert_int_eq(region_from_condition(&rc, &c, 0), 0);
	ck_assert(!region_intersects(&ra, &rb));
	ck_assert(region_intersects(&rb, &rc));
	ck_assert(region_intersects(&ra, &rc));
	region_free(&ra);
	region_free(&rb);
	region_free(&rc);
	condition_free(&a);
	condition_free(&b);
	condition_free(&c);
}
END_TEST

/* --- the converter ----------------------------------------------------- */

static char out_text[65536], notes_text[16384], error_text[1024];
/* The lines for the io_uring calls the profile does not name, cut from
 * out_text (test_convert_io_uring checks them; the others need not). */
static char uring_text[1024];
#define URING_MARK                                                             \
	"# not named: the default, as under runc (the shim keeps io_uring"

/* Convert json for Docker's capabilities on kernel 6.1; 0 or -errno. The
 * policy's [syscalls] part in out_text, notes joined by newlines. */
static int convert(const char *json, uint64_t caps)
{
	struct convert_target t = {caps, "amd64", 6, 1};
	struct convert_notes notes = {0};
	struct shim_error err;
	char *text = NULL;
	const char *body;
	int rc = convert_oci_to_policy(json, strlen(json), "P.json", &t, &text,
				       &notes, &err);

	notes_text[0] = out_text[0] = error_text[0] = '\0';
	for (size_t i = 0; i < notes.n; i++) {
		strncat(notes_text, notes.text[i],
			sizeof(notes_text) - strlen(notes_text) - 2);
		strcat(notes_text, "\n");
	}
	convert_notes_free(&notes);
	if (rc < 0) {
		error_format(&err, error_text, sizeof(error_text));
		return rc;
	}
	body = strstr(text, "\n[policy]\n");
	ck_assert_ptr_nonnull(body);
	snprintf(out_text, sizeof(out_text), "%s", body + 1);
	free(text);
	uring_text[0] = '\0';
	body = strstr(out_text, URING_MARK);
	if (body) {
		snprintf(uring_text, sizeof(uring_text), "%s", body);
		*(char *)body = '\0';
	}
	return 0;
}

#define HEADER                                                                 \
	"[policy]\nversion = 1\ndefault = errno:EPERM\narchitectures = "       \
	"native\nnewer_syscalls = errno:ENOSYS\n\n[syscalls]\n"

/* A profile with default errno and one entry (its JSON text). */
#define ONE(entry)                                                             \
	"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": [" entry "]}"

static void expect_lines(const char *entry_json, const char *lines)
{
	char expected[4096], json[4096];

	snprintf(json, sizeof(json), ONE("%s"), entry_json);
	ck_assert_int_eq(convert(json, convert_docker_caps()), 0);
	snprintf(expected, sizeof(expected), HEADER "%s", lines);
	ck_assert_str_eq(out_text, expected);
}

START_TEST(test_convert_ops)
{
	static const struct {
		const char *op, *line;
	} cases[] = {
		{"SCMP_CMP_NE", "a1 != 7"},
		{"SCMP_CMP_LT", "a1 < 7"},
		{"SCMP_CMP_LE", "a1 <= 7"},
		{"SCMP_CMP_EQ", "a1 == 7"},
		{"SCMP_CMP_GE", "a1 >= 7"},
		{"SCMP_CMP_GT", "a1 > 7"},
		{"SCMP_CMP_MASKED_EQ", "a1 & 0x7 == 3"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char entry[512], lines[256];

		snprintf(entry, sizeof(entry),
			 "{\"names\": [\"socket\"], \"action\": "
			 "\"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 1, "
			 "\"value\": 7, \"valueTwo\": 3, \"op\": \"%s\"}]}",
			 cases[i].op);
		snprintf(lines, sizeof(lines),
			 "# syscalls[0]\nsocket             = allow if %s\n"
			 "# not named: the default, as under runc (a policy's "
			 "own rule for an unnamed clone3 is ENOSYS)\nclone3 = "
			 "errno:EPERM\n",
			 cases[i].line);
		expect_lines(entry, lines);
	}
}
END_TEST

#define CLONE3_LINE                                                            \
	"# not named: the default, as under runc (a policy's own rule for "    \
	"an unnamed clone3 is ENOSYS)\nclone3 = errno:EPERM\n"

START_TEST(test_convert_conjunctions)
{
	/* two arguments: both must hold */
	expect_lines("{\"names\": [\"socket\"], \"action\": \"SCMP_ACT_ALLOW\","
		     " \"args\": [{\"index\": 0, \"value\": 1, \"op\": "
		     "\"SCMP_CMP_EQ\"}, {\"index\": 2, \"value\": 0, \"op\": "
		     "\"SCMP_CMP_EQ\"}]}",
		     "# syscalls[0]\nsocket             = allow if a0 == 1 && "
		     "a2 == 0\n" CLONE3_LINE);
	/* one argument twice: runc's alternatives, with a warning */
	expect_lines("{\"names\": [\"socket\"], \"action\": \"SCMP_ACT_ALLOW\","
		     " \"args\": [{\"index\": 0, \"value\": 1, \"op\": "
		     "\"SCMP_CMP_EQ\"}, {\"index\": 0, \"value\": 2, \"op\": "
		     "\"SCMP_CMP_EQ\"}]}",
		     "# syscalls[0]\nsocket             = allow if a0 == 1 || "
		     "a0 == 2\n" CLONE3_LINE);
	ck_assert_ptr_nonnull(strstr(notes_text, "compares one argument "
						 "twice"));
}
END_TEST

START_TEST(test_convert_actions)
{
	static const struct {
		const char *json, *ini;
	} cases[] = {
		{"\"SCMP_ACT_ALLOW\"", "allow"},
		{"\"SCMP_ACT_ERRNO\"", "errno:EPERM"}, /* runc's default */
		{"\"SCMP_ACT_ERRNO\", \"errnoRet\": 13", "errno:EACCES"},
		{"\"SCMP_ACT_KILL\"", "kill-thread"},
		{"\"SCMP_ACT_KILL_THREAD\"", "kill-thread"},
		{"\"SCMP_ACT_KILL_PROCESS\"", "kill"},
		{"\"SCMP_ACT_TRAP\"", "trap"},
		{"\"SCMP_ACT_LOG\"", "log"},
		{"\"SCMP_ACT_TRACE\"", "errno:ENOSYS"},
		{"\"SCMP_ACT_NOTIFY\"", "errno:ENOSYS"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char json[512], expected[512];

		snprintf(
			json, sizeof(json),
			"{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": "
			"[{\"names\": [\"mkdir\"], \"action\": %s}]}",
			cases[i].json);
		ck_assert_int_eq(convert(json, 0), 0);
		/* (allow is the default: runc skips such an entry) */
		snprintf(expected, sizeof(expected),
			 "default = allow\narchitectures = native\n"
			 "newer_syscalls = default\n\n[syscalls]\n%s%s%s",
			 i ? "# syscalls[0]\nmkdir              = " : "",
			 i ? cases[i].ini : "", i ? "\n" : "");
		ck_assert_str_eq(strstr(out_text, "default = "), expected);
	}
	ck_assert_ptr_nonnull(strstr(notes_text, "not supported"));
	/* the default action and defaultErrnoRet */
	ck_assert_int_eq(convert("{\"defaultAction\": \"SCMP_ACT_ERRNO\", "
				 "\"defaultErrnoRet\": 38}",
				 0),
			 0);
	ck_assert_ptr_nonnull(strstr(out_text, "default = errno:ENOSYS\n"));
	ck_assert_int_eq(convert("{\"defaultAction\": "
				 "\"SCMP_ACT_KILL_PROCESS\"}",
				 0),
			 0);
	ck_assert_ptr_nonnull(strstr(out_text, "default = kill\n"));
}
END_TEST

START_TEST(test_convert_runc_merging)
{
	/* an entry with the default action adds nothing */
	expect_lines("{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\", "
		     "\"args\": [{\"index\": 1, \"value\": 1, \"op\": "
		     "\"SCMP_CMP_EQ\"}]}, {\"names\": [\"mkdir\"], \"action\": "
		     "\"SCMP_ACT_ALLOW\"}",
		     "# syscalls[1]\nmkdir              = allow\n" CLONE3_LINE);
	/* an unconditional entry overrides a conditional one, either
	 * order */
	expect_lines("{\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\", "
		     "\"errnoRet\": 13, \"args\": [{\"index\": 1, \"value\": "
		     "1, \"op\": \"SCMP_CMP_EQ\"}]}, {\"names\": [\"mkdir\"], "
		     "\"action\": \"SCMP_ACT_ALLOW\"}",
		     "# syscalls[0]\nmkdir              = allow\n" CLONE3_LINE);
	ck_assert_ptr_nonnull(strstr(notes_text, "libseccomp drops it"));
	/* overlapping conditions with different actions: a warning */
	expect_lines("{\"names\": [\"kill\"], \"action\": \"SCMP_ACT_ALLOW\", "
		     "\"args\": [{\"index\": 0, \"value\": 1, \"op\": "
		     "\"SCMP_CMP_GT\"}]}, {\"names\": [\"kill\"], \"action\": "
		     "\"SCMP_ACT_KILL_PROCESS\", \"args\": [{\"index\": 1, "
		     "\"value\": 9, \"op\": \"SCMP_CMP_EQ\"}]}",
		     "# syscalls[0]\nkill               = allow if a0 > 1\n"
		     "kill               = kill if a1 == 9\n" CLONE3_LINE);
	ck_assert_ptr_nonnull(strstr(notes_text, "can both hold"));
	/* disjoint ones: none */
	expect_lines("{\"names\": [\"kill\"], \"action\": \"SCMP_ACT_ALLOW\", "
		     "\"args\": [{\"index\": 0, \"value\": 1, \"op\": "
		     "\"SCMP_CMP_GT\"}]}, {\"names\": [\"kill\"], \"action\": "
		     "\"SCMP_ACT_KILL_PROCESS\", \"args\": [{\"index\": 0, "
		     "\"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}",
		     "# syscalls[0]\nkill               = allow if a0 > 1\n"
		     "kill               = kill if a0 == 1\n" CLONE3_LINE);
	ck_assert_ptr_null(strstr(notes_text, "can both hold"));
}
END_TEST

START_TEST(test_convert_includes_excludes)
{
	const char *json =
		"{\"defaultAction\": \"SCMP_ACT_ERRNO\", \"syscalls\": ["
		"{\"names\": [\"chroot\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"caps\": [\"CAP_SYS_CHROOT\"]}},"
		"{\"names\": [\"mount\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"caps\": [\"CAP_SYS_ADMIN\", "
		"\"CAP_SYS_CHROOT\"]}},"
		"{\"names\": [\"unshare\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"excludes\": {\"caps\": [\"CAP_SYS_BOOT\", "
		"\"CAP_SYS_ADMIN\"]}},"
		"{\"names\": [\"arch_prctl\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"arches\": [\"amd64\", \"x32\"]}},"
		"{\"names\": [\"s390_runtime_instr\"], \"action\": "
		"\"SCMP_ACT_ALLOW\", \"includes\": {\"arches\": [\"s390x\"]}},"
		"{\"names\": [\"ptrace\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"minKernel\": \"4.8\"}},"
		"{\"names\": [\"mseal\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"includes\": {\"minKernel\": \"6.10\"}},"
		"{\"names\": [\"kcmp\"], \"action\": \"SCMP_ACT_ALLOW\", "
		"\"excludes\": {\"minKernel\": \"5.0\"}},"
		"{\"names\": [\"clone3\"], \"action\": \"SCMP_ACT_ERRNO\", "
		"\"errnoRet\": 38, \"excludes\": {\"arches\": [\"amd64\"]}}"
		"]}";

	/* Docker's default capabilities, kernel 6.1 */
	ck_assert_int_eq(convert(json, convert_docker_caps()), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "\nchroot "));
	ck_assert_ptr_null(strstr(out_text, "\nmount "));
	ck_assert_ptr_nonnull(strstr(out_text, "\nunshare "));
	ck_assert_ptr_nonnull(strstr(out_text, "\narch_prctl "));
	ck_assert_ptr_null(strstr(out_text, "\ns390_runtime_instr "));
	ck_assert_ptr_nonnull(strstr(out_text, "\nptrace "));
	ck_assert_ptr_null(strstr(out_text, "\nmseal "));
	ck_assert_ptr_null(strstr(out_text, "\nkcmp "));
	ck_assert_ptr_nonnull(strstr(out_text, "\nclone3 = errno:EPERM\n"));
	/* all capabilities: mount in, unshare out */
	ck_assert_int_eq(convert(json, ~0ull), 0);
	ck_assert_ptr_nonnull(strstr(out_text, "\nmount "));
	ck_assert_ptr_null(strstr(out_text, "\nunshare "));
}
END_TEST

START_TEST(test_convert_io_uring)
{
	/* not named: the profile's default, as under runc (the shim's own
	 * answer for io_uring a policy does not name is ENOSYS) */
	ck_assert_int_eq(convert(ONE(""), convert_docker_caps()), 0);
	ck_assert_str_eq(uring_text,
			 URING_MARK " off, ENOSYS,\n# unless a policy names "
				    "its calls)\nio_uring_setup = errno:EPERM\n"
				    "io_uring_enter = errno:EPERM\n"
				    "io_uring_register = errno:EPERM\n");
	ck_assert_int_eq(convert("{\"defaultAction\": \"SCMP_ACT_ALLOW\"}", 0),
			 0);
	ck_assert_ptr_nonnull(strstr(uring_text, "io_uring_enter = allow\n"));
	/* named: the profile's word, and nothing added for the others */
	ck_assert_int_eq(convert(ONE("{\"names\": [\"io_uring_setup\"], "
				     "\"action\": \"SCMP_ACT_ALLOW\"}"),
				 convert_docker_caps()),
			 0);
	ck_assert_ptr_nonnull(strstr(out_text, "io_uring_setup     = allow"));
	ck_assert_ptr_null(strstr(uring_text, "io_uring_setup ="));
	ck_assert_ptr_nonnull(
		strstr(uring_text, "io_uring_enter = errno:EPERM"));
}
END_TEST

START_TEST(test_convert_profile_fields)
{
	ck_assert_int_eq(convert("{\"defaultAction\": \"SCMP_ACT_ALLOW\", "
				 "\"architectures\": [\"SCMP_ARCH_X86_64\", "
				 "\"SCMP_ARCH_X86\", \"SCMP_ARCH_AARCH64\"], "
				 "\"flags\": [\"SECCOMP_FILTER_FLAG_TSYNC\", "
				 "\"SECCOMP_FILTER_FLAG_LOG\", "
				 "\"SECCOMP_FILTER_FLAG_SPEC_ALLOW\"], "
				 "\"listenerPath\": \"/run/agent.sock\", "
				 "\"listenerMetadata\": \"x\", \"bogus\": 1}",
				 0),
			 0);
	ck_assert_str_eq(out_text, "[policy]\nversion = 1\ndefault = allow\n"
				   "architectures = native x86\n"
				   "newer_syscalls = default\nlog = kernel\n\n"
				   "[syscalls]\n");
	ck_assert_ptr_nonnull(strstr(notes_text, "SPEC_ALLOW is not "
						 "supported"));
	ck_assert_ptr_nonnull(strstr(notes_text, "listenerPath"));
	ck_assert_ptr_nonnull(strstr(notes_text, "profile.bogus: unknown "
						 "field"));
	ck_assert_int_eq(convert("{\"defaultAction\": \"SCMP_ACT_ALLOW\", "
				 "\"archMap\": [{\"architecture\": "
				 "\"SCMP_ARCH_AARCH64\", \"subArchitectures\": "
				 "[\"SCMP_ARCH_ARM\"]}, {\"architecture\": "
				 "\"SCMP_ARCH_X86_64\", \"subArchitectures\": "
				 "[\"SCMP_ARCH_X86\", \"SCMP_ARCH_X32\"]}]}",
				 0),
			 0);
	ck_assert_ptr_nonnull(strstr(out_text, "architectures = native x86 "
					       "x32\n"));
	/* the old single name */
	expect_lines("{\"name\": \"mkdir\", \"action\": \"SCMP_ACT_ALLOW\"}",
		     "# syscalls[0]\nmkdir              = allow\n" CLONE3_LINE);
	/* a comment goes with its entry; unknown names are left out with a
	 * note */
	expect_lines("{\"names\": [\"mkdir\", \"no_such_call\"], \"action\": "
		     "\"SCMP_ACT_ALLOW\", \"comment\": \"dirs\"}",
		     "# syscalls[0]: dirs\nmkdir              = "
		     "allow\n" CLONE3_LINE);
	ck_assert_ptr_nonnull(strstr(notes_text, "no_such_call"));
	/* a value that cannot fit a 32-bit argument: left out, with a note */
	expect_lines("{\"names\": [\"socket\"], \"action\": \"SCMP_ACT_ALLOW\","
		     " \"args\": [{\"index\": 0, \"value\": 4294967296, "
		     "\"op\": \"SCMP_CMP_EQ\"}]}",
		     CLONE3_LINE);
	ck_assert_ptr_nonnull(strstr(notes_text, "cannot hold"));
}
END_TEST

static void expect_error(const char *json, const char *message)
{
	ck_assert_int_lt(convert(json, 0), 0);
	ck_assert_str_eq(error_text, message);
}

START_TEST(test_convert_errors)
{
	expect_error(
		"{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n  \"syscalls\": "
		"[\n    {\"names\": [\"a\"] \"action\": 1}]}",
		"seccomp-shim: P.json:3: column 21: object value separator "
		"',' expected");
	expect_error("{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n",
		     "seccomp-shim: P.json:2: column 1: unexpected end of the "
		     "text");
	expect_error("{\"defaultAction\": \"SCMP_ACT_ALLOW\"} x",
		     "seccomp-shim: P.json:1: column 37: text after the "
		     "profile");
	expect_error("[]", "seccomp-shim: P.json: profile: an object "
			   "expected, not array");
	expect_error("{}", "seccomp-shim: P.json: profile: no defaultAction");
	expect_error("{\"defaultAction\": \"SCMP_ACT_MAYBE\"}",
		     "seccomp-shim: P.json: defaultAction: unknown action "
		     "'SCMP_ACT_MAYBE'");
	expect_error(ONE("{\"names\": [\"read\"], \"name\": \"read\", "
			 "\"action\": \"SCMP_ACT_ALLOW\"}"),
		     "seccomp-shim: P.json: syscalls[0]: both name and names: "
		     "use one");
	expect_error(ONE("{\"names\": [\"read\"], \"action\": "
			 "\"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 6, "
			 "\"value\": 0, \"op\": \"SCMP_CMP_EQ\"}]}"),
		     "seccomp-shim: P.json: syscalls[0].args[0].index: 6 is "
		     "past 5");
	expect_error(ONE("{\"names\": [\"read\"], \"action\": "
			 "\"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
			 "\"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}"),
		     "seccomp-shim: P.json: syscalls[0].args[0].value: -1 is "
		     "negative");
	expect_error(ONE("{\"names\": [\"read\"], \"action\": "
			 "\"SCMP_ACT_ALLOW\", \"args\": [{\"index\": 0, "
			 "\"value\": 1, \"op\": \"SCMP_CMP_MASKED_NE\"}]}"),
		     "seccomp-shim: P.json: syscalls[0].args[0].op: unknown op "
		     "'SCMP_CMP_MASKED_NE'");
	expect_error(ONE("{\"names\": \"read\", \"action\": "
			 "\"SCMP_ACT_ALLOW\"}"),
		     "seccomp-shim: P.json: syscalls[0].names: an array "
		     "expected, not string");
	expect_error("{\"defaultAction\": \"SCMP_ACT_ALLOW\", "
		     "\"architectures\": [\"SCMP_ARCH_X86_64\"], \"archMap\": "
		     "[]}",
		     "seccomp-shim: P.json: profile: both architectures and "
		     "archMap: use one (Docker refuses both too)");
	expect_error("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"flags\": "
		     "[\"SECCOMP_FILTER_FLAG_MAGIC\"]}",
		     "seccomp-shim: P.json: flags[0]: unknown flag "
		     "'SECCOMP_FILTER_FLAG_MAGIC'");
	expect_error(ONE("{\"names\": [\"read\"], \"action\": "
			 "\"SCMP_ACT_ERRNO\", \"errnoRet\": 5000}"),
		     "seccomp-shim: P.json: syscalls[0]: errnoRet 5000 is past "
		     "4095");
}
END_TEST

START_TEST(test_convert_caps)
{
	uint64_t caps;
	char why[128];

	ck_assert_int_eq(convert_caps_parse("none", &caps, why, sizeof(why)),
			 0);
	ck_assert_uint_eq(caps, 0);
	ck_assert_int_eq(convert_caps_parse("CAP_SYS_ADMIN,net_raw", &caps, why,
					    sizeof(why)),
			 0);
	ck_assert_uint_eq(caps, (1ull << 21) | (1ull << 13));
	ck_assert_int_eq(convert_caps_parse("docker-default,CAP_SYS_ADMIN",
					    &caps, why, sizeof(why)),
			 0);
	ck_assert_uint_eq(caps, convert_docker_caps() | (1ull << 21));
	ck_assert_int_eq(convert_caps_parse("CAP_FLY", &caps, why, sizeof(why)),
			 -EINVAL);
	ck_assert_str_eq(why, "unknown capability 'CAP_FLY'");
}
END_TEST

/* --- the round trip: policy -> profile -> policy decides the same ------- */

static const char *const trip_calls[] = {
	"socket", "openat", "mmap",  "read",  "write",	  "kill",
	"clone",  "ioctl",  "fcntl", "prctl", "mprotect",
};
#define N_TRIP_CALLS (sizeof(trip_calls) / sizeof(trip_calls[0]))

static const char *const trip_actions[] = {
	"allow",       "errno:EPERM", "errno:EACCES", "kill",
	"kill-thread", "trap",	      "log",
};

static const char *trip_value(void)
{
	static const char *const values[] = {
		"0",	      "1",	    "2",	  "3",
		"7",	      "0x40000000", "-1",	  "-100",
		"0xffffffff", "AF_INET",    "0x7e020000",
	};

	return values[random() % (sizeof(values) / sizeof(values[0]))];
}

/* A random comparison on a random argument, into buf: mostly the ones
 * policies use (==, in, flag masks); orders and != less often, as each
 * becomes up to 64 pieces of a 64-bit argument in a profile. */
static void trip_atom(char *buf, size_t size)
{
	static const char *const ops[] = {"==", "!=", "<", "<=", ">", ">="};
	int arg = (int)(random() % 4), kind = (int)(random() % 9);

	if (kind >= 1 && kind < 6 && random() % 3)
		kind = random() % 2 ? 0 : 8;

	if (kind < 6)
		snprintf(buf, size, "a%d %s %s", arg, ops[kind], trip_value());
	else if (kind < 8)
		snprintf(buf, size, "a%d & 0x%lx %s %ld", arg,
			 (long)(random() % 0x100),
			 kind == 6 ? "==" : "!=", random() % 4);
	else
		snprintf(buf, size, "a%d in {%s, %s, %s}", arg, trip_value(),
			 trip_value(), trip_value());
}

/* A random policy: a few calls, each with conditional lines and maybe an
 * unconditional one; newer_syscalls as runc has it, so that the round
 * trip can keep it. */
static void trip_policy(char *buf, size_t size)
{
	const char *deflt = trip_actions[random() % 4];
	size_t used = (size_t)snprintf(
		buf, size,
		"[policy]\nversion = 1\ndefault = %s\nnewer_syscalls = %s\n"
		"[syscalls]\n",
		deflt,
		strcmp(deflt, "allow") == 0 ? "default" : "errno:ENOSYS");
	int n_calls = 1 + (int)(random() % 4);

	for (int c = 0; c < n_calls; c++) {
		const char *call = trip_calls[random() % N_TRIP_CALLS];
		int lines = (int)(random() % 4);

		for (int l = 0; l < lines && used < size; l++) {
			char a[128], b[128];

			trip_atom(a, sizeof(a));
			trip_atom(b, sizeof(b));
			used += (size_t)snprintf(buf + used, size - used,
						 "%s = %s if %s %s %s\n", call,
						 trip_actions[random() % 7], a,
						 random() % 2 ? "&&" : "||", b);
		}
		if (random() % 2 && used < size)
			used += (size_t)snprintf(buf + used, size - used,
						 "%s = %s\n", call,
						 trip_actions[random() % 7]);
	}
}

static char trip_error[1024];

static int trip_load(const char *text, struct policy *p, struct ruleset *r)
{
	struct shim_error err;

	trip_error[0] = '\0';
	if (policy_parse(text, strlen(text), "T.ini", p, &err) < 0) {
		error_format(&err, trip_error, sizeof(trip_error));
		return -1;
	}
	memset(r, 0, sizeof(*r));
	if (rules_resolve(p, r, &err) < 0) {
		error_format(&err, trip_error, sizeof(trip_error));
		policy_free(p);
		return -1;
	}
	return 0;
}

START_TEST(test_round_trip)
{
	int trips = 0, refused = 0, too_complex = 0;

	srandom(11);
	for (int n = 0; n < 300; n++) {
		struct convert_target t = {~0ull, "amd64", 6, 1};
		struct convert_notes notes = {0};
		struct shim_error err;
		struct policy pa, pb;
		struct ruleset ra, rb;
		char text[4096], *json = NULL, *back = NULL;
		int rc;

		trip_policy(text, sizeof(text));
		if (trip_load(text, &pa, &ra) < 0) {
			refused++; /* a value a narrow argument cannot hold */
			continue;
		}
		rc = convert_policy_to_oci(&pa, &ra, &json, &notes, &err);
		if (rc == -E2BIG) {
			too_complex++;
			goto next;
		}
		ck_assert_msg(rc == 0, "%s: %s", text, err.message);
		rc = convert_oci_to_policy(json, strlen(json), "T.json", &t,
					   &back, &notes, &err);
		ck_assert_msg(rc == 0, "%.1500s\n(%zu bytes of JSON): %s", text,
			      strlen(json), err.message);
		if (trip_load(back, &pb, &rb) < 0) {
			/* refused, not wrong: a policy has at most 4096
			 * lines */
			ck_assert_msg(
				strstr(trip_error, "more than 4096 lines"),
				"%.1500s\n-> %s", text, trip_error);
			too_complex++;
			goto next;
		}
		for (int k = 0; k < 800; k++) {
			const char *call = trip_calls[random() % N_TRIP_CALLS];
			int nr = random() % 8
					 ? seccomp_syscall_resolve_name(call)
					 : (int)(random() % 460);
			uint64_t args[6];
			unsigned int la, lb;
			uint32_t da, db;

			for (int i = 0; i < 6; i++) {
				static const uint64_t near_values[] = {
					0,	    1,
					2,	    3,
					7,	    0x40000000,
					~0ull,	    (uint64_t)-100,
					0xffffffff, 2,
					0x7e020000, 0xffffff9c};

				args[i] = near_values[random() % 12] +
					  (uint64_t)(random() % 3) - 1;
				if (random() % 4 == 0)
					args[i] ^= 0xffffffff00000000ull;
				if (random() % 6 == 0)
					args[i] = random64();
			}
			da = rules_decide(&ra, AUDIT_ARCH_X86_64, nr, args,
					  &la);
			db = rules_decide(&rb, AUDIT_ARCH_X86_64, nr, args,
					  &lb);
			if (da != db)
				ck_abort_msg("%.1500s\n-> (%zu bytes of JSON)\n"
					     "-> %.1500s\nnr %d args %#llx "
					     "%#llx %#llx %#llx: %#x, back %#x",
					     text, strlen(json), back, nr,
					     (unsigned long long)args[0],
					     (unsigned long long)args[1],
					     (unsigned long long)args[2],
					     (unsigned long long)args[3], da,
					     db);
		}
		trips++;
		rules_free(&rb);
		policy_free(&pb);
	next:
		free(json);
		free(back);
		convert_notes_free(&notes);
		rules_free(&ra);
		policy_free(&pa);
	}
	printf("round trip: %d policies the same after INI -> JSON -> INI "
	       "(800 calls each), %d refused as written, %d too complex\n",
	       trips, refused, too_complex);
	fflush(stdout);
	ck_assert_int_ge(trips, 80);
	ck_assert_int_le(too_complex, trips);
}
END_TEST

START_TEST(test_policy_to_oci)
{
	struct convert_notes notes = {0};
	struct shim_error err;
	struct policy p;
	struct ruleset r;
	char *json = NULL;

	/* the default's lines add nothing; a later line gets what the
	 * earlier ones leave; the profile's entries never overlap */
	ck_assert_int_eq(trip_load("[policy]\nversion = 1\ndefault = allow\n"
				   "log = kernel\n[syscalls]\n"
				   "kill = allow if a0 == 1\n"
				   "kill = errno:EPERM if a1 == 9\n"
				   "mkdir = errno:EACCES\n",
				   &p, &r),
			 0);
	ck_assert_int_eq(convert_policy_to_oci(&p, &r, &json, &notes, &err), 0);
	ck_assert_ptr_nonnull(strstr(json, "\"defaultAction\": "
					   "\"SCMP_ACT_ALLOW\""));
	ck_assert_ptr_nonnull(strstr(json, "\"SECCOMP_FILTER_FLAG_LOG\""));
	ck_assert_ptr_nonnull(strstr(json, "\"errnoRet\": 13"));
	/* kill's EPERM entry excludes a0 == 1 (32 pieces of a0's other
	 * values, each with a1 == 9) */
	ck_assert_ptr_nonnull(strstr(json, "\"SCMP_CMP_MASKED_EQ\""));
	free(json);
	rules_free(&r);
	policy_free(&p);
	/* strict mode has no profile */
	ck_assert_int_eq(trip_load("[policy]\nversion = 1\nmode = strict\n", &p,
				   &r) == 0 ||
				 1,
			 1);
	convert_notes_free(&notes);
}
END_TEST

/* The shipped conf/docker-default.ini, written by hand from Docker's
 * profile, decides every call as the converted profile does (when the
 * reference data is there). */
START_TEST(test_docker_default_ini)
{
	static const uint64_t arg_sets[][3] = {
		{0, 0, 0},	    {40, 1, 0},		{38, 1, 0},
		{39, 1, 0},	    {0x7e020000, 0, 0}, {0x10000000, 0, 0},
		{8, 0, 0},	    {0xffffffff, 0, 0}, {0x20008, 0, 0},
		{1, 0x7e020000, 0},
	};
	static const struct {
		uint32_t arch, base;
	} abis[] = {
		{AUDIT_ARCH_X86_64, 0},
		{AUDIT_ARCH_X86_64, 0x40000000},
		{AUDIT_ARCH_I386, 0},
	};
	const char *top = getenv("top_srcdir");
	struct convert_target t = {convert_docker_caps(), "amd64", 6, 1};
	struct convert_notes notes = {0};
	struct shim_error err;
	struct policy pa, pb;
	struct ruleset ra, rb;
	char path[4096], *json, *ini = NULL, *conf;
	size_t len, conf_len;
	FILE *f;
	long compared = 0;

	snprintf(path, sizeof(path), "%s/../shared/data/docker-default.json",
		 top ? top : "..");
	f = fopen(path, "r");
	if (!f) {
		printf("skip: no %s\n", path);
		return;
	}
	json = malloc(1 << 20);
	len = fread(json, 1, (1 << 20) - 1, f);
	fclose(f);
	json[len] = '\0';
	ck_assert_int_eq(
		convert_oci_to_policy(json, len, path, &t, &ini, &notes, &err),
		0);
	snprintf(path, sizeof(path), "%s/conf/docker-default.ini",
		 top ? top : "..");
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	conf = malloc(1 << 20);
	conf_len = fread(conf, 1, (1 << 20) - 1, f);
	fclose(f);
	conf[conf_len] = '\0';
	ck_assert_msg(trip_load(ini, &pa, &ra) == 0, "%s", trip_error);
	ck_assert_msg(trip_load(conf, &pb, &rb) == 0, "%s", trip_error);
	for (size_t a = 0; a < sizeof(abis) / sizeof(abis[0]); a++)
		for (uint32_t nr = 0; nr < 470; nr++)
			for (size_t s = 0;
			     s < sizeof(arg_sets) / sizeof(arg_sets[0]); s++) {
				uint64_t args[6] = {arg_sets[s][0],
						    arg_sets[s][1],
						    arg_sets[s][2]};
				unsigned int la, lb;
				uint32_t da = rules_decide(
					&ra, abis[a].arch,
					(int)(abis[a].base + nr), args, &la);
				uint32_t db = rules_decide(
					&rb, abis[a].arch,
					(int)(abis[a].base + nr), args, &lb);

				ck_assert_msg(
					da == db,
					"arch %#x nr %u args %#llx %#llx: "
					"converted %#x (line %u), "
					"conf %#x (line %u)",
					abis[a].arch, abis[a].base + nr,
					(unsigned long long)args[0],
					(unsigned long long)args[1], da, la, db,
					lb);
				compared++;
			}
	printf("conf/docker-default.ini: %ld decisions as the converted "
	       "profile's\n",
	       compared);
	rules_free(&ra);
	rules_free(&rb);
	policy_free(&pa);
	policy_free(&pb);
	free(ini);
	free(json);
	free(conf);
	convert_notes_free(&notes);
}
END_TEST

static Suite *convert_suite(void)
{
	Suite *s = suite_create("convert");
	TCase *tc = tcase_create("regions");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_region_is_the_condition);
	tcase_add_test(tc, test_region_intersects);
	suite_add_tcase(s, tc);
	tc = tcase_create("oci-to-policy");
	tcase_add_test(tc, test_convert_ops);
	tcase_add_test(tc, test_convert_conjunctions);
	tcase_add_test(tc, test_convert_actions);
	tcase_add_test(tc, test_convert_runc_merging);
	tcase_add_test(tc, test_convert_includes_excludes);
	tcase_add_test(tc, test_convert_profile_fields);
	tcase_add_test(tc, test_convert_io_uring);
	tcase_add_test(tc, test_convert_errors);
	tcase_add_test(tc, test_convert_caps);
	suite_add_tcase(s, tc);
	tc = tcase_create("policy-to-oci");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_policy_to_oci);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_docker_default_ini);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(convert_suite());
	int failed;

	srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
