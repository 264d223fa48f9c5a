/* struct ruleset -> libseccomp filter context. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "filter.h"

/* The filter attributes every policy gets, and why. */
static const struct {
	enum scmp_filter_attr attr;
	uint32_t value;
	const char *what;
} filter_attrs[] = {
    /* A system call through an ABI the policy does not name (i386
     * int 0x80, x32 numbers) kills the whole process. */
    {SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS,
     "kill calls from foreign ABIs"},
    /* install_filter() sets NO_NEW_PRIVS itself, to report its errno. */
    {SCMP_FLTATR_CTL_NNP, 0, "leave NO_NEW_PRIVS to the shim"},
    /* Threads that libraries started before us are confined too. */
    {SCMP_FLTATR_CTL_TSYNC, 1, "confine all threads (TSYNC)"},
    /* Report the kernel's own errno when it refuses the filter. */
    {SCMP_FLTATR_API_SYSRAWRC, 1, "report the kernel's errors"},
};

int filter_build(const struct ruleset *rules, scmp_filter_ctx *ctx,
		 struct shim_error *err)
{
	scmp_filter_ctx new;
	int rc = 0;

	*ctx = NULL;
	/* Level 3 brings KILL_PROCESS, LOG and TSYNC. libseccomp probes the
	 * kernel once for it: a blocked seccomp(2) lowers the level. */
	if (seccomp_api_get() < 3)
		return error_set(err, rules->file, 0,
				 "this kernel's seccomp(2) is missing or "
				 "blocked (libseccomp API level %u, 3 needed)",
				 seccomp_api_get());
	new = seccomp_init(rules->default_action);
	if (!new)
		return error_set(err, rules->file, 0,
				 "libseccomp could not create a filter");
	for (size_t i = 0; i < sizeof(filter_attrs) / sizeof(*filter_attrs);
	     i++) {
		rc = seccomp_attr_set(new, filter_attrs[i].attr,
				      filter_attrs[i].value);
		if (rc < 0) {
			seccomp_release(new);
			return error_set(err, rules->file, 0,
					 "libseccomp cannot %s: %s",
					 filter_attrs[i].what, strerror(-rc));
		}
	}
	for (size_t i = 0; i < rules->n_arches; i++) {
		rc = seccomp_arch_add(new, rules->arches[i]);
		if (rc < 0 && rc != -EEXIST) {
			seccomp_release(new);
			return error_set(err, rules->file, 0,
					 "libseccomp cannot add an "
					 "architecture: %s",
					 strerror(-rc));
		}
	}
	for (size_t i = 0; i < rules->n_rules; i++) {
		const struct rule *rule = &rules->rules[i];

		/* libseccomp refuses a rule that repeats the default. */
		if (rule->action == rules->default_action)
			continue;
		rc = seccomp_rule_add(new, rule->action, rule->syscall, 0);
		if (rc < 0) {
			seccomp_release(new);
			return error_set(err, rules->file, rule->line,
					 "libseccomp refused the rule for "
					 "'%s': %s",
					 rule->name, strerror(-rc));
		}
	}
	*ctx = new;
	return 0;
}
