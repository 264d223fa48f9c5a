/* Check suite: conditions and named constants (compiler/condition.c,
 * compiler/constants.c). */
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

/* --- conditions -------------------------------------------------------- */
START_TEST(test_condition_parse)
{
	struct condition c;
	char why[256], text[512];

	ck_assert_int_eq(condition_parse("a0 == AF_UNIX || a0 == AF_INET6", &c,
					 why, sizeof(why)),
			 0);
	ck_assert_str_eq(condition_format(&c, text, sizeof(text)),
			 "a0 == 0x1 || a0 == 0xa");
	condition_free(&c);
	ck_assert_int_eq(condition_parse("a2 & O_ACCMODE == O_RDONLY", &c, why,
					 sizeof(why)),
			 0);
	ck_assert_str_eq(condition_format(&c, text, sizeof(text)),
			 "a2 & 0x3 == 0x0");
	condition_free(&c);
	ck_assert_int_eq(condition_parse("a1 in {TCGETS, TIOCGWINSZ,FIONREAD}",
					 &c, why, sizeof(why)),
			 0);
	ck_assert_str_eq(condition_format(&c, text, sizeof(text)),
			 "a1 in {0x5401, 0x5413, 0x541b}");
	condition_free(&c);
	ck_assert_int_eq(condition_parse("a0&CLONE_NEWUSER|CLONE_NEWNET!=0&&"
					 "a5>=010&&a4<0x10&&a3<=-1&&a1>7",
					 &c, why, sizeof(why)),
			 0);
	ck_assert_str_eq(condition_format(&c, text, sizeof(text)),
			 "a0 & 0x50000000 != 0x0 && a5 >= 0x8 && a4 < 0x10 && "
			 "a3 <= 0xffffffffffffffff && a1 > 0x7");
	condition_free(&c);
	ck_assert_int_eq(
		condition_parse("a0 == EPERM | 4", &c, why, sizeof(why)), 0);
	ck_assert_uint_eq(c.alts[0].atoms[0].value, 5);
	condition_free(&c);
}
END_TEST

START_TEST(test_constants)
{
	/* One name of every class, with the value the kernel ABI fixes. */
	static const struct {
		const char *name;
		uint64_t value;
	} cases[] = {
		{"AF_UNIX", 1},
		{"AF_INET", 2},
		{"AF_INET6", 10},
		{"AF_NETLINK", 16},
		{"SOCK_STREAM", 1},
		{"SOCK_RAW", 3},
		{"SOCK_CLOEXEC", 0x80000},
		{"IPPROTO_TCP", 6},
		{"MSG_DONTWAIT", 0x40},
		{"O_RDONLY", 0},
		{"O_WRONLY", 1},
		{"O_ACCMODE", 3},
		{"O_CREAT", 0x40},
		{"O_TMPFILE", 0x410000},
		{"AT_FDCWD", (uint64_t)-100},
		{"AT_EMPTY_PATH", 0x1000},
		{"PROT_EXEC", 4},
		{"MAP_SHARED", 1},
		{"MAP_ANONYMOUS", 0x20},
		{"CLONE_NEWUSER", 0x10000000},
		{"CLONE_NEWNET", 0x40000000},
		{"S_IFREG", 0100000},
		{"S_IFSOCK", 0140000},
		{"PR_SET_NO_NEW_PRIVS", 38},
		{"PR_SET_SECCOMP", 22},
		{"F_SETFL", 4},
		{"F_DUPFD_CLOEXEC", 1030},
		{"TCGETS", 0x5401},
		{"TIOCSTI", 0x5412},
		{"TIOCGWINSZ", 0x5413},
		{"FIONREAD", 0x541b},
		{"FIOCLEX", 0x5451},
		{"EPERM", 1},
		{"EAFNOSUPPORT", 97},
	};
	uint64_t value;

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		ck_assert_msg(constant_lookup(cases[i].name, &value) == 0,
			      "%s unknown", cases[i].name);
		ck_assert_msg(value == cases[i].value, "%s = %#llx",
			      cases[i].name, (unsigned long long)value);
	}
	ck_assert_int_eq(constant_lookup("AF_NOPE", &value), -1);
	ck_assert_uint_ge(constant_count(), 300);
}
END_TEST

