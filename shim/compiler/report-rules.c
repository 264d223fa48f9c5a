/* log = stderr: the rules that report, and their table (report.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <seccomp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "action.h"
#include "report-rules.h"
#include "report.h"
#include "rules.h"

struct builder {
	struct report_entry *entries;
	size_t n_entries, entries_cap;
	char *strings;
	size_t n_strings, strings_cap;
	int failed;
};

/* The offset of s among the strings, added if new. */
static uint32_t add_string(struct builder *b, const char *s)
{
	size_t len = strlen(s) + 1;

	for (size_t off = 0; off < b->n_strings;
	     off += strlen(b->strings + off) + 1)
		if (strcmp(b->strings + off, s) == 0)
			return (uint32_t)off;
	if (b->n_strings + len > b->strings_cap) {
		size_t cap = 2 * (b->n_strings + len) + 256;
		char *grown = realloc(b->strings, cap);

		if (!grown) {
			b->failed = 1;
			return 0;
		}
		b->strings = grown;
		b->strings_cap = cap;
	}
	memcpy(b->strings + b->n_strings, s, len);
	b->n_strings += len;
	return (uint32_t)(b->n_strings - len);
}

/* The trap that reports entry (action, kind, line, file), added if new. */
static uint32_t report_trap(struct builder *b, uint32_t action,
			    enum report_kind kind, unsigned int line,
			    const char *file)
{
	char text[64];
	struct report_entry entry;

	action_format(action, text, sizeof(text));
	entry = (struct report_entry){action, (uint32_t)kind, line,
				      add_string(b, file ? file : ""),
				      add_string(b, text)};
	for (size_t i = 0; i < b->n_entries; i++)
		if (memcmp(&b->entries[i], &entry, sizeof(entry)) == 0)
			return SCMP_ACT_TRAP | (REPORT_TAG | (uint32_t)i);
	if (b->n_entries == REPORT_MAX_ENTRIES) {
		b->failed = 1;
		return action;
	}
	if (b->n_entries == b->entries_cap) {
		size_t cap = b->entries_cap ? 2 * b->entries_cap : 32;
		struct report_entry *grown =
			realloc(b->entries, cap * sizeof(*grown));

		if (!grown) {
			b->failed = 1;
			return action;
		}
		b->entries = grown;
		b->entries_cap = cap;
	}
	b->entries[b->n_entries] = entry;
	return SCMP_ACT_TRAP | (REPORT_TAG | (uint32_t)b->n_entries++);
}

/* Whether action keeps the call from running: what gets reported. */
static int denies(uint32_t action)
{
	return (action & 0xffff0000u) == SCMP_ACT_ERRNO(0) ||
	       action == SCMP_ACT_KILL_PROCESS ||
	       action == SCMP_ACT_KILL_THREAD || action == SCMP_ACT_TRAP;
}

/* The rules' decision for the native call name with args: allowed? */
static int allowed(const struct ruleset *rules, const char *name, uint64_t a0,
		   uint64_t a1, uint64_t a2, uint64_t a3, unsigned int *line)
{
	uint64_t args[6] = {a0, a1, a2, a3, 0, 0};
	int nr = seccomp_syscall_resolve_name(name);
	uint32_t action;

	if (nr < 0)
		return 0;
	action = rules_decide(rules, seccomp_arch_native(), nr, args, line);
	return action == SCMP_ACT_ALLOW || action == SCMP_ACT_LOG;
}

