/* Check suite: explain --pfc's listing (compiler/listing.c). */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <string.h>

#include "filter.h"
#include "listing.h"
#include "policy.h"
#include "rules.h"
#include "unit.h"

#define LEN(a) (sizeof(a) / sizeof(*(a)))

/* Each instruction of insns listed, against the lines expected. */
static void expect_listing(const struct sock_filter *insns, size_t len,
			   const char *const *expected)
{
	struct filter f = {(struct sock_filter *)insns, len};
	char buf[200];

	for (size_t i = 0; i < len; i++)
		ck_assert_str_eq(listing_line(&f, i, buf, sizeof(buf)),
				 expected[i]);
}

START_TEST(test_listing_loads)
{
	static const struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 8),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 12),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 20),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 56),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 60),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 64),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 2),
		BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0xffff),
		BPF_STMT(BPF_JMP | BPF_JA, 1),
		BPF_STMT(BPF_MISC | BPF_TAX, 0),
		BPF_STMT(BPF_LD | BPF_W | BPF_IND, 3),
	};
	static const char *const expected[] = {
		"0000: ld   [4]  ; arch",
		"0001: ld   [0]  ; nr",
		"0002: ld   [8]  ; instruction_pointer (low half)",
		"0003: ld   [12]  ; instruction_pointer (high half)",
		"0004: ld   [16]  ; a0 (low half)",
		"0005: ld   [20]  ; a0 (high half)",
		"0006: ld   [56]  ; a5 (low half)",
		"0007: ld   [60]  ; a5 (high half)",
		"0008: ld   [64]  ; ?",
		"0009: ld   [2]  ; ?",
		"0010: and  #0xffff",
		"0011: ja   0013",
		"0012: code 0x0007 jt 0 jf 0 k 0x0  ; not an instruction the "
		"compiler emits",
		"0013: code 0x0040 jt 0 jf 0 k 0x3  ; not an instruction the "
		"compiler emits",
	};

	ck_assert_uint_eq(LEN(insns), LEN(expected));
	expect_listing(insns, LEN(insns), expected);
}
END_TEST

START_TEST(test_listing_returns)
{
	static const struct sock_filter insns[] = {
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_THREAD),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP | 5),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | 4000),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | 7),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_LOG),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_RET | BPF_K, 0x00ff0012),
	};
	static const char *const expected[] = {
		"0000: ret  KILL_PROCESS",  "0001: ret  KILL_THREAD",
		"0002: ret  TRAP",	    "0003: ret  ERRNO(EPERM)",
		"0004: ret  ERRNO(ENOSYS)", "0005: ret  ERRNO(4000)",
		"0006: ret  USER_NOTIF",    "0007: ret  TRACE(7)",
		"0008: ret  LOG",	    "0009: ret  ALLOW",
		"0010: ret  0x00ff0012",
	};

	ck_assert_uint_eq(LEN(insns), LEN(expected));
	expect_listing(insns, LEN(insns), expected);
}
END_TEST

/* Jumps: targets as instruction numbers, and a comparison of the call
 * number named as the call of the ABI the nearest ABI check names. */