START_TEST(test_condition_errors)
{
	static const struct {
		const char *text, *why;
	} cases[] = {
		{"", "expected an argument a0..a5, got 'the end of the line'"},
		{"a6 == 1", "expected an argument a0..a5, got 'a6'"},
		{"b0 == 1", "expected an argument a0..a5, got 'b0'"},
		{"a0 = 1", "expected a comparison (== != < <= > >= & in) "
			   "after a0, got '='"},
		{"a0 == AF_UNIXX", "unknown constant 'AF_UNIXX'"},
		{"a0 == 12z", "'12z' is not a number"},
		{"a0 == 99999999999999999999", "'99999999999999999999' is not "
					       "a number"},
		{"a0 == 1 &&", "expected an argument a0..a5, got 'the end of "
			       "the line'"},
		{"a0 == 1 a1 == 2", "expected '&&', '||' or the end, got 'a1'"},
		{"a0 & 3 < 1", "expected '==' or '!=' after the mask, got '<'"},
		{"a0 in 1, 2", "expected '{' after 'in', got '1'"},
		{"a0 in {1, 2", "expected ',' or '}', got 'the end of the "
				"line'"},
		{"a0 == (1)", "expected a number or a constant, got '('"},
	};
	struct condition c;
	char why[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		ck_assert_msg(condition_parse(cases[i].text, &c, why,
					      sizeof(why)) == -EINVAL,
			      "'%s' accepted", cases[i].text);
		ck_assert_str_eq(why, cases[i].why);
	}
}
END_TEST

START_TEST(test_condition_semantics)
{
	/* 32-bit arguments are read on their low half, as the kernel does:
	 * an upper half cannot slip past a rule. */
	const char *text = HEAD "[syscalls]\n"
				"socket = errno:EPERM if a0 == AF_INET\n";
	struct decided d;

	d = decide(text, X86_64, "socket", AF_INET, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "socket", 0x100000000ull | AF_INET, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "socket", 0xffffffff00000000ull | AF_INET, 0,
		   0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "socket", AF_UNIX, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);

	/* AT_FDCWD matches both the sign-extended and the zero-extended
	 * form of -100 in a 32-bit argument. */
	text = HEAD "[syscalls]\nmkdirat = errno:EPERM if a0 == AT_FDCWD\n";
	d = decide(text, X86_64, "mkdirat", (uint64_t)-100, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mkdirat", 0xffffff9cu, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));

	/* umode_t is 16-bit: the kernel ignores the bits above. */
	text = HEAD "[syscalls]\nmkdirat = errno:EPERM if a2 == 0755\n";
	d = decide(text, X86_64, "mkdirat", 0, 0, 0x101ed);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	expect_error(HEAD "[syscalls]\nmkdirat = kill if a2 == 0x10000\n",
		     "seccomp-shim: FILE:5: mkdirat: a2 is a 16-bit argument: "
		     "a value does not fit in 16 bits");
	/* i386's setuid is setuid16. */
	text = HEAD "architectures = x86\n[syscalls]\n"
		    "setuid = errno:EPERM if a0 == 0\n";
	d = decide(text, SCMP_ARCH_X86, "setuid", 0x10000, 0, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));

	/* 64-bit arguments compare all 64 bits, unsigned. */
	text = HEAD "[syscalls]\nmmap = errno:EPERM if a1 > 0x100000000\n";
	d = decide(text, X86_64, "mmap", 0, 0x100000001ull, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	d = decide(text, X86_64, "mmap", 0, 0x100000000ull, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "mmap", 0, 0xffffffffull, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	d = decide(text, X86_64, "mmap", 0, ~0ull, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
}
END_TEST

START_TEST(test_first_match)
{
	/* Lines for one call are tried in file order; libseccomp would
	 * reorder these and send socket(AF_UNIX, SOCK_RAW) to EPERM. */
	const char *text = HEAD "[syscalls]\n"
				"socket = allow if a0 == AF_UNIX\n"
				"socket = errno:EPERM if a1 == SOCK_RAW\n"
				"socket = errno:EAFNOSUPPORT\n";
	struct decided d;

	d = decide(text, X86_64, "socket", AF_UNIX, SOCK_RAW, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 5);
	d = decide(text, X86_64, "socket", AF_INET, SOCK_RAW, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EPERM));
	ck_assert_uint_eq(d.line, 6);
	d = decide(text, X86_64, "socket", AF_INET, SOCK_STREAM, 0);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EAFNOSUPPORT));
	ck_assert_uint_eq(d.line, 7);

	/* Without a fallback line the default decides. */
	text = HEAD "[syscalls]\nopenat = errno:EACCES if "
		    "a2 & O_ACCMODE != O_RDONLY\n";
	d = decide(text, X86_64, "openat", 0, 0, O_WRONLY | O_CREAT);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ERRNO(EACCES));
	d = decide(text, X86_64, "openat", 0, 0, O_RDONLY | O_CLOEXEC);
	ck_assert_uint_eq(d.filter, SCMP_ACT_ALLOW);
	ck_assert_uint_eq(d.line, 0);
}
END_TEST

Suite *conditions_suite(void)
{
	Suite *s = suite_create("conditions");
	TCase *tc;

	tc = tcase_create("conditions");
	tcase_add_test(tc, test_constants);
	tcase_add_test(tc, test_condition_parse);
	tcase_add_test(tc, test_condition_errors);
	tcase_add_test(tc, test_condition_semantics);
	tcase_add_test(tc, test_first_match);
	suite_add_tcase(s, tc);
	return s;
}
