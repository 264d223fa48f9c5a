/*
 * The second lock: a Landlock domain (landlock(7)) around every process the
 * shim puts under a filter of its own, so that it cannot reach processes
 * outside the domain: ptrace them, open their /proc/PID/mem, read or write
 * their memory with process_vm_*. A seccomp filter sees call numbers and
 * cannot tell those calls on another process from the same calls on the
 * program's own children; Landlock can.
 *
 * Without a [landlock] section the ruleset handles execution and
 * reparenting only (reparenting, a rename or link into another directory,
 * is denied in every Landlock domain unless a rule allows it) and allows
 * both everywhere beneath "/": files, signals and sockets are as without
 * it. A [landlock] section (landlock-rules.h) adds the rights its keys
 * restrict, with the rules that allow them beneath the paths and on the
 * ports it lists, and the scopes it names; the compiler hands it over as
 * a table (struct landlock_table), which this side applies. What every
 * domain denies all the same: mount, umount and pivot_root, and what the
 * kernel guards like ptrace (/proc/PID/environ, exe, ns/ of processes
 * outside). A kernel without Landlock, or with ABI 1 (which cannot allow
 * reparenting), gets no domain: the filter applies alone, unless the
 * policy's section requires what it cannot have.
 *
 * System calls of its own (sys.h): it runs in the preload library's early
 * path, before libc is initialised.
 */
#ifndef SHIM_LANDLOCK_H
#define SHIM_LANDLOCK_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The ABI a domain needs (LANDLOCK_ACCESS_FS_REFER). */
#define LANDLOCK_ABI_NEEDED 2

/* The kernel's stable UAPI (include/uapi/linux/landlock.h, Linux 6.18):
 * Debian 12's headers stop at ABI 2. File system rights: */
#define LANDLOCK_FS_EXECUTE	(1ULL << 0)
#define LANDLOCK_FS_WRITE_FILE	(1ULL << 1)
#define LANDLOCK_FS_READ_FILE	(1ULL << 2)
#define LANDLOCK_FS_READ_DIR	(1ULL << 3)
#define LANDLOCK_FS_REMOVE_DIR	(1ULL << 4)
#define LANDLOCK_FS_REMOVE_FILE (1ULL << 5)
#define LANDLOCK_FS_MAKE_CHAR	(1ULL << 6)
#define LANDLOCK_FS_MAKE_DIR	(1ULL << 7)
#define LANDLOCK_FS_MAKE_REG	(1ULL << 8)
#define LANDLOCK_FS_MAKE_SOCK	(1ULL << 9)
#define LANDLOCK_FS_MAKE_FIFO	(1ULL << 10)
#define LANDLOCK_FS_MAKE_BLOCK	(1ULL << 11)
#define LANDLOCK_FS_MAKE_SYM	(1ULL << 12)
#define LANDLOCK_FS_REFER	(1ULL << 13) /* ABI 2 */
#define LANDLOCK_FS_TRUNCATE	(1ULL << 14) /* ABI 3 */
#define LANDLOCK_FS_IOCTL_DEV	(1ULL << 15) /* ABI 5 */
/* the rights that apply to a file that is not a directory */
#define LANDLOCK_FS_FILE                                                       \
	(LANDLOCK_FS_EXECUTE | LANDLOCK_FS_WRITE_FILE |                        \
	 LANDLOCK_FS_READ_FILE | LANDLOCK_FS_TRUNCATE | LANDLOCK_FS_IOCTL_DEV)
/* network rights (ABI 4) */
#define LANDLOCK_NET_BIND_TCP	 (1ULL << 0)
#define LANDLOCK_NET_CONNECT_TCP (1ULL << 1)
/* scopes (ABI 6) */
#define LANDLOCK_SCOPE_ABSTRACT_UNIX (1ULL << 0)
#define LANDLOCK_SCOPE_SIGNAL	     (1ULL << 1)

/*
 * landlock_abi_of - the ABI that brought the newest of the file system
 * rights fs, network rights net and scopes (1 if all are 0). Pure.
 */