START_TEST(test_listing_jumps)
{
	static const struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 0, 10),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 6, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 83, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_JUMP(BPF_JMP | BPF_JGT | BPF_K, 59, 1, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x40000000 | 83, 0, 0),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 83, 0, 0),
		BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x10000000, 0, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 4),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 39, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 999, 0, 0),
		BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0xffffffff, 0, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRAP),
	};
	static const char *const expected[] = {
		"0000: ld   [4]  ; arch",
		/* the accumulator holds the ABI, not a call */
		"0001: jeq  #0xc000003e  true 0002  false 0012",
		"0002: ld   [0]  ; nr",
		/* x32's start: a bound, not a call */
		"0003: jge  #0x40000000  true 0010  false 0004",
		"0004: jeq  #0x53  true 0005  false 0006  ; mkdir",
		"0005: ret  ERRNO(EPERM)",
		"0006: jgt  #0x3b  true 0008  false 0007  ; execve",
		"0007: jeq  #0x40000053  true 0008  false 0008  ; mkdir (x32)",
		"0008: ld   [16]  ; a0 (low half)",
		/* the accumulator holds a0: 0x53 is no call here */
		"0009: jeq  #0x53  true 0010  false 0010",
		"0010: jset #0x10000000  true 0011  false 0011",
		"0011: ret  ALLOW",
		"0012: jeq  #0x40000003  true 0013  false 0017",
		"0013: ld   [0]  ; nr",
		"0014: jeq  #0x27  true 0015  false 0016  ; mkdir (i386)",
		"0015: ret  KILL_PROCESS",
		/* no call 999 on i386, and the end of a range is a bound */
		"0016: jeq  #0x3e7  true 0017  false 0017",
		"0017: jge  #0xffffffff  true 0018  false 0018",
		"0018: ret  TRAP",
	};
	/* without an ABI check before it, a number is not named */
	static const struct sock_filter bare[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 83, 0, 0),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 83, 0, 0),
	};
	static const char *const bare_expected[] = {
		"0000: ld   [0]  ; nr",
		"0001: jeq  #0x53  true 0002  false 0002",
		"0002: jeq  #0x53  true 0003  false 0003",
	};

	ck_assert_uint_eq(LEN(insns), LEN(expected));
	expect_listing(insns, LEN(insns), expected);
	expect_listing(bare, LEN(bare), bare_expected);
}
END_TEST

START_TEST(test_listing_small_buffer)
{
	static const struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 4),
	};
	struct filter f = {(struct sock_filter *)insns, 1};
	char buf[16];

	memset(buf, 'x', sizeof(buf));
	ck_assert_ptr_eq(listing_line(&f, 0, buf, 8), buf);
	ck_assert_str_eq(buf, "0000: l");
	ck_assert_int_eq(buf[8], 'x');
}
END_TEST

/* A compiled filter, listed whole: as explain --pfc shows it. */
START_TEST(test_listing_compiled)
{
	struct policy p;
	struct ruleset r;
	struct filter f;
	struct shim_error err;
	char msg[1200], line[200], want[64];
	int named = 0, errno_ret = 0;

	ck_assert_int_eq(load_text(HEAD "[syscalls]\nmkdir = errno:EPERM\n", &p,
				   &r, msg, sizeof(msg)),
			 0);
	ck_assert_int_eq(filter_build(&r, &f, &err), 0);
	ck_assert_str_eq(listing_line(&f, 0, line, sizeof(line)),
			 "0000: ld   [4]  ; arch");
	for (size_t i = 0; i < f.len; i++) {
		listing_line(&f, i, line, sizeof(line));
		snprintf(want, sizeof(want), "%04zu: ", i);
		ck_assert_msg(strncmp(line, want, strlen(want)) == 0, "%s",
			      line);
		ck_assert_msg(!strstr(line, "not an instruction"), "%s", line);
		named += strstr(line, "  ; mkdir") != NULL;
		errno_ret +=
			strcmp(line + strlen(want), "ret  ERRNO(EPERM)") == 0;
	}
	ck_assert_int_ge(named, 1);
	ck_assert_int_eq(errno_ret, 1);
	snprintf(want, sizeof(want), "%04zu: ret  ", f.len - 1);
	ck_assert_msg(strncmp(listing_line(&f, f.len - 1, line, sizeof(line)),
			      want, strlen(want)) == 0,
		      "%s", line);
	filter_free(&f);
	rules_free(&r);
	policy_free(&p);
}
END_TEST

Suite *listing_suite(void)
{
	Suite *s = suite_create("listing");
	TCase *tc;

	tc = tcase_create("instructions");
	tcase_add_test(tc, test_listing_loads);
	tcase_add_test(tc, test_listing_returns);
	tcase_add_test(tc, test_listing_jumps);
	tcase_add_test(tc, test_listing_small_buffer);
	suite_add_tcase(s, tc);

	tc = tcase_create("compiled");
	tcase_add_test(tc, test_listing_compiled);
	suite_add_tcase(s, tc);
	return s;
}
