/*
 * The checks behind `seccomp-shim check`'s warnings. Each asks the
 * reference semantics (rules_decide) what the policy does with a call, on
 * the native ABI, with the arguments that make the call dangerous.
 */
#include "config.h"

#include <linux/audit.h>
#include <sched.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/personality.h>

#include "action.h"
#include "landlock-rules.h"
#include "lint.h"

/* Calls that are known ways around a sandbox, and why. */
static const struct {
	const char *call;
	uint64_t a0;
	const char *why;
} escapes[] = {
	{"io_uring_setup", 0,
	 "io_uring runs reads, writes, opens and connects that no seccomp "
	 "filter sees"},
	{"ptrace", 0,
	 "a traced process can be made to make any call the tracer wants"},
	{"process_vm_writev", 0, "it writes into another process's memory"},
	{"bpf", 0,
	 "eBPF programs reach into the kernel; most of its history of "
	 "privilege escalations"},
	{"personality", READ_IMPLIES_EXEC,
	 "personality flags such as READ_IMPLIES_EXEC and ADDR_NO_RANDOMIZE "
	 "weaken the process's own defences"},
	{"unshare", CLONE_NEWUSER,
	 "a user namespace gives the process capabilities over new "
	 "namespaces, and the kernel code they reach"},
	{"clone", CLONE_NEWUSER,
	 "a user namespace gives the child capabilities over new namespaces, "
	 "and the kernel code they reach"},
	{"setns", 0, "it joins other namespaces"},
};

/* Calls that do the same thing by another name: deny one, deny all. */
#define ROUTE_MAX 8
static const char *const routes[][ROUTE_MAX] = {
	{"open", "openat", "openat2", "creat", NULL},
	{"mkdir", "mkdirat", NULL},
	{"mknod", "mknodat", NULL},
	{"rmdir", "unlink", "unlinkat", NULL},
	{"rename", "renameat", "renameat2", NULL},
	{"link", "linkat", NULL},
	{"symlink", "symlinkat", NULL},
	{"chmod", "fchmod", "fchmodat", "fchmodat2", NULL},
	{"chown", "fchown", "lchown", "fchownat", NULL},
	{"access", "faccessat", "faccessat2", NULL},
	{"readlink", "readlinkat", NULL},
	{"utime", "utimes", "utimensat", "futimesat", NULL},
	{"setxattr", "lsetxattr", "fsetxattr", NULL},
	{"removexattr", "lremovexattr", "fremovexattr", NULL},
	{"execve", "execveat", NULL},
	{"fork", "vfork", "clone", NULL},
	{"read", "readv", "pread64", "preadv", "preadv2", "io_submit",
	 "io_uring_enter"},
	{"write", "writev", "pwrite64", "pwritev", "pwritev2", "io_submit",
	 "io_uring_enter"},
	{"sendfile", "copy_file_range", "splice", NULL},
	{"kill", "tkill", "tgkill", "pidfd_send_signal", "rt_sigqueueinfo",
	 "rt_tgsigqueueinfo", NULL},
	/* into another process: its memory, its descriptors */
	{"ptrace", "process_vm_readv", "process_vm_writev", "process_madvise",
	 "pidfd_getfd", NULL},
	{"mount", "fsmount", "move_mount", "open_tree", "fsopen", "fsconfig",
	 "fspick", "mount_setattr"},
	{"umount2", "umount", NULL},
	{"init_module", "finit_module", NULL},
	{"kexec_load", "kexec_file_load", NULL},
	{"quotactl", "quotactl_fd", NULL},
	{"settimeofday", "clock_settime", "clock_adjtime", "adjtimex", NULL},
	{"sched_setscheduler", "sched_setparam", "sched_setattr", NULL},
	{"keyctl", "add_key", "request_key", NULL},
	{"iopl", "ioperm", NULL},
	{"futex", "futex_waitv", "futex_wait", "futex_wake", "futex_requeue",
	 NULL},
	{"getdents", "getdents64", NULL},
	{"dup2", "dup3", NULL},
	{"truncate", "ftruncate", NULL},
};

static int allows(uint32_t action)
{
	return action == SCMP_ACT_ALLOW || action == SCMP_ACT_LOG;
}

/* What the policy does with a call, and which line says so. */
struct verdict {
	uint32_t action;
	const char *file;
	unsigned int line;
	int by_default; /* the default, or a rule of the shim's own */
};