int landlock_abi_of(uint64_t fs, uint64_t net, uint64_t scopes);

/* landlock_fs_rights - the file system rights ABI abi has. */
uint64_t landlock_fs_rights(int abi);
/* landlock_net_rights - the network rights ABI abi has. */
uint64_t landlock_net_rights(int abi);
/* landlock_scopes - the scopes ABI abi has. */
uint64_t landlock_scopes(int abi);

/*
 * The table a policy's [landlock] section compiles to (landlock-rules.h),
 * as the cache keeps it: a head, then the names of the files its lines
 * are in (u32 length with the NUL, the bytes, zeros to 8), then the path
 * records (each followed by its path the same way), then the port
 * records. Native byte order; everything at multiples of 8 bytes.
 */
#define LANDLOCK_TABLE_MAGIC 0x314c4c53u /* "SLL1" */
#define LANDLOCK_BEST_EFFORT 0x1u	 /* apply what the kernel has */

struct landlock_table_head {
	uint32_t magic;
	uint32_t flags;	     /* LANDLOCK_BEST_EFFORT */
	uint64_t handled_fs; /* the rights the section restricts */
	uint64_t handled_net;
	uint64_t scoped;
	uint32_t scope_line; /* where the scope key is (file 0..) */
	uint32_t scope_file;
	uint32_t n_files, n_paths, n_ports;
	uint32_t pad;
};

#define LANDLOCK_PATH_OPTIONAL 0x1u /* "-/path": skipped if missing */
#define LANDLOCK_PATH_CWD      0x2u /* beneath the working directory */

struct landlock_path_record {
	uint64_t access;   /* the rights it allows beneath the path */
	uint32_t line;	   /* where it is listed */
	uint16_t file;	   /* index of that file's name */
	uint16_t flags;	   /* LANDLOCK_PATH_* */
	uint32_t path_len; /* with the NUL; the path follows, padded to 8 */
	uint32_t pad;
};

struct landlock_port_record {
	uint64_t access; /* LANDLOCK_NET_* */
	uint64_t port;
	uint32_t line;
	uint32_t file;
};

/* The largest table the cache takes. */
#define LANDLOCK_TABLE_MAX (1 << 20)

/*
 * landlock_table_check - whether the len bytes at table are a well-formed
 * table (every record inside, every string ended), as the cache's reader
 * must know before the preload library walks it. Pure.
 */
int landlock_table_check(const void *table, size_t len);

/*
 * landlock_limit - for tests: make landlock_version() answer at most abi
 * (0: no limit). The preload library sets it from
 * SECCOMP_SHIM_LANDLOCK_ABI for policies of the environment, never for a
 * system policy; a lower ABI can only make a policy refuse, or, where it
 * says enforce = best_effort, apply less of what it asked for itself.
 */
void landlock_limit(int abi);

/*
 * landlock_limit_parse - the ABI a SECCOMP_SHIM_LANDLOCK_ABI value names:
 * its decimal digits, below 100; 0 (no limit) for NULL or anything else.
 * The library and the command read the variable with it. Pure.
 */
int landlock_limit_parse(const char *value);

/*
 * landlock_version - the kernel's Landlock ABI version (at most the limit
 * above), or 0 if it has no Landlock (or a filter in force denies asking).
 */
int landlock_version(void);

/*
 * landlock_enter - put the calling thread, and the threads and processes
 * it starts, in a new Landlock domain as above, with the rules of table
 * (len bytes; NULL: none). NO_NEW_PRIVS must be set. file names the
 * policy in messages. Returns 0; -EOPNOTSUPP where the kernel cannot (no
 * Landlock, or ABI 1) and the table requires nothing; or a negative errno
 * with err filled in: the kernel lacks what the table requires, a listed
 * path cannot be opened, the process is in 16 domains already, other
 * threads run (they would stay outside the domain), a filter in force
 * denies the Landlock calls.
 */
int landlock_enter(const void *table, size_t len, const char *file,
		   struct shim_error *err);

#endif
