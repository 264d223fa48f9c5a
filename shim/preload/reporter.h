/*
 * The preload library's SIGSYS handler for log = stderr (report.h): one
 * line per denied call on stderr, then the policy's action. libc-free in
 * the handler: it only formats into its stack and makes raw system calls.
 */
#ifndef SHIM_REPORTER_H
#define SHIM_REPORTER_H

#include <stddef.h>

#include "error.h"

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

#endif
