/* seccomp-shim explain (seccomp-shim(1)). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <elf.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/seccomp.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/xattr.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action.h"
#include "cache.h"
#include "condition.h"
#include "confine.h"
#include "constants.h"
#include "convert.h"
#include "error.h"
#include "filter.h"
#include "groups.h"
#include "harden.h"
#include "compile.h"
#include "landlock-rules.h"
#include "landlock.h"
#include "learn.h"
#include "lint.h"
#include "listing.h"
#include "policy.h"
#include "report.h"
#include "rules.h"
#include "source.h"
#include "suggest.h"

#include "command.h"

/* --- explain -------------------------------------------------------------- */

static const char explain_usage[] =
	"usage: seccomp-shim explain [--arch ABI] [--pfc] [--bpf FILE] "
	"POLICY [SYSCALL [ARG...]]\n"
	"       seccomp-shim explain --keys\n"
	"Without SYSCALL, the resolved rules: each system call the policy\n"
	"names, its lines in the order they are tried, and where each comes\n"
	"from. With SYSCALL (a name, or a number) and arguments (numbers or\n"
	"constants such as AF_INET or O_WRONLY|O_CREAT), the decision and "
	"the\n"
	"line that made it. Options may also follow POLICY.\n"
	"  --arch ABI   x86_64 (the default) or x86 (i386)\n"
	"  --pfc        print the compiled BPF program, one instruction a "
	"line\n"
	"  --keys       every key a policy may set, by section (no POLICY)\n"
	"  --bpf FILE   write the compiled BPF program (struct sock_filter\n"
	"               array, as the kernel takes it) to FILE\n"
	"  -h, --help   this help\n"
	"Exit status: 0, 1 if the policy is invalid, 2 for a bad command "
	"line.\n";

/* Whether the filter accepts calls through ABI arch (an AUDIT_ARCH_*). */
static int abi_listed(const struct ruleset *rules, uint32_t arch)
{
	if (arch == AUDIT_ARCH_X86_64)
		return 1;
	for (size_t i = 0; i < rules->n_arches; i++)
		if (rules->arches[i] == arch)
			return 1;
	return 0;
}

/* Where a rule came from, "FILE:LINE (via @group)"; file if none. */
static void rule_origin(const struct rule *rule, const char *file, char *buf,
			size_t size)
{
	if (!rule) {
		snprintf(buf, size, "%s", file);
		return;
	}
	if (!rule->line) {
		snprintf(buf, size, "%s", rule->via ? rule->via : "(the shim)");
		return;
	}
	snprintf(buf, size, "%s:%u%s%s", rule->file ? rule->file : file,
		 rule->line, rule->via ? " via " : "",
		 rule->via ? rule->via : "");
}

/* explain's lines for the [landlock] section and the domain. */
static void print_landlock(const struct policy *p)
{
	const struct policy_landlock *ll = &p->landlock;
	int abi = landlock_version();
	struct landlock_rule *rules;
	struct shim_error err;
	uint64_t handled, base = LANDLOCK_FS_EXECUTE | LANDLOCK_FS_REFER;
	char names[512];
	size_t n;

	printf("# Landlock: %s", abi ? "" : "none on this kernel");
	if (abi)
		printf("ABI %d on this kernel", abi);
	if (!landlock_rules_wanted(p)) {
		printf("; the base domain: it restricts nothing but the reach "
		       "to processes outside\n");
		return;
	}
	printf("; enforce = %s\n",
	       ll->best_effort ? "best_effort" : "required");
	if (landlock_rules_expand(p, &rules, &n, &handled, &err) < 0)
		return;
	if (handled)
		printf("%-22s %s\n", "(restricted)",
		       landlock_rights_text(handled, 0, names, sizeof(names)));
	for (size_t i = 0; i < n; i++) {
		char path[PATH_MAX + 2];

		snprintf(path, sizeof(path), "%s%s",
			 rules[i].optional ? "-" : "", rules[i].path);
		printf("%-22s %-14s %s:%u  %s\n", path, rules[i].key,
		       rules[i].file, rules[i].line,
		       landlock_rights_text(rules[i].access, 0, names,
					    sizeof(names)));
	}
	free(rules);
	if (base & ~handled)
		printf("%-22s %-14s %s\n", "/", "(base)",
		       landlock_rights_text(base & ~handled, 0, names,
					    sizeof(names)));
	for (size_t i = 0; i < ll->n_ports; i++)
		printf("port %-17u %-14s %s:%u\n", ll->ports[i].port,
		       landlock_rights_text(ll->ports[i].access, 1, names,
					    sizeof(names)),
		       ll->ports[i].file, ll->ports[i].line);
	if (ll->handled_net)
		printf("%-22s %s: any other port is denied\n", "(other ports)",
		       landlock_rights_text(ll->handled_net, 1, names,
					    sizeof(names)));
	if (ll->scope_line)
		printf("%-22s %-14s %s:%u\n", "(scope)",
		       !ll->scoped			     ? "none"
		       : ll->scoped == LANDLOCK_SCOPE_SIGNAL ? "signal"
		       : ll->scoped == LANDLOCK_SCOPE_ABSTRACT_UNIX
			       ? "abstract_unix"
			       : "signal abstract_unix",
		       ll->scope_file, ll->scope_line);
}

