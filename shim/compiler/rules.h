/*
 * Resolved rules: for each system call the policy names, the lines that
 * decide it in the order they are tried, contradictions refused. Pure data;
 * resolving makes no system calls. Numbers are tied to names per ABI only
 * when the filter is compiled (filter.c) or a decision is asked for.
 */
#ifndef SHIM_RULES_H
#define SHIM_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "condition.h"
#include "error.h"
#include "policy.h"

/* One line that decides a system call when its condition holds. */
struct rule {
	uint32_t action;
	/* points into the policy, or into the ruleset for the shim's rules
	 * and the hardening switches' */
	const struct condition *cond;
	unsigned int line;
	/* the group the line names, or the hardening switch's key (its
	 * [policy] line is line); NULL if the line names the call */
	const char *via;
	const char *file; /* the file the line stands in; NULL: the shim's */
};

/* Everything the policy says about one system call. */
struct call_rules {
	const char *name;    /* points into the policy */
	unsigned int widths; /* narrow arguments on x86_64 (COND_WIDTH*) */
	/* its number (rules_nr) on the native ABI, then on each ABI of the
	 * ruleset's arches; -1 where it has none */
	int nrs[POLICY_MAX_ARCHES + 1];
	/* first match wins; an unconditional one last, but that a
	 * hardening switch's may come first */
	struct rule *rules;
	size_t n_rules;
	/* while resolving: the lines that reach the call through groups */
	struct rule *group_rules;
	size_t n_group_rules;
	size_t cap, group_cap;
};

/* A doubtful but valid thing in the policy, for `seccomp-shim check`. */
struct rule_warning {
	const char *file; /* points into the policy */
	unsigned int line;
	char message[256];
};

/*
 * The probe that tells a child whether the filter it would install is the
 * one on top already (an exec chain under one policy): every filter the
 * shim installs answers prctl(RULES_PROBE_OPTION, key) with errno
 * RULES_PROBE_FOUND when key is its digest or its origin (where its policy
 * came from: compiled_origin), RULES_PROBE_OTHER otherwise. Without the
 * shim's filter the kernel says EINVAL (no such option).
 */
#define RULES_PROBE_OPTION 0x53484d21u /* "SHM!", no prctl option */
#define RULES_PROBE_FOUND  4061
#define RULES_PROBE_OTHER  4062
/* found, and the filter reports denied calls (log = stderr, report.h):
 * the child still needs the table for its SIGSYS handler */
#define RULES_PROBE_FOUND_REPORTS 4063
/* another filter, one that reports denied calls */
#define RULES_PROBE_OTHER_REPORTS 4064

#define RULES_MAX_WARNINGS    32
#define RULES_MAX_LINES	      4096
#define RULES_MAX_GROUP_LINES 256

struct ruleset {
	const char *file;    /* points into the policy */
	uint32_t abi_action; /* for ABIs the policy does not list: kill */
	uint32_t default_action;
	/* calls libseccomp's table does not know, and clone3 unless named */
	uint32_t newer_action;
	uint32_t arches[POLICY_MAX_ARCHES]; /* extra ABIs (SCMP_ARCH_*) */
	size_t n_arches;
	struct call_rules *calls; /* in the order the policy first names them */
	size_t n_calls, calls_cap;
	uint32_t *call_index; /* calls by name: each one's place + 1 */
	size_t call_index_cap;
	struct rule_warning warnings[RULES_MAX_WARNINGS];
	size_t n_warnings;
	/* the probe's conditions (rules_mark), which its rules point to */
	struct cond_atom probe_atoms[7];
	struct cond_conj probe_conj[4];
	struct condition probe_cond[2];
	/* log = stderr (report_rules): the table of reports, and the
	 * conditions of the shim's rules for kills and signals */
	void *report;
	size_t report_len;
	/* the [landlock] section's table (landlock.h), or NULL */
	void *landlock;
	size_t landlock_len;
	struct cond_atom report_atoms[14];
	struct cond_conj report_conj[7];
	struct condition report_cond[7];
	/* the conditions of the hardening switches' rules (harden_rules) */
	void *harden;
};

/*
 * rules_resolve - turn policy into *rules. The ruleset borrows strings and
 * conditions from policy, which must outlive it.
 * Returns 0, or a negative errno with err filled in.
 */
int rules_resolve(const struct policy *policy, struct ruleset *rules,
		  struct shim_error *err);

/*
 * rules_mark - put the probe's two rules (RULES_PROBE_*) for the filter
 * whose digest is digest, compiled from a policy whose origin is origin
 * and whose relative path's key is relative (compiled.h; 0: none), first
 * among prctl's rules: "found" for any of the three. Returns 0 or
 * -ENOMEM.
 */
int rules_mark(struct ruleset *rules, uint64_t digest, uint64_t origin,
	       uint64_t relative);

/*
 * rules_prepend - put rule first among the rules of the call called name
 * (a string that outlives rules). Returns 0 or -ENOMEM.
 */
int rules_prepend(struct ruleset *rules, const char *name, struct rule rule);

/* rules_free - release what rules_resolve allocated. */
void rules_free(struct ruleset *rules);

/*
 * rules_widths - how ABI arch's kernel reads call's arguments (packed as
 * COND_WIDTH*): the table's on x86_64; on i386 all 32-bit, old_uid_t ones
 * 16-bit; on x32 as x86_64 but for the compat calls (512 and up), whose
 * arguments are all 32-bit.
 */
unsigned int rules_widths(const struct call_rules *call, uint32_t arch);

/*
 * rules_known - whether libseccomp's table names system call nr of ABI
 * arch (x32 numbers with bit 30 set).
 */
int rules_known(uint32_t arch, uint32_t nr);

/*
 * rules_nr - the number of system call name on ABI arch, or -1 where it
 * has none. Finds the direct numbers of calls libseccomp otherwise calls
 * multiplexed (socket is 359 on i386, besides socketcall's route).
 */
int rules_nr(uint32_t arch, const char *name);

/*
 * rules_rule - the rule of call that stands at line (as rules_decide
 * reports it), or NULL (the default, or a line of another call).
 */
const struct rule *rules_rule(const struct ruleset *rules, const char *call,
			      unsigned int line);

/* rules_last_known - the highest number rules_known() knows for arch. */
uint32_t rules_last_known(uint32_t arch);

/*
 * rules_forget_abis - let go of the copies of libseccomp's tables that
 * rules_known, rules_nr and rules_last_known keep (read again when next
 * asked).
 */
void rules_forget_abis(void);

/*
 * rules_decide - the reference semantics of the policy: the action for a
 * system call number nr made through ABI arch (an AUDIT_ARCH_* value, as
 * the kernel reports it) with arguments args. *line is set to the policy
 * line that decided, 0 for the default or the foreign-ABI rule.
 */
uint32_t rules_decide(const struct ruleset *rules, uint32_t arch, int nr,
		      const uint64_t *args, unsigned int *line);

#endif
