/*
 * check_core: the Check suites of the compiler's modules, learn's policies,
 * the reporter's line and the preload library's libc, one suite per module
 * (tests/unit/check_*.c), forked per test: a loaded filter cannot be
 * unloaded.
 */
#include "config.h"

#include <check.h>
#include <stdlib.h>

#include "unit.h"

int main(void)
{
	Suite *(*const suites[])(void) = {
		action_suite,	policy_suite,	  rules_suite,
		groups_suite,	conditions_suite, filter_suite,
		harden_suite,	lint_suite,	  listing_suite,
		report_suite,	suggest_suite,	  syscall_args_suite,
		landlock_suite, learn_suite,	  guest_suite,
	};
	SRunner *sr = srunner_create(suites[0]());
	int failed;

	for (size_t i = 1; i < sizeof(suites) / sizeof(*suites); i++)
		srunner_add_suite(sr, suites[i]());
	/* A loaded filter cannot be unloaded: fork each test, unless the
	 * person debugging says CK_FORK=no. */
	if (!getenv("CK_FORK"))
		srunner_set_fork_status(sr, CK_FORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
