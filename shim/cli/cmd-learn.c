/* seccomp-shim learn (seccomp-shim(1)). */
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

/* --- main ----------------------------------------------------------------- */

static const char learn_usage[] =
	"usage: seccomp-shim learn [-o POLICY] [--merge POLICY] [--] CMD "
	"[ARG...]\n"
	"Run CMD, and every thread and process it starts, recording the "
	"system\n"
	"calls they make; then write a policy that allows those and denies "
	"the\n"
	"rest: to POLICY (-o), back into the --merge POLICY, or to\n"
	"./" LEARN_DEFAULT_OUTPUT " (the command's output is left alone).\n"
	"  -o, --output POLICY  where the policy goes\n"
	"  -m, --merge POLICY   add this run to a policy learn wrote before\n"
	"  -h, --help           this help\n"
	"Exit status: CMD's (128 + N if a signal N ended it); 125 if the\n"
	"recording or the policy fails, 127 if CMD is not found.\n";

/* Write text to path whole, or not at all (a temporary file, renamed). */
int command_write_file(const char *path, const char *text)
{
	size_t len = strlen(path), size = strlen(text);
	char *temp = malloc(len + 8);
	int fd, rc = 0;

	if (!temp)
		return -ENOMEM;
	snprintf(temp, len + 8, "%s.XXXXXX", path);
	fd = mkstemp(temp);
	if (fd < 0) {
		rc = -errno;
		free(temp);
		return rc;
	}
	rc = source_write_all(fd, text, size);
	if (rc == 0 && fchmod(fd, 0644) != 0)
		rc = -errno;
	if (close(fd) != 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(temp, path) != 0)
		rc = -errno;
	if (rc < 0)
		unlink(temp);
	free(temp);
	return rc;
}

/* Where the policy goes: -o's file, --merge's, or ./learned.ini unless a
 * file there is not learn's (refused, said why: NULL). Not standard
 * output: the command's own output goes there. */
static const char *learn_output(const char *output, const char *merge)
{
	char head[sizeof(LEARN_HEADER)] = "";
	FILE *f;

	if (output)
		return output;
	if (merge)
		return merge;
	f = fopen(LEARN_DEFAULT_OUTPUT, "r");
	if (f && (!fgets(head, sizeof(head), f) ||
		  strcmp(head, LEARN_HEADER) != 0)) {
		fclose(f);
		command_complain("%s: exists, and learn did not write it: not "
				 "replaced (name a file with -o)",
				 LEARN_DEFAULT_OUTPUT);
		return NULL;
	}
	if (f)
		fclose(f);
	return LEARN_DEFAULT_OUTPUT;
}

/* What learn wrote must be a policy the shim takes: 0, or -1 said why. */
static int learned_compiles(const char *text)
{
	struct shim_error err;
	struct policy policy;
	struct ruleset rules;
	struct filter filter;
	uint64_t digest;
	int rc = policy_parse(text, strlen(text), "(learned policy)", &policy,
			      &err);

	if (rc == 0) {
		rc = policy_compile(&policy, 0, 0, &rules, &filter, &digest,
				    &err);
		policy_free(&policy);
	}
	if (rc < 0) {
		command_print_error(&err);
		return -1;
	}
	filter_free(&filter);
	rules_free(&rules);
	return 0;
}

int cmd_learn(int argc, char **argv)
{
	static const struct option options[] = {
		{"output", required_argument, NULL, 'o'},
		{"merge", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL, *merge = NULL;
	char path[PATH_MAX], *sources = NULL, *text = NULL;
	struct learned learned = {0};
	struct shim_error err;
	int opt, rc, wstatus = 0, status = EXIT_REFUSED;

	while ((opt = getopt_long(argc, argv, "+o:m:h", options, NULL)) != -1) {
		switch (opt) {
		case 'o':
			output = optarg;
			break;
		case 'm':
			merge = optarg;
			break;
		case 'h':
			fputs(learn_usage, stdout);
			return 0;
		default:
			fputs(learn_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fputs(learn_usage, stderr);
		return EXIT_USAGE;
	}
	rc = command_find_program(argv[optind], path, sizeof(path));
	if (rc < 0) {
		command_complain("%s: %s", argv[optind],
				 rc == -ENOENT ? "command not found"
					       : strerror(-rc));
		return rc == -ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_EXEC;
	}
	if (merge) {
		char *old = NULL;
		size_t len;

		rc = source_read(merge, &old, &len, NULL, &err);
		if (rc == 0)
			rc = learn_merge(old, merge, &learned, &sources, &err);
		free(old);
		if (rc < 0) {
			command_print_error(&err);
			learn_free(&learned);
			return EXIT_REFUSED;
		}
	}
	output = learn_output(output, merge);
	if (!output)
		goto out;
	if (learn_run(argv + optind, &learned, &wstatus, &err) < 0) {
		command_print_error(&err);
		goto out;
	}
	text = learn_write(&learned, sources, argv + optind);
	if (!text) {
		command_complain("out of memory");
		goto out;
	}
	if (learned_compiles(text) < 0)
		goto out;
	rc = command_write_file(output, text);
	if (rc < 0) {
		command_complain("%s: cannot write: %s", output, strerror(-rc));
		goto out;
	}
	fprintf(stderr,
		"seccomp-shim: learned %zu system calls (%lu calls; this run: "
		"%lu tasks); written to %s\n",
		learned.n_calls, learned.total, learned.tasks, output);
	if (learned.unknown)
		command_complain(
			"warning: %lu calls to system calls libseccomp has "
			"no name for: the policy leaves them to "
			"newer_syscalls (errno:ENOSYS)",
			learned.unknown);
	status = WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus)
				      : WEXITSTATUS(wstatus);
out:
	free(text);
	free(sources);
	learn_free(&learned);
	return status;
}
