/* A Landlock domain that keeps a process from others (landlock.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "landlock.h"
#include "spawn.h"
#include "sys.h"
#include "threads.h"

/* The kernel's stable UAPI (include/uapi/linux/landlock.h); Debian 12's
 * headers lack the newer calls' names on some architectures. */
#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule	    445
#define SYS_landlock_restrict_self  446
#endif
#define CREATE_RULESET_VERSION (1U << 0)
#define RULE_PATH_BENEATH      1
#define RULE_NET_PORT	       2

/* struct landlock_ruleset_attr as of ABI 6 (the kernel takes a shorter
 * one: the fields an older ABI lacks are left out, below) */
struct ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net; /* ABI 4 */
	uint64_t scoped;	     /* ABI 6 */
};

/* struct landlock_path_beneath_attr */
struct path_beneath_attr {
	uint64_t allowed_access;
	int32_t parent_fd;
} __attribute__((packed));

/* struct landlock_net_port_attr */
struct net_port_attr {
	uint64_t allowed_access;
	uint64_t port;
};

/* What every domain handles, and allows everywhere unless the policy's
 * section restricts it (landlock.h). */
#define BASE_RIGHTS (LANDLOCK_FS_EXECUTE | LANDLOCK_FS_REFER)

int landlock_abi_of(uint64_t fs, uint64_t net, uint64_t scopes)
{
	if (scopes)
		return 6;
	if (fs & LANDLOCK_FS_IOCTL_DEV)
		return 5;
	if (net)
		return 4;
	if (fs & LANDLOCK_FS_TRUNCATE)
		return 3;
	if (fs & LANDLOCK_FS_REFER)
		return 2;
	return 1;
}

uint64_t landlock_fs_rights(int abi)
{
	uint64_t rights = 0;

	if (abi >= 1)
		rights = (LANDLOCK_FS_MAKE_SYM << 1) - 1;
	if (abi >= 2)
		rights |= LANDLOCK_FS_REFER;
	if (abi >= 3)
		rights |= LANDLOCK_FS_TRUNCATE;
	if (abi >= 5)
		rights |= LANDLOCK_FS_IOCTL_DEV;
	return rights;
}

uint64_t landlock_net_rights(int abi)
{
	return abi >= 4 ? LANDLOCK_NET_BIND_TCP | LANDLOCK_NET_CONNECT_TCP : 0;
}

uint64_t landlock_scopes(int abi)
{
	return abi >= 6 ? LANDLOCK_SCOPE_ABSTRACT_UNIX | LANDLOCK_SCOPE_SIGNAL
			: 0;
}

/* --- the table ------------------------------------------------------------ */