static struct verdict decide(const struct policy *policy,
			     const struct ruleset *rules, const char *call,
			     uint64_t a0)
{
	uint64_t args[6] = {a0, 0, 0, 0, 0, 0};
	int nr = rules_nr(SCMP_ARCH_X86_64, call);
	struct verdict v = {SCMP_ACT_KILL_PROCESS, NULL, 0, 1};
	const struct rule *rule;

	if (nr < 0)
		return v; /* no such call on this ABI */
	v.action = rules_decide(rules, AUDIT_ARCH_X86_64, nr, args, &v.line);
	if (!v.line) {
		v.file = policy->default_file;
		v.line = policy->default_line;
		return v;
	}
	v.by_default = 0;
	rule = rules_rule(rules, call, v.line);
	if (rule)
		v.file = rule->file;
	return v;
}

/* Whether one action decides every call, whatever its arguments. */
static int unconditional(const struct ruleset *rules, const char *call)
{
	for (size_t i = 0; i < rules->n_calls; i++)
		if (strcmp(rules->calls[i].name, call) == 0)
			return rules->calls[i].n_rules == 1 &&
			       rules->calls[i].rules[0].cond->n_alts == 0;
	return 1; /* not named: the default decides */
}

int lint_add(struct lint_warning *warnings, size_t max, size_t *n,
	     const char *file, unsigned int line, const char *fmt, ...)
{
	va_list ap;

	if (*n == max)
		return 0;
	warnings[*n].file = file;
	warnings[*n].line = line;
	warnings[*n].escape[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(warnings[*n].message, sizeof(warnings[*n].message), fmt, ap);
	va_end(ap);
	(*n)++;
	return 1;
}

size_t lint_policy(const struct policy *policy, const struct ruleset *rules,
		   struct lint_warning *warnings, size_t max)
{
	char action[32];
	size_t n = 0;

	for (size_t i = 0; i < rules->n_warnings; i++)
		lint_add(warnings, max, &n, rules->warnings[i].file,
			 rules->warnings[i].line, "%s",
			 rules->warnings[i].message);

	for (size_t i = 0; i < sizeof(escapes) / sizeof(*escapes); i++) {
		struct verdict v =
			decide(policy, rules, escapes[i].call, escapes[i].a0);
		const char *with = escapes[i].a0 == CLONE_NEWUSER
					   ? " with CLONE_NEWUSER"
				   : escapes[i].a0 == READ_IMPLIES_EXEC
					   ? " with READ_IMPLIES_EXEC"
					   : "";

		if (allows(v.action) &&
		    lint_add(warnings, max, &n, v.file, v.line,
			     "%s is %s%s: %s", escapes[i].call,
			     v.action == SCMP_ACT_LOG ? "only logged"
						      : "allowed",
			     with, escapes[i].why))
			snprintf(warnings[n - 1].escape,
				 sizeof(warnings[n - 1].escape), "%s%s%s",
				 escapes[i].call, with,
				 v.action == SCMP_ACT_LOG ? " (logged)" : "");
	}

	for (size_t r = 0; r < sizeof(routes) / sizeof(*routes); r++) {
		for (size_t i = 0; i < ROUTE_MAX && routes[r][i]; i++) {
			struct verdict denied =
				decide(policy, rules, routes[r][i], 0);

			/* Only what one line denies outright, against
			 * routes nothing restricts: a call allowed for
			 * some arguments only is a choice, not a hole. The
			 * asynchronous interfaces are only other routes:
			 * denying them alone leaves nothing open. */
			if (strncmp(routes[r][i], "io_", 3) == 0)
				continue;
			if (allows(denied.action) || denied.by_default ||
			    !unconditional(rules, routes[r][i]))
				continue;
			for (size_t j = 0; j < ROUTE_MAX && routes[r][j]; j++) {
				struct verdict other;

				if (j == i || rules_nr(SCMP_ARCH_X86_64,
						       routes[r][j]) < 0)
					continue;
				other = decide(policy, rules, routes[r][j], 0);
				if (!allows(other.action) ||
				    !unconditional(rules, routes[r][j]))
					continue;
				action_format(denied.action, action,
					      sizeof(action));
				lint_add(warnings, max, &n, denied.file,
					 denied.line,
					 "%s is denied (%s) but %s, which does "
					 "the "
					 "same, is allowed",
					 routes[r][i], action, routes[r][j]);
				break;
			}
		}
	}
	landlock_rules_lint(policy, warnings, &n, max);
	return n;
}
