/* seccomp-shim check (seccomp-shim(1)). */
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

/* --- check ---------------------------------------------------------------- */

static const char check_usage[] =
	"usage: seccomp-shim check [--strict] [--verbose] POLICY...\n"
	"Check each POLICY (a file, or a shipped policy's name): errors and\n"
	"warnings on stderr as FILE:LINE: ..., a summary on stdout.\n"
	"  --strict        warnings fail too\n"
	"  -v, --verbose   each warning on a line of its own, with why (the\n"
	"                  known ways out a line allows are grouped without)\n"
	"  -h, --help      this help\n"
	"Exit status: 0 if every policy is valid, 1 if one is not (or, with\n"
	"--strict, has warnings), 2 for a bad command line.\n";

/* The calls a line of the policy decides (not only the shim's rules). */
static size_t calls_with_rules(const struct ruleset *rules)
{
	size_t n = 0;

	for (size_t i = 0; i < rules->n_calls; i++)
		for (size_t j = 0; j < rules->calls[i].n_rules; j++)
			if (rules->calls[i].rules[j].line) {
				n++;
				break;
			}
	return n;
}

/*
 * What this kernel's Landlock makes of the policy (landlock.h): said on
 * stderr, as FILE:LINE: warnings that the policy's count leaves out (they
 * are this machine's, not the policy's), with errors for listed paths
 * that do not exist here. Returns 0, or -1 if the program would be
 * refused here.
 */
int command_check_landlock(const struct loaded *l)
{
	const struct policy *p = &l->policy;
	int abi = landlock_version(), refused = 0;
	struct landlock_rule *rules;
	struct shim_error err;
	uint64_t handled, fs, net, scopes;
	char names[256];
	size_t n;

	if (!landlock_rules_wanted(p)) {
		if (abi < LANDLOCK_ABI_NEEDED)
			fprintf(stderr,
				"seccomp-shim: %s: warning: this kernel has no "
				"Landlock%s: the filter applies without the "
				"domain that keeps the program from other "
				"processes\n",
				p->file, abi ? " of ABI 2 or later" : "");
		return 0;
	}
	if (landlock_rules_expand(p, &rules, &n, &handled, &err) < 0) {
		command_print_error(&err);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		const char *path = rules[i].path;
		struct stat st;

		if (strncmp(path, "@cwd", 4) == 0)
			path = path[4] ? path + 5 : ".";
		if (!rules[i].optional && stat(path, &st) < 0) {
			fprintf(stderr,
				"seccomp-shim: %s:%u: [landlock] %s: cannot "
				"open %s: %s\n",
				rules[i].file, rules[i].line, rules[i].key,
				rules[i].path, strerror(errno));
			refused = -1;
		}
	}
	free(rules);
	fs = abi < LANDLOCK_ABI_NEEDED ? handled
				       : handled & ~landlock_fs_rights(abi);
	net = p->landlock.handled_net & ~landlock_net_rights(abi);
	scopes = p->landlock.scoped & ~landlock_scopes(abi);
	if (!fs && !net && !scopes)
		return refused;
	names[0] = '\0';
	if (fs)
		landlock_rights_text(fs, 0, names, sizeof(names));
	if (net) {
		size_t used = strlen(names);

		if (used)
			names[used++] = ' ';
		landlock_rights_text(net, 1, names + used,
				     sizeof(names) - used);
	}
	if (scopes)
		snprintf(names + strlen(names), sizeof(names) - strlen(names),
			 "%sscope", names[0] ? " " : "");
	if (p->landlock.best_effort) {
		fprintf(stderr,
			"seccomp-shim: %s:%u: warning: this kernel's Landlock "
			"(ABI %d) cannot enforce %s: enforce = best_effort "
			"drops %s\n",
			p->landlock.enforce_file, p->landlock.enforce_line, abi,
			names,
			abi < LANDLOCK_ABI_NEEDED ? "the whole domain"
						  : "them");
		return refused;
	}
	if (abi < LANDLOCK_ABI_NEEDED)
		fprintf(stderr,
			"seccomp-shim: %s: this kernel has no Landlock%s, "
			"which the [landlock] section needs: the program "
			"would be refused here (set enforce = best_effort to "
			"run it without)\n",
			p->file, abi ? " of ABI 2 or later" : "");
	else
		fprintf(stderr,
			"seccomp-shim: %s: this kernel's Landlock (ABI %d) "
			"cannot enforce %s, which the [landlock] section "
			"restricts: the program would be refused here (set "
			"enforce = best_effort to run it with what the kernel "
			"has)\n",
			p->file, abi, names);
	return -1;
}

