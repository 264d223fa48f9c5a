/* seccomp-shim convert (seccomp-shim(1)). */
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

/* --- convert ---------------------------------------------------------- */

static const char convert_usage[] =
	"usage: seccomp-shim convert [--from json|ini] [--caps LIST] "
	"[--kernel X.Y] [-o OUT] IN\n"
	"Convert a Docker/OCI seccomp profile (JSON) into a policy that "
	"decides\n"
	"as the profile does under runc, for a container with the "
	"capabilities\n"
	"LIST (default: docker-default; also all, none, or CAP_* names, comma\n"
	"separated) on this machine's kernel (or X.Y); or a policy (INI) into\n"
	"an OCI profile that decides as it does. The direction is --from's, "
	"or\n"
	"the input's: JSON if it starts with '{'. The result goes to OUT or\n"
	"stdout; warnings to stderr (and into a policy as comments).\n";

/* convert, a policy into a profile: the JSON text, or NULL (said why). */
static char *policy_to_oci(const char *path)
{
	struct convert_notes notes = {0};
	struct shim_error err;
	struct policy policy;
	struct ruleset rules;
	char *json = NULL;
	int rc = source_load(path, &policy, &err);

	if (rc < 0) {
		command_print_error(&err);
		return NULL;
	}
	memset(&rules, 0, sizeof(rules));
	if (policy.mode == POLICY_MODE_FILTER)
		rc = rules_resolve(&policy, &rules, &err);
	if (rc == 0) {
		rc = convert_policy_to_oci(&policy, &rules, &json, &notes,
					   &err);
		if (policy.mode == POLICY_MODE_FILTER)
			rules_free(&rules);
	}
	policy_free(&policy);
	for (size_t i = 0; i < notes.n; i++)
		command_complain("warning: %s", notes.text[i]);
	convert_notes_free(&notes);
	if (rc < 0)
		command_print_error(&err);
	return rc < 0 ? NULL : json;
}

/* The kernel version entries' minKernel is held against: --kernel's, or
 * this machine's. 0, or -1 said why. */
static int target_kernel(const char *kernel, struct convert_target *target)
{
	struct utsname uts;

	if (!kernel) {
		if (uname(&uts) != 0) {
			command_complain("uname: %s", strerror(errno));
			return -1;
		}
		kernel = uts.release;
	}
	if (sscanf(kernel, "%u.%u", &target->major, &target->minor) != 2) {
		command_complain("--kernel: '%s' is not a version (X.Y)",
				 kernel);
		return -1;
	}
	return 0;
}

/* What convert wrote must load as any policy does: 0, or -1 said why. */
static int converted_loads(const char *policy)
{
	struct shim_error err;
	struct policy parsed;
	struct ruleset rules;
	int rc = policy_parse(policy, strlen(policy), "(converted policy)",
			      &parsed, &err);

	if (rc == 0) {
		memset(&rules, 0, sizeof(rules));
		rc = rules_resolve(&parsed, &rules, &err);
		if (rc == 0)
			rules_free(&rules);
		policy_free(&parsed);
	}
	if (rc < 0) {
		command_complain("the converted policy does not load (a bug "
				 "in convert):");
		command_print_error(&err);
		return -1;
	}
	return 0;
}

/* The policy for the profile text (len bytes, read from file), its notes
 * said as warnings; NULL, said why, on an error. */
static char *profile_to_policy(const char *text, size_t len, const char *file,
			       const struct convert_target *target)
{
	struct convert_notes notes = {0};
	struct shim_error err;
	char *policy = NULL;
	int rc = convert_oci_to_policy(text, len, file, target, &policy, &notes,
				       &err);

	for (size_t i = 0; i < notes.n; i++)
		command_complain("warning: %s", notes.text[i]);
	if (notes.dropped)
		command_complain("warning: and %zu more", notes.dropped);
	convert_notes_free(&notes);
	if (rc < 0) {
		command_print_error(&err);
		return NULL;
	}
	if (converted_loads(policy) < 0) {
		free(policy);
		return NULL;
	}
	return policy;
}

int cmd_convert(int argc, char **argv)
{
	static const struct option options[] = {
		{"caps", required_argument, NULL, 'c'},
		{"kernel", required_argument, NULL, 'k'},
		{"output", required_argument, NULL, 'o'},
		{"from", required_argument, NULL, 'f'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	struct convert_target target = {convert_docker_caps(), "amd64", 0, 0};
	const char *from = NULL, *output = NULL, *kernel = NULL;
	struct shim_error err;
	char *text = NULL, *out, why[128];
	size_t len;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			if (convert_caps_parse(optarg, &target.caps, why,
					       sizeof(why)) < 0) {
				command_complain("--caps: %s", why);
				return EXIT_USAGE;
			}
			break;
		case 'k':
			kernel = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "json") != 0 &&
			    strcmp(optarg, "ini") != 0) {
				command_complain(
					"--from: json or ini, not '%s'",
					optarg);
				return EXIT_USAGE;
			}
			from = optarg;
			break;
		case 'h':
			fputs(convert_usage, stdout);
			return 0;
		default:
			fputs(convert_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fputs(convert_usage, stderr);
		return EXIT_USAGE;
	}
	if (target_kernel(kernel, &target) < 0)
		return EXIT_USAGE;
	rc = source_read(argv[optind], &text, &len, NULL, &err);
	if (rc < 0) {
		command_print_error(&err);
		return SHIM_EXIT_REFUSED;
	}
	if (!from)
		from = text[strspn(text, " \t\r\n")] == '{' ? "json" : "ini";
	if (strcmp(from, "ini") == 0)
		out = policy_to_oci(argv[optind]);
	else
		out = profile_to_policy(text, len, argv[optind], &target);
	free(text);
	if (!out)
		return SHIM_EXIT_REFUSED;
	if (output) {
		rc = command_write_file(output, out);
		if (rc < 0)
			command_complain("%s: %s", output, strerror(-rc));
	} else if (fputs(out, stdout) == EOF || fflush(stdout) != 0) {
		rc = -EIO;
	}
	free(out);
	return rc < 0 ? SHIM_EXIT_REFUSED : 0;
}
