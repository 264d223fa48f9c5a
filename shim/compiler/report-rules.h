/*
 * log = stderr's side of the compiler: the rules that report denied calls
 * and the table of reports (report.h) the preload library's SIGSYS
 * handler reads.
 */
#ifndef SHIM_REPORT_RULES_H
#define SHIM_REPORT_RULES_H

#include "error.h"
#include "policy.h"
#include "rules.h"

/*
 * report_rules - for log = stderr (report.h): check that the SIGSYS
 * handler can work under the rules (write to stderr and rt_sigreturn
 * allowed), turn every action that denies a call into a trap whose data
 * names an entry of a new table of reports (rules->report), and add the
 * shim's rules for reported kills and for signal calls. policy is the one
 * rules were resolved from. Returns 0, or a negative errno with err filled
 * in.
 */
int report_rules(const struct policy *policy, struct ruleset *rules,
		 struct shim_error *err);

#endif
