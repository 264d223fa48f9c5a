/* Built-in system call groups, with systemd's names and meaning. */
#ifndef SHIM_GROUPS_H
#define SHIM_GROUPS_H
#include <stddef.h>
/*
 * One group, as `systemd-analyze syscall-filter` prints it.  The table is
 * generated into groups.c by gen-groups.sh; see there.
 */
struct group {
	/* "@file-system" */
	const char *name;
	/* one line, as systemd-analyze says it */
	const char *description;
	/*
	 * NULL-terminated, in the order systemd prints them; "@x" names
	 * another group of the table (not expanded).
	 */
	const char *const *members;
};
/*
 * group_find - the built-in group called name ("@mount"), or NULL (also for
 * a NULL name).  Every "@x" member of a group names a group it finds.
 */
const struct group *group_find(const char *name);
/* The table, in alphabetical order of name, and its length. */
extern const struct group group_table[];
extern const size_t group_count;
#endif