/* explain's line for capability_bounding_set. */
static void print_capabilities(const struct policy *p)
{
	const struct harden_setting *caps = &p->harden[HARDEN_CAPABILITIES];
	char names[1024];

	if (caps->on)
		printf("# Capabilities dropped, %s:%u: %s\n", caps->file,
		       caps->line,
		       harden_capabilities_text(caps->capabilities, names,
						sizeof(names)));
}

/* The action a policy wrote, where log = stderr made it a trap that
 * reports it (report.h). */
static uint32_t shown_action(const struct ruleset *rules, uint32_t action)
{
	const struct report_entry *e;

	if (!rules->report || (action & 0xffff0000u) != SCMP_ACT_TRAP)
		return action;
	e = report_entry(rules->report, action & 0xffffu);
	return e ? e->action : action;
}

static void print_table(const struct loaded *l)
{
	const struct policy *p = &l->policy;
	char action[48], cond[512], origin[PATH_MAX + 64];

	action_format(shown_action(&l->rules, l->rules.default_action), action,
		      sizeof(action));
	printf("# %s\n", p->file);
	printf("%-22s %-14s %s:%u\n", "(default)", action,
	       p->default_file ? p->default_file : p->file, p->default_line);
	action_format(shown_action(&l->rules, l->rules.newer_action), action,
		      sizeof(action));
	printf("%-22s %-14s %s\n", "(newer system calls)", action,
	       p->newer_line ? "newer_syscalls" : "(the shim's default)");
	printf("%-22s %-14s %s\n", "(i386 calls)",
	       abi_listed(&l->rules, AUDIT_ARCH_I386) ? "as x86_64" : "kill",
	       p->arches_line ? "architectures" : "(native only)");
	for (size_t i = 0; i < l->rules.n_calls; i++) {
		const struct call_rules *call = &l->rules.calls[i];

		for (size_t j = 0; j < call->n_rules; j++) {
			const struct rule *rule = &call->rules[j];

			action_format(shown_action(&l->rules, rule->action),
				      action, sizeof(action));
			rule_origin(rule, p->file, origin, sizeof(origin));
			if (rule->cond->n_alts)
				condition_format(rule->cond, cond,
						 sizeof(cond));
			printf("%-22s %-14s %s%s%s\n", j ? "" : call->name,
			       action, origin,
			       rule->cond->n_alts ? "  if " : "",
			       rule->cond->n_alts ? cond : "");
		}
	}
}

/*
 * x86_64 system calls newer than what this libseccomp names (the kernel's
 * arch/x86/entry/syscalls/syscall_64.tbl, up to Linux 6.18): a policy
 * cannot name them, and newer_syscalls decides them.
 */
static const char *const newer_than_libseccomp[] = {
	"uretprobe",	     "uprobe",
	"statmount",	     "listmount",
	"lsm_get_self_attr", "lsm_set_self_attr",
	"lsm_list_modules",  "mseal",
	"setxattrat",	     "getxattrat",
	"listxattrat",	     "removexattrat",
	"open_tree_attr",    "file_getattr",
	"file_setattr",
};

/* The number of the call text names on ABI scmp_arch (a name or a
 * number), its name (or "syscall N") into name; or -1, said why. */
static int call_number(const char *text, uint32_t scmp_arch, uint32_t arch,
		       char *name, size_t size)
{
	const char *abi = arch == AUDIT_ARCH_I386 ? "x86" : "x86_64";
	char *end, *known;
	long number = strtol(text, &end, 0);

	if (*text && !*end) {
		if (number < 0 || number > 0x7fffffff) {
			command_complain("%s: not a system call number", text);
			return -1;
		}
		known = seccomp_syscall_resolve_num_arch(scmp_arch,
							 (int)number);
		if (known)
			snprintf(name, size, "%s", known);
		else
			snprintf(name, size, "syscall %ld", number);
		free(known);
		return (int)number;
	}
	snprintf(name, size, "%s", text);
	number = rules_nr(scmp_arch, text);
	if (number >= 0)
		return (int)number;
	for (size_t i = 0;
	     i < sizeof(newer_than_libseccomp) / sizeof(*newer_than_libseccomp);
	     i++)
		if (strcmp(text, newer_than_libseccomp[i]) == 0) {
			command_complain(
				"%s: libseccomp %u.%u.%u does not know this "
				"call (newer than its table): a policy "
				"cannot name it, and newer_syscalls decides "
				"it; give its number to ask about it",
				text, seccomp_version()->major,
				seccomp_version()->minor,
				seccomp_version()->micro);
			return -1;
		}
	command_complain("%s: no such system call on %s", text, abi);
	return -1;
}

