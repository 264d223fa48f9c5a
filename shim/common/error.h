/* Structured errors: where a policy went wrong, and why. */
#ifndef SHIM_ERROR_H
#define SHIM_ERROR_H

#include <stddef.h>

/* Exit status of a process the preload library refused to run. */
#define SHIM_EXIT_REFUSED 125

struct shim_error {
	char file[4096];   /* policy file name as the user gave it, or "" */
	unsigned int line; /* 1-based line number, 0 when there is none */
	char message[512];
};

/*
 * error_set - record an error at FILE:LINE (file may be NULL, line 0).
 * Returns -EINVAL, so callers can "return error_set(...)".
 */
int error_set(struct shim_error *err, const char *file, unsigned int line,
	      const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * error_nomem - record "out of memory" at FILE:LINE (as error_set does).
 * Returns -ENOMEM.
 */
int error_nomem(struct shim_error *err, const char *file, unsigned int line);

/*
 * error_why - write a reason into why (size bytes) for a caller that adds
 * the file and line. Returns -EINVAL.
 */
int error_why(char *why, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * error_format - render err as "seccomp-shim: FILE:LINE: message" (no
 * newline) into buf, control characters shown as \xNN so that a hostile
 * policy cannot rewrite the terminal. Returns the length of the line
 * (at most size - 1).
 */
int error_format(const struct shim_error *err, char *buf, size_t size);

#endif
