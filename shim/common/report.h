/*
 * Reports of denied calls ([policy] log = stderr): the table the compiler
 * makes and the preload library's SIGSYS handler reads (reporter.h).
 *
 * With reports on, every action that denies a call (errno, kill,
 * kill-thread, trap) is compiled as SECCOMP_RET_TRAP with data
 * REPORT_TAG | index. The kernel skips the call and raises SIGSYS with
 * that data in si_errno; the handler finds entry index in the table, writes
 * one line, and then carries out the action the policy wrote.
 *
 * The table is one flat block, so that the cache can hold it as it is and
 * the library can copy it whole: a struct report_head, n_entries struct
 * report_entry, n_names 32-bit offsets (the native ABI's system call
 * names, by number; 0: none), then NUL-terminated strings, which every
 * offset points into (offset 0 is an empty string).
 */
#ifndef SHIM_REPORT_H
#define SHIM_REPORT_H

#include <stddef.h>
#include <stdint.h>

/* SECCOMP_RET_DATA of the shim's traps: REPORT_TAG | index. */
#define REPORT_TAG	   0xc000u
#define REPORT_MAX_ENTRIES 0x4000u

/*
 * The prctl option that ends the process (arg 0) or the thread (arg 1) by
 * the filter's own kill, once the line is written ("SHMK"; no kernel has
 * it). Any program may call it: it can only kill itself.
 */
#define REPORT_KILL_OPTION 0x53484d4bu

/*
 * The fifth argument with which the shim's own rt_sigaction and
 * rt_sigprocmask calls pass untrapped ("SHMS"). Other calls that set a
 * signal's action or the signal mask trap, so that SIGSYS keeps the shim's
 * handler and is never blocked (report.c emulates them).
 */
#define REPORT_SIGNAL_MARK 0x53484d53u
/* The mark of the shim's own start-up calls in a child of a reporting
 * tree (rt_sigprocmask's SIG_UNBLOCK of SIGSYS, madvise's
 * MADV_WIPEONFORK), which the filter lets through whatever the policy says
 * (report-rules.c): another value than the handler's, whose calls the
 * policy decides. */
#define REPORT_OWN_MARK 0x53484d4fUL /* "SHMO" */

#define REPORT_MAGIC 0x52504f54u /* "TOPR" */

/* What an entry stands for. */
enum report_kind {
	REPORT_RULE,	  /* a [syscalls] line (line, file) */
	REPORT_DEFAULT,	  /* the policy's default */
	REPORT_NEWER,	  /* newer_syscalls */
	REPORT_ABI,	  /* an ABI the policy does not list */
	REPORT_SIGACTION, /* rt_sigaction that sets an action: emulated */
	REPORT_SIGMASK,	  /* rt_sigprocmask that sets the mask: emulated */
	REPORT_KINDS
};

/* Flags: what the handler may call without being denied itself. */
#define REPORT_READ_STRINGS 1u /* process_vm_readv: strings are read */
#define REPORT_GETPID	    2u /* getpid */
/* pread64 and newfstatat on any descriptor: strings are read from the
 * process's own /proc/self/mem, opened as the handler is installed */
#define REPORT_READ_MEM 4u
/* openat of /proc/self/mem for reading: a process under the filter
 * already (a child) may open it too */
#define REPORT_OPEN_MEM 8u

struct report_head {
	uint32_t magic;
	uint32_t size; /* of the whole block */
	uint32_t n_entries, n_names, flags;
};

struct report_entry {
	uint32_t action; /* as the policy wrote it (SCMP_ACT_*) */
	uint32_t kind;	 /* enum report_kind */
	uint32_t line;	 /* of the line that decided, 0 if none */
	uint32_t file;	 /* offset of the file's name */
	uint32_t text;	 /* offset of the action as written ("errno:EPERM") */
};

/*
 * report_check - whether the len bytes at block are a well-formed table:
 * sizes agree, every offset points inside the strings, which end in NUL.
 * Pure; a block that passes can be read with the functions below.
 */
int report_check(const void *block, size_t len);

/* The entry for trap data, or NULL if data is not the shim's. */
const struct report_entry *report_entry(const void *block, uint32_t data);

/* The string at offset off. */
const char *report_string(const void *block, uint32_t off);

/* The native name of system call nr, or NULL. */
const char *report_name(const void *block, uint32_t nr);

#endif