/* The shim's rules: reported kills, and signal calls to emulate. */
static int add_shim_rules(struct ruleset *rules, struct builder *b,
			  const char *file)
{
	struct cond_atom *a = rules->report_atoms;
	struct cond_conj *conj = rules->report_conj;
	struct condition *cond = rules->report_cond;

	memset(rules->report_atoms, 0, sizeof(rules->report_atoms));
	/* prctl(REPORT_KILL_OPTION, 0 or 1): the kill, after the line */
	for (int i = 0; i < 2; i++) {
		a[2 * i] = (struct cond_atom){
			.arg = 0, .op = COND_EQ, .value = REPORT_KILL_OPTION};
		a[2 * i + 1] = (struct cond_atom){
			.arg = 1, .op = COND_EQ, .value = (uint64_t)i};
		conj[i] = (struct cond_conj){&a[2 * i], 2};
		cond[i] = (struct condition){&conj[i], 1};
	}
	/* rt_sigaction / rt_sigprocmask that set something, but for the
	 * shim's own: made again by the handler with the marker, which the
	 * policy then decides (reporter.c) */
	for (int i = 2; i < 4; i++) {
		a[2 * i] =
			(struct cond_atom){.arg = 1, .op = COND_NE, .value = 0};
		a[2 * i + 1] = (struct cond_atom){
			.arg = 4, .op = COND_NE, .value = REPORT_SIGNAL_MARK};
		conj[i] = (struct cond_conj){&a[2 * i], 2};
		cond[i] = (struct condition){&conj[i], 1};
	}
	/* The shim's own start in a child of a reporting tree, whatever the
	 * policy says of these calls: unblocking SIGSYS, and the page a fork
	 * wipes (reporter.c), both with the shim's own mark in an argument
	 * the kernel does not read. Neither gives a program anything it could
	 * misuse: signals it unblocks, its own memory in its children. */
	a[8] = (struct cond_atom){
		.arg = 0, .op = COND_EQ, .value = SIG_UNBLOCK};
	a[9] = (struct cond_atom){
		.arg = 4, .op = COND_EQ, .value = REPORT_OWN_MARK};
	conj[4] = (struct cond_conj){&a[8], 2};
	cond[4] = (struct condition){&conj[4], 1};
	a[10] = (struct cond_atom){
		.arg = 2, .op = COND_EQ, .value = MADV_WIPEONFORK};
	a[11] = (struct cond_atom){
		.arg = 3, .op = COND_EQ, .value = REPORT_OWN_MARK};
	conj[5] = (struct cond_conj){&a[10], 2};
	cond[5] = (struct condition){&conj[5], 1};
	/* (a program that sets its own SIGSYS action this way gains no
	 * more than with the handler's mark, which the policy decides) */
	a[12] = (struct cond_atom){.arg = 0, .op = COND_EQ, .value = SIGSYS};
	a[13] = (struct cond_atom){
		.arg = 4, .op = COND_EQ, .value = REPORT_OWN_MARK};
	conj[6] = (struct cond_conj){&a[12], 2};
	cond[6] = (struct condition){&conj[6], 1};
	struct rule own_mask = {SCMP_ACT_ALLOW, &cond[4], 0,
				"(the shim's report)", NULL};
	struct rule own_page = {SCMP_ACT_ALLOW, &cond[5], 0,
				"(the shim's report)", NULL};
	struct rule own_action = {SCMP_ACT_ALLOW, &cond[6], 0,
				  "(the shim's report)", NULL};
	struct rule kill_process = {SCMP_ACT_KILL_PROCESS, &cond[0], 0,
				    "(the shim's report)", NULL};
	struct rule kill_thread = {SCMP_ACT_KILL_THREAD, &cond[1], 0,
				   "(the shim's report)", NULL};
	struct rule sigaction = {
		report_trap(b, SCMP_ACT_ALLOW, REPORT_SIGACTION, 0, file),
		&cond[2], 0, "(the shim's report)", NULL};
	struct rule sigmask = {
		report_trap(b, SCMP_ACT_ALLOW, REPORT_SIGMASK, 0, file),
		&cond[3], 0, "(the shim's report)", NULL};

	if (rules_prepend(rules, "prctl", kill_thread) < 0 ||
	    rules_prepend(rules, "prctl", kill_process) < 0 ||
	    rules_prepend(rules, "rt_sigaction", sigaction) < 0 ||
	    rules_prepend(rules, "rt_sigprocmask", sigmask) < 0 ||
	    rules_prepend(rules, "rt_sigprocmask", own_mask) < 0 ||
	    rules_prepend(rules, "rt_sigaction", own_action) < 0 ||
	    rules_prepend(rules, "madvise", own_page) < 0)
		return -ENOMEM;
	return 0;
}

