/*
 * Seccomp strict mode for unmodified programs.
 *
 * The kernel's strict mode allows read, write, exit and rt_sigreturn and
 * kills the process with SIGKILL on anything else. An ordinary program
 * needs more than that only in a few places, all in glibc, and the shim
 * settles each before the switch:
 * - stdio asks fstat and isatty how to buffer a stream on first use: the
 *   standard streams get their buffers now (stdout line-buffered, so that
 *   a kill loses no complete line);
 * - malloc grows the heap with brk or mmap: the heap is grown now and
 *   guarded afterwards (heap.h);
 * - exit and _exit end with exit_group: the shim ends the process with
 *   exit instead, the one thread that can exist being the whole process.
 */
#ifndef SHIM_STRICT_H
#define SHIM_STRICT_H

#include <stddef.h>

#include "error.h"

/* What a strict-mode policy says: all the shim needs to switch. */
struct strict_settings {
	size_t heap;	 /* bytes malloc may use after the switch */
	int stdout_full; /* stdout fully buffered, not by line */
	unsigned int mode_line, heap_line; /* where the policy says so */
};

/* Nonzero once the process is in strict mode. */
extern int strict_active;

/*
 * strict_prepare - everything strict mode needs before the switch: one
 * thread only, the program's allocator reaching the guard, the heap
 * reserved, the standard streams buffered, the exit handler registered.
 * file names the policy in messages.
 * Returns 0, or a negative errno with err filled in.
 */
int strict_prepare(const struct strict_settings *settings, const char *file,
		   struct shim_error *err);

/*
 * strict_enter - switch to strict mode; from here on only read, write,
 * exit and rt_sigreturn. file and line name the policy in messages.
 * Returns 0, or a negative errno with err filled in (nothing changed).
 */
int strict_enter(const char *file, unsigned int line, struct shim_error *err);

/*
 * strict_exit - end the process with status: exit_group normally, exit
 * in strict mode (the only thread). Does not return.
 */
void strict_exit(int status) __attribute__((noreturn));

#endif
