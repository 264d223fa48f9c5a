/*
 * What the Check suites of tests/unit share: policy text to a parsed
 * policy, rules and decisions, and reading a file whole.
 */
#ifndef SHIM_TESTS_UNIT_H
#define SHIM_TESTS_UNIT_H

#include <stddef.h>
#include <stdint.h>

#include <check.h>

#include "policy.h"
#include "rules.h"

/* A [policy] head that allows what no line names. */
#define HEAD "[policy]\nversion = 1\ndefault = allow\n"

int parse_text(const char *text, struct policy *p, struct shim_error *err);

int load_text(const char *text, struct policy *p, struct ruleset *r, char *msg,
	      size_t size);

void expect_error(const char *text, const char *expected);

/* Build text; the action for (nr, args) by the filter and by the policy. */
struct decided {
	uint32_t filter, policy;
	unsigned int line;
};

struct decided decide_args(const char *text, uint32_t arch, int nr,
			   const uint64_t *args);

struct decided decide_raw(const char *text, uint32_t arch, int nr, uint64_t a0,
			  uint64_t a1, uint64_t a2);

struct decided decide(const char *text, uint32_t arch, const char *name,
		      uint64_t a0, uint64_t a1, uint64_t a2);

#define X86_64 SCMP_ARCH_X86_64

uint32_t decide_nr(const char *text, uint32_t arch, int nr);

char *slurp(const char *path, size_t *len);

Suite *action_suite(void);
Suite *policy_suite(void);
Suite *rules_suite(void);
Suite *conditions_suite(void);
Suite *filter_suite(void);
Suite *harden_suite(void);
Suite *suggest_suite(void);
Suite *syscall_args_suite(void);
Suite *landlock_suite(void);
Suite *guest_suite(void);
Suite *groups_suite(void);
Suite *lint_suite(void);
Suite *listing_suite(void);
Suite *learn_suite(void);
Suite *report_suite(void);

#endif
