/*
 * Formatting without libc, for the preload library's early path: its
 * messages are made while the dynamic loader is still relocating the
 * program (preload.c), before libc is initialised, when libc's printf
 * family and strerror cannot be called (their locale lives in thread-local
 * storage that is not set up yet). Pure: no system calls, no allocation.
 *
 * The preload library's snprintf, vsnprintf and strerror are these
 * (guest.c); the command and the tests use libc's, which agree on every
 * conversion below.
 */
#ifndef SHIM_FORMAT_H
#define SHIM_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * format_v - vsnprintf for the conversions %s %c %d %i %u %x %% with the
 * flags '-' and '0', a width, a precision (digits or '*', for %s) and the
 * length modifiers l, ll and z. Writes at most size bytes with a NUL
 * (none if size is 0). An unknown conversion is copied as it is. Returns
 * the length the whole output would have.
 */
int format_v(char *buf, size_t size, const char *fmt, va_list ap);

/* format - format_v with the arguments given directly. */
int format(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * format_strerror - the text glibc's strerror gives errnum (in English),
 * for the errors a system call of the shim's can return; "Unknown error
 * N" for the others, formatted into buf (size bytes, at least 32), which
 * is then returned.
 */
const char *format_strerror(int errnum, char *buf, size_t size);

#endif
