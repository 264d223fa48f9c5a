/*
 * fuzz-policy: a libFuzzer target for the parser, the resolver and the
 * compiler (make fuzz). Each input is a policy text. A policy that parses
 * and resolves must compile, and for a spread of system calls the
 * compiled filter must decide as the reference semantics do; anything
 * else (a crash, a sanitizer report, a disagreement) is a finding.
 */
#include "config.h"

#include <linux/audit.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "policy.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Calls the conditions in the seed corpus are about, and a few others. */
static const int calls[] = {0,	1,  2,	 3,   39,  41,	42, 56,
			    59, 83, 257, 258, 435, 999, -1};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct policy policy;
	struct ruleset rules;
	struct filter filter;
	struct shim_error err;

	if (policy_parse((const char *)data, size, "fuzz", &policy, &err) < 0)
		return 0;
	if (policy.mode == POLICY_MODE_STRICT ||
	    rules_resolve(&policy, &rules, &err) < 0) {
		policy_free(&policy);
		return 0;
	}
	if (filter_build(&rules, &filter, &err) == 0) {
		for (size_t i = 0; i < sizeof(calls) / sizeof(*calls); i++) {
			struct seccomp_data sd = {.nr = calls[i],
						  .arch = AUDIT_ARCH_X86_64};
			unsigned int line;

			/* Arguments from the input's last bytes. */
			for (int a = 0; a < 6; a++)
				sd.args[a] =
					size > (size_t)a
						? data[size - 1 - a] *
							  (a % 2 ? 1ULL
								 : 0x100000001ULL)
						: 0;
			if (filter_run(&filter, &sd) !=
			    rules_decide(&rules, sd.arch, sd.nr,
					 (const uint64_t *)sd.args, &line))
				abort();
		}
		filter_free(&filter);
	} else if (!strstr(err.message, "too large") &&
		   !strstr(err.message, "out of memory")) {
		abort(); /* only the size limit may refuse a resolved policy */
	}
	rules_free(&rules);
	policy_free(&policy);
	return 0;
}
