/*
 * Strict mode: the preparations of strict.h, then the switch.
 */
#include "config.h"

#include <errno.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "guest.h"
#include "heap.h"
#include "interpose.h"
#include "strict.h"
#include "threads.h"

/* glibc's flag for an unbuffered stream in FILE's _flags (libio.h). */
#define STDIO_UNBUFFERED 0x0002

int strict_active;

/* Strict mode confines only the calling thread: there must be no other. */
static int count_threads(const char *file, unsigned int line,
			 struct shim_error *err)
{
	long n = threads_running();

	if (n == 0)
		return error_set(err, file, line,
				 "mode = strict: cannot count this process's "
				 "threads (/proc/self/stat)");
	if (n != 1)
		return error_set(err, file, line,
				 "mode = strict: %ld threads are running, and "
				 "strict mode would confine only one of them "
				 "(a library started threads before the shim)",
				 n);
	return 0;
}

/*
 * Give stream the buffer glibc would give it on first use, which it finds
 * with fstat and isatty, calls strict mode does not allow: line-buffered on
 * a terminal, or if line_buffered (stdout, unless the policy says
 * stdout_buffer = full: a kill cannot be caught, and it should lose no
 * complete line).
 */
static int buffer_stream(FILE *stream, int line_buffered)
{
	struct stat st;
	size_t size = BUFSIZ;
	char *buffer;
	int fd;

	if (stream->_IO_buf_base || (stream->_flags & STDIO_UNBUFFERED))
		return 0; /* in use already, or unbuffered (stderr) */
	fd = fileno(stream);
	if (fd >= 0 && fstat(fd, &st) == 0) {
		if (S_ISCHR(st.st_mode) && isatty(fd))
			line_buffered = 1;
		if (st.st_blksize > 0 && st.st_blksize < BUFSIZ)
			size = (size_t)st.st_blksize;
	}
	buffer = malloc(size); /* the stream's for good */
	if (!buffer)
		return -ENOMEM;
	if (setvbuf(stream, buffer, line_buffered ? _IOLBF : _IOFBF, size)) {
		free(buffer);
		return -EINVAL;
	}
	return 0;
}

/* stdin, stdout and stderr, as the program sees them (guest.h). */
static int buffer_standard_streams(int stdout_by_line)
{
	static const char names[][8] = {"stdin", "stdout", "stderr"};

	for (int i = 0; i < 3; i++) {
		FILE **stream = guest_data(names[i]);

		if (!stream ||
		    buffer_stream(*stream, i == 1 && stdout_by_line) < 0)
			return -EINVAL;
	}
	return 0;
}

/*
 * Registered with on_exit() before the program's own handlers, so it runs
 * after them (and after the destructors): flush stdio as exit would, then
 * end with exit, not exit_group.
 */
static void strict_on_exit(int status, void *unused)
{
	if (!strict_active)
		return;
	fflush(NULL);
	strict_exit(status);
}

int strict_prepare(const struct strict_settings *settings, const char *file,
		   struct shim_error *err)
{
	unsigned int line = settings->mode_line;

	if (count_threads(file, line, err) < 0 ||
	    heap_check_allocator(file, line, err) < 0 ||
	    heap_reserve(settings->heap, file,
			 settings->heap_line ? settings->heap_line : line,
			 err) < 0)
		return -EINVAL;
	/* After the switch, nothing can be looked up any more. */
	if (guest_bind_all() < 0)
		return error_set(err, file, line,
				 "mode = strict: libc lacks a function the "
				 "shim calls");
	if (buffer_standard_streams(!settings->stdout_full) < 0)
		return error_set(err, file, line,
				 "mode = strict: cannot buffer the standard "
				 "streams");
	if (interpose_strict(file, line, err) < 0)
		return -EINVAL;
	if (on_exit(strict_on_exit, NULL))
		return error_set(err, file, line,
				 "mode = strict: cannot register the exit "
				 "handler");
	return 0;
}

int strict_enter(const char *file, unsigned int line, struct shim_error *err)
{
	/* Between here and the return nothing allocates. */
	heap_arm();
	strict_active = 1;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0) == 0)
		return 0;
	strict_active = 0;
	heap_disarm();
	if (errno == EINVAL)
		return error_set(err, file, line,
				 "the kernel refused seccomp strict mode: %s "
				 "(a seccomp filter is installed already, or "
				 "the kernel lacks CONFIG_SECCOMP)",
				 strerror(errno));
	return error_set(err, file, line,
			 "the kernel refused seccomp strict mode: %s",
			 strerror(errno));
}

void strict_exit(int status)
{
	for (;;) {
		if (!strict_active)
			syscall(SYS_exit_group, status);
		syscall(SYS_exit, status);
	}
}