/* The block: head, entries, names of the native ABI, strings. */
static int assemble(struct ruleset *rules, struct builder *b, uint32_t flags)
{
	uint32_t arch = seccomp_arch_native();
	uint32_t n_names = rules_last_known(arch) + 1;
	uint32_t *names = calloc(n_names, sizeof(*names));
	struct report_head head;
	size_t size;
	char *block;

	if (!names)
		return -ENOMEM;
	for (uint32_t nr = 0; nr < n_names; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(arch, (int)nr);

		if (name)
			names[nr] = add_string(b, name);
		free(name);
	}
	size = sizeof(head) + b->n_entries * sizeof(*b->entries) +
	       n_names * sizeof(*names) + b->n_strings;
	block = b->failed ? NULL : malloc(size);
	if (!block) {
		free(names);
		return -ENOMEM;
	}
	head = (struct report_head){REPORT_MAGIC, (uint32_t)size,
				    (uint32_t)b->n_entries, n_names, flags};
	memcpy(block, &head, sizeof(head));
	memcpy(block + sizeof(head), b->entries,
	       b->n_entries * sizeof(*b->entries));
	memcpy(block + sizeof(head) + b->n_entries * sizeof(*b->entries), names,
	       n_names * sizeof(*names));
	memcpy(block + size - b->n_strings, b->strings, b->n_strings);
	free(names);
	rules->report = block;
	rules->report_len = size;
	return 0;
}

/*
 * An answer programs expect and fall back from, not worth a line: ENOSYS
 * for clone3 (glibc tries it before clone for every thread) and for the
 * io_uring calls, unless the policy's own file names the call (a line in
 * an included file, such as default.ini's clone3 line, does not count).
 */
static int compatibility(const struct policy *policy, const char *call,
			 uint32_t action)
{
	static const char *const calls[] = {"clone3", "io_uring_setup",
					    "io_uring_enter",
					    "io_uring_register"};
	size_t i;

	if (action != SCMP_ACT_ERRNO(ENOSYS))
		return 0;
	for (i = 0; i < sizeof(calls) / sizeof(*calls); i++)
		if (strcmp(call, calls[i]) == 0)
			break;
	if (i == sizeof(calls) / sizeof(*calls))
		return 0;
	for (size_t j = 0; j < policy->n_entries; j++)
		if (strcmp(policy->entries[j].name, call) == 0 &&
		    policy->entries[j].file == policy->file)
			return 0;
	return 1;
}

/*
 * What the handler needs, and what it may use: write(2) and rt_sigreturn
 * must pass (or it is an error, at the log line); reading strings with
 * process_vm_readv or /proc/self/mem, and getpid, where the policy lets
 * them through. The REPORT_* flags into *flags; 0 or -EINVAL.
 */
static int handler_needs(const struct policy *policy,
			 const struct ruleset *rules, uint32_t *flags,
			 struct shim_error *err)
{
	static const uint64_t stack = 0x7ffc00000000ull;
	const char *log_file =
		policy->log_file ? policy->log_file : policy->file;
	unsigned int line;

