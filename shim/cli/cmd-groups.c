/* seccomp-shim groups (seccomp-shim(1)). */
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

/* --- groups --------------------------------------------------------------- */

static const char groups_usage[] =
	"usage: seccomp-shim groups [--calls] [@NAME...]\n"
	"The built-in groups and their members (systemd's names and sets),\n"
	"or only the groups named.\n"
	"  --calls     every system call name a policy can use here (the\n"
	"              native ABI's, as the linked libseccomp names them)\n"
	"  -h, --help  this help\n"
	"Exit status: 0, 1 if a group is unknown.\n";

static void print_group(const struct group *group)
{
	printf("%s\n    # %s\n", group->name, group->description);
	for (const char *const *m = group->members; *m; m++)
		printf("    %s\n", *m);
}

int cmd_groups(int argc, char **argv)
{
	int failed = 0;

	if (argc > 1 &&
	    (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		fputs(groups_usage, stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--calls") == 0) {
		uint32_t arch = seccomp_arch_native();
		uint32_t last = rules_last_known(arch);

		for (uint32_t nr = 0; nr <= last; nr++) {
			char *name =
				seccomp_syscall_resolve_num_arch(arch, (int)nr);

			if (name)
				puts(name);
			free(name);
		}
		return 0;
	}
	if (argc == 1) {
		for (size_t i = 0; i < group_count; i++) {
			if (i)
				putchar('\n');
			print_group(&group_table[i]);
		}
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		const struct group *group = group_find(argv[i]);

		if (!group) {
			const char *names[256];
			char phrase[96];
			size_t n = 0;

			for (size_t g = 0; g < group_count && n < 256; g++)
				names[n++] = group_table[g].name;
			command_complain(
				"%s: no such group (seccomp-shim groups "
				"lists them)%s",
				argv[i],
				suggest_phrase(suggest_pick(argv[i], names, n),
					       phrase, sizeof(phrase)));
			failed = 1;
			continue;
		}
		if (i > 1)
			putchar('\n');
		print_group(group);
	}
	return failed ? EXIT_INVALID : 0;
}