/* One warning line on stderr. */
static void print_warning(const char *file, unsigned int line,
			  const char *message)
{
	if (line)
		fprintf(stderr, "seccomp-shim: %s:%u: warning: %s\n", file,
			line, message);
	else
		fprintf(stderr, "seccomp-shim: %s: warning: %s\n", file,
			message);
}

/*
 * check's warnings: each on a line of its own with verbose; else the
 * known ways out that one line leaves allowed (the default, mostly)
 * together on one line, so that a first small policy gets a few lines.
 */
static void print_warnings(const struct lint_warning *w, size_t n,
			   const char *policy_file, int verbose)
{
	for (size_t i = 0; i < n; i++) {
		const char *file = w[i].file ? w[i].file : policy_file;
		char line[1024];
		size_t used, more = 0, same = 0;

		for (size_t j = 0; j < n; j++)
			same += w[j].escape[0] && w[j].line == w[i].line &&
				w[j].file == w[i].file;
		if (verbose || !w[i].escape[0] || same == 1) {
			print_warning(file, w[i].line, w[i].message);
			continue;
		}
		for (size_t j = 0; j < i; j++)
			if (w[j].escape[0] && w[j].line == w[i].line &&
			    w[j].file == w[i].file)
				more = 1;
		if (more)
			continue; /* said with the first of its line */
		used = (size_t)snprintf(line, sizeof(line),
					"allowed, and known ways out of a "
					"sandbox: %s",
					w[i].escape);
		for (size_t j = i + 1; j < n; j++)
			if (w[j].escape[0] && w[j].line == w[i].line &&
			    w[j].file == w[i].file && used < sizeof(line))
				used += (size_t)snprintf(line + used,
							 sizeof(line) - used,
							 ", %s", w[j].escape);
		if (used < sizeof(line))
			snprintf(line + used, sizeof(line) - used,
				 " (check --verbose says why)");
		print_warning(file, w[i].line, line);
	}
}

static int check_one(const char *name, int strict, int verbose)
{
	struct lint_warning warnings[LINT_MAX_WARNINGS];
	struct shim_error err;
	struct loaded loaded;
	char *setting;
	int builtin, invalid = 0;
	size_t n = 0;

	setting = command_policy_setting(name, 0, &builtin);
	if (!setting)
		return -1;
	if (command_load(setting, builtin, &loaded, &err) < 0) {
		command_print_error(&err);
		free(setting);
		return -1;
	}
	if (loaded.policy.mode == POLICY_MODE_STRICT) {
		printf("%s: valid: strict mode, heap %zu bytes\n",
		       loaded.policy.file, loaded.policy.heap);
	} else {
		if (command_check_landlock(&loaded) < 0)
			invalid = 1;
		n = lint_policy(&loaded.policy, &loaded.rules, warnings,
				LINT_MAX_WARNINGS);
		print_warnings(warnings, n, loaded.policy.file, verbose);
		size_t calls = calls_with_rules(&loaded.rules);

		if (!invalid)
			printf("%s: valid: %zu system call%s with rules, %zu "
			       "BPF instructions, %zu warning%s\n",
			       loaded.policy.file, calls, calls == 1 ? "" : "s",
			       loaded.filter.len, n, n == 1 ? "" : "s");
	}
	command_unload(&loaded);
	free(setting);
	return invalid || (strict && n) ? -1 : 0;
}

int cmd_check(int argc, char **argv)
{
	static const struct option options[] = {
		{"strict", no_argument, NULL, 'S'},
		{"verbose", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	int strict = 0, verbose = 0, failed = 0, opt;

	while ((opt = getopt_long(argc, argv, "hv", options, NULL)) != -1) {
		switch (opt) {
		case 'S':
			strict = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			fputs(check_usage, stdout);
			return 0;
		default:
			fputs(check_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(check_usage, stderr);
		return EXIT_USAGE;
	}
	for (int i = optind; i < argc; i++)
		if (check_one(argv[i], strict, verbose) < 0)
			failed = 1;
	fflush(stdout);
	return failed ? EXIT_INVALID : 0;
}