	/* The handler writes with write(2) and returns with rt_sigreturn:
	 * both must pass, or every report would end the process. */
	if (!allowed(rules, "write", 2, stack, 1, 0, &line) ||
	    !allowed(rules, "write", 2, stack, 1024, 0, &line))
		return error_set(err, log_file, policy->log_line,
				 "log = stderr needs write(2, ...) allowed "
				 "(the report is written with it), and %s%u "
				 "denies it",
				 line ? "line " : "the default, line ",
				 line ? line : policy->default_line);
	if (!allowed(rules, "rt_sigreturn", 0, 0, 0, 0, &line))
		return error_set(err, log_file, policy->log_line,
				 "log = stderr needs rt_sigreturn allowed "
				 "(the reporting signal handler returns with "
				 "it)");
	if (allowed(rules, "process_vm_readv", 1, stack, 1, stack, &line) &&
	    allowed(rules, "process_vm_readv", 4194304, stack, 1, stack, &line))
		*flags |= REPORT_READ_STRINGS;
	if (allowed(rules, "getpid", 0, 0, 0, 0, &line))
		*flags |= REPORT_GETPID;
	/* The other way to read a string without a crash on a bad pointer:
	 * pread64 of /proc/self/mem answers EIO there. The descriptor's
	 * number is not known here: any that the policy lets through. */
	if (allowed(rules, "pread64", 3, stack, 64, stack, &line) &&
	    allowed(rules, "pread64", 1000, stack, 64, stack, &line) &&
	    allowed(rules, "newfstatat", 3, stack, stack, AT_EMPTY_PATH,
		    &line) &&
	    allowed(rules, "newfstatat", 1000, stack, stack, AT_EMPTY_PATH,
		    &line))
		*flags |= REPORT_READ_MEM;
	if (allowed(rules, "openat", (uint64_t)(uint32_t)AT_FDCWD, stack,
		    O_RDONLY | O_CLOEXEC, 0, &line))
		*flags |= REPORT_OPEN_MEM;

	return 0;
}

/* Every denying action becomes the trap that reports it, with the line
 * that decided (a rule's, default's, newer_syscalls', architectures'). */
static void add_traps(const struct policy *policy, struct ruleset *rules,
		      struct builder *b)
{
	add_string(b, ""); /* offset 0: none */
	/* Every denying action becomes the trap that reports it. */
	for (size_t i = 0; i < rules->n_calls; i++) {
		struct call_rules *call = &rules->calls[i];

		for (size_t j = 0; j < call->n_rules; j++) {
			struct rule *rule = &call->rules[j];
			int newer = rule->via &&
				    strcmp(rule->via, "(newer_syscalls)") == 0;

			if (!denies(rule->action) ||
			    compatibility(policy, call->name, rule->action))
				continue;
			if (newer)
				rule->action = report_trap(
					b, rule->action, REPORT_NEWER,
					policy->newer_line,
					policy->newer_file ? policy->newer_file
							   : policy->file);
			else
				rule->action = report_trap(
					b, rule->action, REPORT_RULE,
					rule->line,
					rule->file ? rule->file : policy->file);
		}
	}
	if (denies(rules->default_action))
		rules->default_action =
			report_trap(b, rules->default_action, REPORT_DEFAULT,
				    policy->default_line,
				    policy->default_file ? policy->default_file
							 : policy->file);
	if (denies(rules->newer_action))
		rules->newer_action = report_trap(
			b, rules->newer_action, REPORT_NEWER,
			policy->newer_line,
			policy->newer_file ? policy->newer_file : policy->file);
	rules->abi_action = report_trap(b, rules->abi_action, REPORT_ABI,
					policy->arches_line, policy->file);
}

int report_rules(const struct policy *policy, struct ruleset *rules,
		 struct shim_error *err)
{
	const char *log_file =
		policy->log_file ? policy->log_file : policy->file;
	struct builder b = {0};
	uint32_t flags = 0;
	int rc = handler_needs(policy, rules, &flags, err);

	if (rc < 0)
		return rc;
	add_traps(policy, rules, &b);
	rc = add_shim_rules(rules, &b, log_file);
	if (rc == 0)
		rc = assemble(rules, &b, flags);
	free(b.entries);
	free(b.strings);
	if ((rc < 0 || b.failed) && b.n_entries >= REPORT_MAX_ENTRIES)
		return error_set(err, policy->file, 0,
				 "too many lines to report");
	if (rc < 0 || b.failed)
		return error_nomem(err, policy->file, 0);
	return 0;
}
