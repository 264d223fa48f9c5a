/* seccomp-shim: the command-line front door (seccomp-shim(1)), over the
 * same core as the preload library: the table of subcommands. */
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

static const char usage[] =
	"usage: seccomp-shim COMMAND [ARG...]\n"
	"Confine unmodified programs with seccomp, through "
	"libseccomp-shim.so.\n"
	"\n"
	"  run [-p|--policy POLICY] [--log] [--before-exec] [--] CMD [ARG...]\n"
	"      run CMD confined by POLICY (without -p: the built-in default)\n"
	"  check [--strict] [-v|--verbose] POLICY...\n"
	"      check policies: errors, warnings, what this kernel enforces\n"
	"  compile POLICY...\n"
	"      compile policies into the cache\n"
	"  explain [--arch ABI] [--pfc] [--bpf FILE] POLICY [SYSCALL "
	"[ARG...]]\n"
	"      the rules (and the Landlock domain), or one decision\n"
	"  explain --keys\n"
	"      every key a policy may set\n"
	"  groups [--calls] [@NAME...]\n"
	"      the built-in system call groups\n"
	"  learn [-o|--output POLICY] [-m|--merge POLICY] [--] CMD [ARG...]\n"
	"      a policy from what CMD calls\n"
	"  convert [--from json|ini] [--caps LIST] [--kernel X.Y] [-o|--output "
	"OUT] IN\n"
	"      a Docker/OCI profile as a policy, or a policy as a profile\n"
	"Every command takes -h, --help.\n"
	"\n"
	"seccomp-shim COMMAND --help says more; see seccomp-shim(1) and\n"
	"seccomp-shim.ini(5).\n";

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(int, char **);
	} commands[] = {
		{"run", cmd_run},	  {"check", cmd_check},
		{"compile", cmd_compile}, {"explain", cmd_explain},
		{"groups", cmd_groups},	  {"learn", cmd_learn},
		{"convert", cmd_convert},
	};
	/* as the library reads it (landlock.h): tests' lower kernels */
	landlock_limit(
		landlock_limit_parse(getenv("SECCOMP_SHIM_LANDLOCK_ABI")));
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("seccomp-shim %s\n", PACKAGE_VERSION);
		return 0;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(*commands); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	command_complain(
		"unknown command '%s' (seccomp-shim --help lists them)",
		argv[1]);
	return EXIT_USAGE;
}