static int explain_call(const struct loaded *l, uint32_t arch, int argc,
			char **argv)
{
	struct seccomp_data data = {0};
	uint64_t args[6] = {0};
	char action[48], origin[PATH_MAX + 64];
	uint32_t scmp_arch =
		arch == AUDIT_ARCH_I386 ? SCMP_ARCH_X86 : SCMP_ARCH_X86_64;
	uint32_t decided, ran;
	unsigned int line;
	char name[64];
	int nr;

	nr = call_number(argv[0], scmp_arch, arch, name, sizeof(name));
	if (nr < 0)
		return EXIT_USAGE;
	if (argc > 7) {
		command_complain("a system call has at most 6 arguments");
		return EXIT_USAGE;
	}
	for (int i = 1; i < argc; i++) {
		char why[128];

		/* read as the policy's conditions read values */
		if (condition_parse_value(argv[i], &args[i - 1], why,
					  sizeof(why)) < 0) {
			command_complain("argument %d: %s", i, why);
			return EXIT_USAGE;
		}
	}
	decided = rules_decide(&l->rules, arch, nr, args, &line);
	/* Ask the compiled program too: the two must agree. */
	data.nr = nr;
	data.arch = arch;
	memcpy(data.args, args, sizeof(args));
	ran = filter_run(&l->filter, &data);
	action_format(decided, action, sizeof(action));
	if (ran != decided) {
		command_complain(
			"internal error: the compiled filter returns 0x%08x "
			"where the policy says %s",
			ran, action);
		return EXIT_INVALID;
	}
	action_format(shown_action(&l->rules, decided), action, sizeof(action));
	printf("%s(", name);
	for (int i = 0; i < 6 && i < argc - 1; i++)
		printf("%s0x%llx", i ? ", " : "", (unsigned long long)args[i]);
	printf(") -> %s", action);
	if (line) {
		rule_origin(rules_rule(&l->rules, name, line), l->policy.file,
			    origin, sizeof(origin));
		printf("  (%s)\n", origin);
	} else {
		/* the default, an implicit rule of the shim, or the ABI: a
		 * rule of the shim's if one of the call's rules holds */
		int shims = 0;

		for (size_t i = 0; i < l->rules.n_calls && !shims; i++) {
			const struct call_rules *call = &l->rules.calls[i];
			unsigned int widths = rules_widths(call, arch);

			if (strcmp(call->name, name) != 0)
				continue;
			for (size_t j = 0; j < call->n_rules && !shims; j++)
				shims = condition_holds(call->rules[j].cond,
							args, widths);
		}
		if (!abi_listed(&l->rules, arch))
			printf("  (an ABI the policy does not list)\n");
		else if (strncmp(name, "syscall ", 8) == 0)
			printf("  (newer_syscalls: a call newer than "
			       "libseccomp's table)\n");
		else if (shims)
			printf("  (the shim's own rule for %s)\n", name);
		else
			printf("  (default, %s:%u)\n",
			       l->policy.default_file ? l->policy.default_file
						      : l->policy.file,
			       l->policy.default_line);
	}
	return 0;
}

