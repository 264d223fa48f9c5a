/*
 * The preload library's SIGSYS handler for log = stderr (report.h): one
 * line per denied call on stderr, then the policy's action. libc-free in
 * the handler: it only formats into its stack and makes raw system calls.
 */
#ifndef SHIM_REPORTER_H
#define SHIM_REPORTER_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "report.h"

/* reporter_program - the program's name in reports: argv0's last part. */
void reporter_program(const char *argv0);

/*
 * reporter_start - keep a copy of the table block (len bytes, checked)
 * and install the handler for SIGSYS, unblocked in this thread. A handler
 * the program had for SIGSYS (an ignored SIGSYS survives execve) becomes
 * the one the reporter passes other SIGSYS signals to. filtered: the
 * process runs under the policy's filter already (a child), so that only
 * calls the policy allows may be made. file names the policy in messages.
 * Returns 0, or a negative errno with err filled in.
 */
int reporter_start(const void *block, size_t len, int filtered,
		   const char *file, struct shim_error *err);

/* A denied call, as the handler sees it. */
struct reporter_call {
	uint32_t arch;	     /* AUDIT_ARCH_* (si_arch) */
	uint32_t nr;	     /* si_syscall: x32's calls with their bit */
	uint64_t args[6];    /* in the ABI's order; i386's zero-extended */
	long pid;	     /* 0: not known */
	const char *program; /* NULL: not known */
};

/*
 * How the line reads a string argument: up to 64 bytes of the program's
 * memory at p into s (pid: the process, 0 if not known). Returns the
 * bytes read, or <= 0 if it cannot (the pointer is shown instead).
 */
typedef long reporter_read_fn(char *s, uint64_t p, long pid);

/*
 * reporter_format - the line that reports call, denied by entry e of
 * block, the table of reports (report.h), into buf: "seccomp-shim[PID]
 * PROGRAM: CALL(ARGS) denied by FILE:LINE (ACTION)" and a newline, cut
 * short to fit size bytes and ended with a NUL. Strings are read with
 * read_string (NULL: shown as pointers). Pure but for read_string, and
 * libc-free (the SIGSYS handler's). Returns the line's length.
 */
size_t reporter_format(const void *block, const struct report_entry *e,
		       const struct reporter_call *call,
		       reporter_read_fn *read_string, char *buf, size_t size);

#endif