static size_t padded(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* A walk over a table's parts, each checked before it is read. */
struct walk {
	const char *p, *end;
	int bad;
};

static const void *take(struct walk *w, size_t n)
{
	const char *at = w->p;

	if (w->bad || padded(n) > (size_t)(w->end - w->p)) {
		w->bad = 1;
		return NULL;
	}
	w->p += padded(n);
	return at;
}

/* A string of len bytes with its NUL, as the table keeps it. */
static const char *take_string(struct walk *w, uint32_t len)
{
	const char *s = take(w, len);

	for (uint32_t i = 0; s && i < len; i++)
		if ((s[i] == '\0') != (i == len - 1))
			w->bad = 1;
	if (len == 0)
		w->bad = 1;
	return w->bad ? NULL : s;
}

static const char *take_file(struct walk *w)
{
	const uint32_t *len = take(w, 8);

	return len ? take_string(w, *len) : NULL;
}

int landlock_table_check(const void *table, size_t len)
{
	struct walk w = {table, (const char *)table + len, 0};
	const struct landlock_table_head *head = take(&w, sizeof(*head));

	if (!head || head->magic != LANDLOCK_TABLE_MAGIC ||
	    (uintptr_t)table % 8 || head->n_files == 0 ||
	    head->n_files > 65535 || head->scope_file >= head->n_files)
		return 0;
	for (uint32_t i = 0; i < head->n_files; i++)
		take_file(&w);
	for (uint32_t i = 0; i < head->n_paths && !w.bad; i++) {
		const struct landlock_path_record *r = take(&w, sizeof(*r));

		if (r &&
		    (r->file >= head->n_files || !take_string(&w, r->path_len)))
			w.bad = 1;
	}
	for (uint32_t i = 0; i < head->n_ports && !w.bad; i++) {
		const struct landlock_port_record *r = take(&w, sizeof(*r));

		if (r && (r->file >= head->n_files || r->port > 65535))
			w.bad = 1;
	}
	return !w.bad && w.p == w.end;
}

/* The name of the table's file number index. */
static const char *file_name(const struct landlock_table_head *head, size_t len,
			     uint32_t index)
{
	struct walk w = {(const char *)(head + 1), (const char *)head + len, 0};
	const char *name = NULL;

	for (uint32_t i = 0; i <= index; i++)
		name = take_file(&w);
	return name;
}

/* Where the table asks for the first of the rights in fs, net or scopes
 * (its file in *file): the line, or 0 if it does not. */
static uint32_t first_asking(const struct landlock_table_head *head, size_t len,
			     uint64_t fs, uint64_t net, uint64_t scopes,
			     const char **file, int *needs)
{
	struct walk w = {(const char *)(head + 1), (const char *)head + len, 0};
	uint32_t line = 0, index = 0;

	for (uint32_t i = 0; i < head->n_files; i++)
		take_file(&w);
	for (uint32_t i = 0; i < head->n_paths; i++) {
		const struct landlock_path_record *r = take(&w, sizeof(*r));

		take(&w, r->path_len);
		if ((r->access & fs) && (!line || r->line < line)) {
			line = r->line;
			index = r->file;
			*needs = landlock_abi_of(r->access & fs, 0, 0);
		}
	}
	for (uint32_t i = 0; i < head->n_ports; i++) {
		const struct landlock_port_record *r = take(&w, sizeof(*r));

		if ((r->access & net) && (!line || r->line < line)) {
			line = r->line;
			index = r->file;
			*needs = landlock_abi_of(0, r->access & net, 0);
		}
	}
	if ((head->scoped & scopes) && (!line || head->scope_line < line)) {
		line = head->scope_line;
		index = head->scope_file;
		*needs = landlock_abi_of(0, 0, head->scoped & scopes);
	}
	*file = file_name(head, len, index);
	return line;
}

/* --- the kernel ----------------------------------------------------------- */

static int abi_limit;

void landlock_limit(int abi)
{
	abi_limit = abi;
}

int landlock_limit_parse(const char *value)
{
	int abi = 0;

	while (value && *value >= '0' && *value <= '9' && abi < 100)
		abi = abi * 10 + (*value++ - '0');
	return value && *value == '\0' && abi < 100 ? abi : 0;
}

/* The installed compiler, in the preload library's build (Makefile.am). */
#ifdef COMPILER_PATH
static const char installed_compiler[] = COMPILER_PATH;
#else
static const char installed_compiler[] = "";
#endif

/* The kernel's ABI version, or its negative errno. */
static long kernel_version(void)
{
	long abi =
		sys3(SYS_landlock_create_ruleset, 0, 0, CREATE_RULESET_VERSION);

	if (abi > 0 && abi_limit > 0 && abi > abi_limit)
		abi = abi_limit;
	return abi;
}

int landlock_version(void)
{
	long abi = kernel_version();

	return abi > 0 ? (int)abi : 0;
}

/* The rights the table asks for that ABI abi lacks: refuse, saying
 * where, unless the table settles for what there is. */
static int check_rights(const struct landlock_table_head *head, size_t len,
			long abi, const char *policy, struct shim_error *err)
{
	uint64_t fs = head->handled_fs & ~landlock_fs_rights((int)abi);
	uint64_t net = head->handled_net & ~landlock_net_rights((int)abi);
	uint64_t scopes = head->scoped & ~landlock_scopes((int)abi);
	const char *file;
	uint32_t line;
	/* a right the section restricts with no rule that allows it */
	int needs = landlock_abi_of(fs, net, scopes);

	if ((!fs && !net && !scopes) || (head->flags & LANDLOCK_BEST_EFFORT))
		return 0;
	line = first_asking(head, len, fs, net, scopes, &file, &needs);
	if (abi < LANDLOCK_ABI_NEEDED)
		return error_set(err, file ? file : policy, line,
				 "this kernel has no Landlock%s, which the "
				 "[landlock] section needs (enforce = "
				 "best_effort would run the program without "
				 "it)",
				 abi == 1 ? " of ABI 2 or later" : "");
	return error_set(err, file ? file : policy, line,
			 "this kernel's Landlock (ABI %ld) cannot enforce this "
			 "line, which needs ABI %d (enforce = best_effort "
			 "would apply what the kernel has)",
			 abi, needs);
}

/* Open the path of record r: beneath the working directory, or not. */
static long open_path(const struct landlock_path_record *r, const char *path)
{
	static const char here[] = ".";

	if ((r->flags & LANDLOCK_PATH_CWD) && !*path)
		path = here;
	return sys4(SYS_openat, AT_FDCWD, path, O_PATH | O_CLOEXEC, 0);
}

/* Add the table's path rules (with the rights handled) to ruleset fd. */
static int add_paths(long fd, const struct landlock_table_head *head,
		     size_t len, const struct ruleset_attr *handled,
		     const char *policy, struct shim_error *err)
{
	struct walk w = {(const char *)(head + 1), (const char *)head + len, 0};

	for (uint32_t i = 0; i < head->n_files; i++)
		take_file(&w);
	for (uint32_t i = 0; i < head->n_paths; i++) {
		const struct landlock_path_record *r = take(&w, sizeof(*r));
		const char *path = take(&w, r->path_len);
		const char *file = file_name(head, len, r->file);
		const char *shown = r->flags & LANDLOCK_PATH_CWD ? "@cwd/" : "";
		struct path_beneath_attr rule = {
			r->access & handled->handled_access_fs, -1};
		struct stat st;
		long rc;

		rc = open_path(r, path);
		if (rc == -ENOENT && (r->flags & LANDLOCK_PATH_OPTIONAL))
			continue;
		if (rc < 0)
			return error_set(err, file ? file : policy, r->line,
					 "[landlock]: cannot open %s%s: %s",
					 shown, path, strerror((int)-rc));
		rule.parent_fd = (int32_t)rc;
		if (sys_fstat(rule.parent_fd, &st) == 0 && !S_ISDIR(st.st_mode))
			rule.allowed_access &= LANDLOCK_FS_FILE;
		rc = 0;
		if (rule.allowed_access)
			rc = sys4(SYS_landlock_add_rule, fd, RULE_PATH_BENEATH,
				  &rule, 0);
		sys1(SYS_close, rule.parent_fd);
		if (rc < 0)
			return error_set(err, file ? file : policy, r->line,
					 "[landlock]: the kernel refused the "
					 "rule for %s%s: %s",
					 shown, path, strerror((int)-rc));
	}
	for (uint32_t i = 0; i < head->n_ports; i++) {
		const struct landlock_port_record *r = take(&w, sizeof(*r));
		struct net_port_attr rule = {
			r->access & handled->handled_access_net, r->port};
		long rc = 0;

		if (rule.allowed_access)
			rc = sys4(SYS_landlock_add_rule, fd, RULE_NET_PORT,
				  &rule, 0);
		if (rc < 0)
			return error_set(err, file_name(head, len, r->file),
					 r->line,
					 "[landlock]: the kernel refused the "
					 "rule for port %llu: %s",
					 (unsigned long long)r->port,
					 strerror((int)-rc));
	}
	return 0;
}

/* Allow reading and executing the file at path (a regular file), as far
 * as handled restricts them. */
static long allow_file(long fd, const char *path, uint64_t handled)
{
	struct path_beneath_attr rule = {
		handled & (LANDLOCK_FS_READ_FILE | LANDLOCK_FS_EXECUTE), -1};
	struct stat st;
	long rc = sys4(SYS_openat, AT_FDCWD, path, O_PATH | O_CLOEXEC, 0);

	if (rc < 0)
		return 0; /* not there: nothing to allow */
	rule.parent_fd = (int32_t)rc;
	rc = 0;
	if (rule.allowed_access && sys_fstat(rule.parent_fd, &st) == 0 &&
	    S_ISREG(st.st_mode))
		rc = sys4(SYS_landlock_add_rule, fd, RULE_PATH_BENEATH, &rule,
			  0);
	sys1(SYS_close, rule.parent_fd);
	return rc;
}

/*
 * Where the section restricts reading or executing files, the shim's own
 * files stay readable and executable: the dynamic loader of every child
 * reads the library (one it cannot read it leaves out, and the child
 * would start without its own policy), and a child under another policy
 * runs the compiler on a cache miss.
 */
static long allow_shim_files(long fd, uint64_t handled)
{
	char library[PATH_MAX], compiler[PATH_MAX];
	long rc = 0;

	if (!(handled & (LANDLOCK_FS_READ_FILE | LANDLOCK_FS_EXECUTE)))
		return 0;
	if (spawn_own_file(library, sizeof(library)) == 0) {
		char *slash = strrchr(library, '/');

		rc = allow_file(fd, library, handled);
		if (rc == 0 && slash) {
			*slash = '\0';
			if (spawn_compiler_next_to(library, compiler,
						   sizeof(compiler)) == 0)
				rc = allow_file(fd, compiler, handled);
		}
	}
	if (rc == 0 && installed_compiler[0])
		rc = allow_file(fd, installed_compiler, handled);
	return rc;
}

/* Why the domain could not be had, in words. */
static int refused(long rc, const char *policy, struct shim_error *err)
{
	if (rc == -E2BIG)
		return error_set(err, policy, 0,
				 "cannot add a Landlock domain: the process "
				 "is in 16 already (a chain of programs under "
				 "that many different policies)");
	if (rc == -EPERM)
		return error_set(err, policy, 0,
				 "cannot add a Landlock domain: the filter in "
				 "force denies landlock_create_ruleset, "
				 "landlock_add_rule or landlock_restrict_self "
				 "(its policy must allow them)");
	if (rc == -EBUSY)
		return error_set(err, policy, 0,
				 "cannot add a Landlock domain: other threads "
				 "run, and a domain takes in only the thread "
				 "that enters it (load the library at the "
				 "program's start, not with dlopen)");
	return error_set(err, policy, 0, "cannot add a Landlock domain: %s",
			 strerror((int)-rc));
}

int landlock_enter(const void *table, size_t len, const char *file,
		   struct shim_error *err)
{
	static const char root[] SYS_HOT_STRING = "/";
	/* no table: an empty head, on the stack (no page of data touched) */
	struct landlock_table_head none = {0};
	const struct landlock_table_head *head = table && len ? table : &none;
	struct ruleset_attr ruleset = {0};
	struct path_beneath_attr everywhere = {0, -1};
	long abi = kernel_version(), fd, rc;
	size_t size = sizeof(ruleset.handled_access_fs);

	if (abi < 0 && abi != -ENOSYS && abi != -EOPNOTSUPP)
		return refused(abi, file, err);
	if (abi < 0)
		abi = 0;
	rc = check_rights(head, len, abi, file, err);
	if (rc < 0)
		return (int)rc;
	if (abi < LANDLOCK_ABI_NEEDED)
		return -EOPNOTSUPP;
	/* The domain takes in the calling thread (and what it starts) only:
	 * where others run already (the library loaded with dlopen), they
	 * would stay outside, so refuse. While the loader relocates the
	 * program (libc not initialised) there is one thread. */
	if (!threads_alone())
		return refused(-EBUSY, file, err);
	/* What the kernel has of what the table asks (all of it, unless it
	 * settles for less: check_rights), and the base rights. */
	ruleset.handled_access_fs =
		(head->handled_fs | BASE_RIGHTS) & landlock_fs_rights((int)abi);
	ruleset.handled_access_net =
		head->handled_net & landlock_net_rights((int)abi);
	ruleset.scoped = head->scoped & landlock_scopes((int)abi);
	if (abi >= 4)
		size += sizeof(ruleset.handled_access_net);
	if (abi >= 6)
		size += sizeof(ruleset.scoped);
	fd = sys3(SYS_landlock_create_ruleset, &ruleset, size, 0);
	if (fd < 0)
		return refused(fd, file, err);
	/* Beneath "/": what the section does not restrict. */
	everywhere.allowed_access =
		ruleset.handled_access_fs & ~head->handled_fs;
	rc = 0;
	if (everywhere.allowed_access) {
		rc = sys4(SYS_openat, AT_FDCWD, root,
			  O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
		if (rc >= 0) {
			everywhere.parent_fd = (int32_t)rc;
			rc = sys4(SYS_landlock_add_rule, fd, RULE_PATH_BENEATH,
				  &everywhere, 0);
			sys1(SYS_close, everywhere.parent_fd);
		}
	}
	if (rc < 0)
		rc = refused(rc, file, err);
	else if (head != &none) {
		rc = add_paths(fd, head, len, &ruleset, file, err);
		if (rc == 0) {
			rc = allow_shim_files(fd, ruleset.handled_access_fs &
							  head->handled_fs);
			if (rc < 0)
				rc = refused(rc, file, err);
		}
	}
	if (rc == 0) {
		rc = sys2(SYS_landlock_restrict_self, fd, 0);
		if (rc < 0)
			rc = refused(rc, file, err);
	}
	sys1(SYS_close, fd);
	return (int)rc;
}