static int write_bpf(const struct filter *filter, const char *path)
{
	FILE *out = fopen(path, "wb");

	if (!out ||
	    fwrite(filter->insns, sizeof(*filter->insns), filter->len, out) !=
		    filter->len ||
	    fclose(out) != 0) {
		command_complain("%s: cannot write: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* explain --keys: every key a policy may set, from the parser's tables. */
static int print_keys(void)
{
	static const char *const landlock_other[] = {"bind_tcp", "connect_tcp",
						     "scope", "enforce"};
	const struct landlock_key *keys;
	unsigned int modes;
	const char *name;
	size_t n;

	for (size_t i = 0; (name = policy_key(i, &modes)); i++)
		printf("[policy] %s (%s)\n", name,
		       modes == POLICY_KEY_FILTER   ? "filter mode"
		       : modes == POLICY_KEY_STRICT ? "strict mode"
						    : "both modes");
	keys = landlock_keys(&n);
	for (size_t i = 0; i < n; i++)
		printf("[landlock] %s (paths)\n", keys[i].name);
	for (size_t i = 0; i < 4; i++)
		printf("[landlock] %s\n", landlock_other[i]);
	printf("[group:@NAME] members\n[paths:@NAME] members\n");
	return 0;
}

/* explain's options, wherever they stand before the call's name. */
struct explain_options {
	const char *bpf;
	uint32_t arch;
	int pfc;
	int keys;
};

/* Read options from argv (getopt's way, from argv[1]) up to the first
 * word that is not one. Returns 0, 1 for --help, or -1. */
static int explain_options(int argc, char **argv, struct explain_options *o)
{
	static const struct option options[] = {
		{"arch", required_argument, NULL, 'a'},
		{"pfc", no_argument, NULL, 'P'},
		{"bpf", required_argument, NULL, 'b'},
		{"keys", no_argument, NULL, 'K'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
		switch (opt) {
		case 'a':
			if (strcmp(optarg, "x86_64") == 0 ||
			    strcmp(optarg, "native") == 0)
				o->arch = AUDIT_ARCH_X86_64;
			else if (strcmp(optarg, "x86") == 0 ||
				 strcmp(optarg, "i386") == 0)
				o->arch = AUDIT_ARCH_I386;
			else {
				command_complain(
					"--arch: '%s' is not x86_64 or x86",
					optarg);
				return -1;
			}
			break;
		case 'P':
			o->pfc = 1;
			break;
		case 'K':
			o->keys = 1;
			break;
		case 'b':
			o->bpf = optarg;
			break;
		case 'h':
			return 1;
		default:
			return -1;
		}
	}
	return 0;
}

int cmd_explain(int argc, char **argv)
{
	struct explain_options o = {NULL, AUDIT_ARCH_X86_64, 0, 0};
	const char *bpf;
	uint32_t arch;
	struct shim_error err;
	struct loaded loaded;
	int pfc, builtin, rc = 0, policy_at, call_at;
	char *setting;

	/* options before the policy, then between it and the call (after
	 * the call's name, words are its arguments: -100 is one) */
	rc = explain_options(argc, argv, &o);
	policy_at = optind;
	call_at = policy_at + 1;
	while (rc == 0 && call_at < argc && argv[call_at][0] == '-' &&
	       argv[call_at][1] && !isdigit((unsigned char)argv[call_at][1])) {
		/* one option (and its value) at a time, as getopt reads it */
		char *one[4] = {argv[0], argv[call_at], NULL, NULL};
		int n = 2;

		if (call_at + 1 < argc && !strchr(argv[call_at], '=') &&
		    (strcmp(argv[call_at], "--arch") == 0 ||
		     strcmp(argv[call_at], "--bpf") == 0))
			one[n++] = argv[call_at + 1];
		optind = 0;
		rc = explain_options(n, one, &o);
		call_at += n - 1;
	}
	if (rc != 0) {
		fputs(explain_usage, rc > 0 ? stdout : stderr);
		return rc > 0 ? 0 : EXIT_USAGE;
	}
	if (o.keys)
		return print_keys();
	bpf = o.bpf;
	arch = o.arch;
	pfc = o.pfc;
	if (policy_at >= argc) {
		fputs(explain_usage, stderr);
		return EXIT_USAGE;
	}
	optind = policy_at;
	setting = command_policy_setting(argv[optind], 0, &builtin);
	if (!setting)
		return EXIT_INVALID;
	if (command_load(setting, builtin, &loaded, &err) < 0) {
		command_print_error(&err);
		free(setting);
		return EXIT_INVALID;
	}
	free(setting);
	if (loaded.policy.mode == POLICY_MODE_STRICT) {
		printf("# %s\nstrict mode: read, write, exit and rt_sigreturn "
		       "are allowed; any other call kills the process "
		       "(SIGKILL)\n",
		       loaded.policy.file);
		if (pfc || bpf)
			command_complain("strict mode has no BPF program");
		command_unload(&loaded);
		return pfc || bpf ? EXIT_USAGE : 0;
	}
	command_check_landlock(&loaded);
	if (pfc) {
		char line[128];

		printf("# %s: %zu instructions\n", loaded.policy.file,
		       loaded.filter.len);
		for (size_t i = 0; i < loaded.filter.len; i++)
			printf("%s\n", listing_line(&loaded.filter, i, line,
						    sizeof(line)));
	}
	if (bpf && write_bpf(&loaded.filter, bpf) < 0)
		rc = EXIT_INVALID;
	if (call_at < argc)
		rc = rc ? rc
			: explain_call(&loaded, arch, argc - call_at,
				       &argv[call_at]);
	else if (!pfc && !bpf) {
		print_table(&loaded);
		print_landlock(&loaded.policy);
		print_capabilities(&loaded.policy);
	}
	command_unload(&loaded);
	return rc;
}
