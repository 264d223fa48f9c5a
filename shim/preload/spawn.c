/* The policy compiler in a process of its own (spawn.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "build-id.h"
#include "cache.h"
#include "report.h"
#include "source.h"
#include "spawn.h"
#include "sys.h"

/* --- where the compiler is ------------------------------------------------ */

/* Whether the line of /proc/self/maps maps address from a file; its
 * path into path then. */
static int maps_line(char *line, uintptr_t address, char *path, size_t size)
{
	uintptr_t start = 0, end = 0;
	char *p = line;
	size_t n;

	for (; *p && *p != '-'; p++)
		start = start << 4 |
			(uintptr_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
	for (p += *p == '-'; *p && *p != ' '; p++)
		end = end << 4 |
		      (uintptr_t)(*p <= '9' ? *p - '0' : *p - 'a' + 10);
	if (address < start || address >= end)
		return 0;
	/* permissions, offset, device, inode, then the path */
	for (int field = 0; field < 4 && *p; field++) {
		while (*p == ' ')
			p++;
		while (*p && *p != ' ')
			p++;
	}
	while (*p == ' ')
		p++;
	if (*p != '/')
		return 0;
	n = strlen(p);
	if (n >= size)
		return 0;
	memcpy(path, p, n + 1);
	return 1;
}

int spawn_own_file(char *path, size_t size)
{
	uintptr_t address = (uintptr_t)(void *)spawn_own_file;
	char buf[4096 + PATH_MAX];
	size_t have = 0;
	int found = 0;
	long fd = sys4(SYS_openat, AT_FDCWD, "/proc/self/maps",
		       O_RDONLY | O_CLOEXEC, 0);

	if (fd < 0)
		return -ENOENT;
	while (!found) {
		long n = sys3(SYS_read, fd, buf + have, sizeof(buf) - 1 - have);
		char *line = buf, *nl;

		if (n == -EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
		buf[have] = '\0';
		while (!found && (nl = strchr(line, '\n'))) {
			*nl = '\0';
			found = maps_line(line, address, path, size);
			line = nl + 1;
		}
		have -= (size_t)(line - buf);
		memmove(buf, line, have);
		if (have == sizeof(buf) - 1)
			have = 0; /* a line longer than any path: not ours */
	}
	sys1(SYS_close, fd);
	return found ? 0 : -ENOENT;
}

/* The directory of the preload library's own file. Returns 0, or -ENOENT
 * (no /proc, say: then only the installed compiler is tried). */
static int own_directory(char *dir, size_t size)
{
	char *slash;

	if (spawn_own_file(dir, size) < 0)
		return -ENOENT;
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return -ENOENT;
	*slash = '\0';
	return 0;
}

int spawn_compiler_next_to(const char *dir, char *path, size_t size)
{
	size_t n = strlen(dir);

	if (n + 1 + sizeof(SPAWN_PROGRAM) > size)
		return -ENAMETOOLONG;
	memcpy(path, dir, n);
	path[n] = '/';
	memcpy(path + n + 1, SPAWN_PROGRAM, sizeof(SPAWN_PROGRAM));
	return 0;
}

/*
 * Whether the compiler at path, in directory dir, can be changed only by
 * root or this user: a library copied where others can write must not run
 * a compiler they put next to it (a regular file, not a link; it and its
 * directory owned by root or this user and writable by no one else).
 */
static int trusted_compiler(const char *path, const char *dir)
{
	long me = sys1(SYS_geteuid, 0);
	struct stat st;

	if (sys_lstat(path, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (st.st_uid != 0 && st.st_uid != (uid_t)me) ||
	    (st.st_mode & (S_IWGRP | S_IWOTH)))
		return 0;
	return sys_stat(dir, &st) == 0 && S_ISDIR(st.st_mode) &&
	       (st.st_uid == 0 || st.st_uid == (uid_t)me) &&
	       !(st.st_mode & (S_IWGRP | S_IWOTH));
}

/* --- running it ----------------------------------------------------------- */

/* The kernel's struct sigaction (rt_sigaction's view). */
struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	void *restorer;
	uint64_t mask;
};

/* In the child: the compiler's stdout is the pipe, and then it is run. */
static __attribute__((noreturn)) void run_compiler(const char *const paths[2],
						   char **argv, long pipe_fd)
{
	static char *const no_environment[] = {NULL};
	struct shim_error err;
	long rc = -ENOENT;
	const char *tried = paths[1];

	if (pipe_fd == 1)
		sys3(SYS_fcntl, 1, F_SETFD, 0);
	else
		sys3(SYS_dup3, pipe_fd, 1, 0);
	for (int i = 0; i < 2; i++) {
		if (!paths[i])
			continue;
		argv[0] = (char *)paths[i];
		rc = sys3(SYS_execve, paths[i], argv, no_environment);
		if (rc != -ENOENT || !paths[1]) {
			tried = paths[i];
			break;
		}
	}
	error_set(&err, NULL, 0, "cannot start the policy compiler %s: %s",
		  tried, strerror((int)-rc));
	spawn_write_error(1, &err);
	for (;;)
		sys1(SYS_exit_group, 127);
}

/* Seconds and nanoseconds to the deadline, or 0 if it has passed. (Where
 * a filter in force denies reading the clock, each wait is the whole
 * time: a compiler that hangs is still stopped.) */
static int time_left(const struct timespec *deadline, struct timespec *left)
{
	struct timespec now;

	if (sys2(SYS_clock_gettime, CLOCK_MONOTONIC, &now) < 0) {
		*left = (struct timespec){SPAWN_TIMEOUT_SECONDS, 0};
		return 1;
	}
	left->tv_sec = deadline->tv_sec - now.tv_sec;
	left->tv_nsec = deadline->tv_nsec - now.tv_nsec;
	if (left->tv_nsec < 0) {
		left->tv_nsec += 1000000000L;
		left->tv_sec--;
	}
	return left->tv_sec >= 0;
}

/* The largest answer read: an entry, and room to spare. */
#define ANSWER_MAX (CACHE_MAX_ENTRY + 65536)

struct answer {
	char *bytes; /* source_heap_free() it */
	size_t len, cap;
};

/* Room for one more read in a; 0, or -ENOMEM, or -EFBIG past ANSWER_MAX. */
static int grow(struct answer *a)
{
	size_t cap = a->cap ? a->cap * 2 : 65536;
	char *bytes;

	if (a->len < a->cap)
		return 0;
	if (a->cap >= ANSWER_MAX)
		return -EFBIG;
	bytes = source_heap_alloc(cap);
	if (!bytes)
		return -ENOMEM;
	if (a->len)
		memcpy(bytes, a->bytes, a->len);
	source_heap_free(a->bytes);
	a->bytes = bytes;
	a->cap = cap;
	return 0;
}

/* All the compiler writes, until it closes the pipe or time runs out.
 * Returns 0, -ETIMEDOUT, or another negative errno. */
static int read_answer(long fd, struct answer *a)
{
	struct timespec deadline, left;

	if (sys2(SYS_clock_gettime, CLOCK_MONOTONIC, &deadline) < 0)
		deadline = (struct timespec){0, 0};
	deadline.tv_sec += SPAWN_TIMEOUT_SECONDS;
	for (;;) {
		struct pollfd ready = {(int)fd, POLLIN, 0};
		long n;
		int rc;

		if (!time_left(&deadline, &left))
			return -ETIMEDOUT;
		n = sys5(SYS_ppoll, &ready, 1, &left, 0, 8);
		if (n == -EINTR)
			continue;
		if (n == 0)
			return -ETIMEDOUT;
		if (n < 0)
			return (int)n;
		rc = grow(a);
		if (rc < 0)
			return rc;
		n = sys3(SYS_read, fd, a->bytes + a->len, a->cap - a->len);
		if (n == -EINTR || n == -EAGAIN)
			continue;
		if (n < 0)
			return (int)n;
		if (n == 0)
			return 0;
		a->len += (size_t)n;
	}
}

/* --- what it answered ----------------------------------------------------- */

static uint32_t get_u32(const char *at)
{
	const unsigned char *b = (const unsigned char *)at;

	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

/* An error answer, into err; 0 if the bytes are not one. */
static int decode_error(const struct answer *a, struct shim_error *err)
{
	size_t at = sizeof(SPAWN_ERROR_MAGIC) - 1;
	uint32_t line, file_len, message_len;

	if (a->len < at + 8 || memcmp(a->bytes, SPAWN_ERROR_MAGIC, at) != 0)
		return 0;
	line = get_u32(a->bytes + at);
	file_len = get_u32(a->bytes + at + 4);
	at += 8;
	if (file_len >= sizeof(err->file) || a->len - at < file_len + 4)
		return 0;
	message_len = get_u32(a->bytes + at + file_len);
	if (message_len >= sizeof(err->message) ||
	    a->len - at - file_len - 4 != message_len)
		return 0;
	memcpy(err->file, a->bytes + at, file_len);
	err->file[file_len] = '\0';
	err->line = line;
	memcpy(err->message, a->bytes + at + file_len + 4, message_len);
	err->message[message_len] = '\0';
	return 1;
}

/* The compiled policy in answer a, for setting, into *out. */
static int decode(struct answer *a, const char *setting, int status,
		  const char *name, struct compiled *out,
		  struct shim_error *err)
{
	struct cache_entry entry;

	if (decode_error(a, err))
		return -EINVAL;
	if (WIFSIGNALED(status))
		return error_set(
			err, name, 0,
			"the policy compiler was killed by signal "
			"%d%s",
			WTERMSIG(status),
			WTERMSIG(status) == SIGSYS
				? " (a filter this process runs under "
				  "denied it a call: compile the policy "
				  "ahead, with seccomp-shim compile)"
				: "");
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return error_set(err, name, 0,
				 "the policy compiler failed (exit status %d) "
				 "and said nothing",
				 WEXITSTATUS(status));
	if (a->len == 0 || cache_entry_parse(a->bytes, a->len, &entry) < 0)
		return error_set(err, name, 0,
				 "the policy compiler answered with %zu bytes "
				 "that are not a compiled policy",
				 a->len);
	if (strcmp(entry.build_id, SHIM_BUILD_ID) != 0)
		return error_set(err, name, 0,
				 "the policy compiler " SPAWN_PROGRAM
				 " is from another build than the preload "
				 "library (reinstall seccomp-shim)");
	if (strcmp(entry.setting, setting) != 0 ||
	    entry.compiled.origin != compiled_origin(setting))
		return error_set(err, name, 0,
				 "the policy compiler answered for another "
				 "policy");
	*out = entry.compiled;
	out->storage = a->bytes;
	a->bytes = NULL;
	return 0;
}

/* --- the whole round ------------------------------------------------------ */

/* The compiler's command line, in argv (room for 7). */
static void command_line(char **argv, const char *setting, int trust,
			 const char *store_dir)
{
	int n = 1; /* argv[0]: the path, set when it is tried */

	if (trust)
		argv[n++] = (char *)"--trust";
	if (store_dir) {
		argv[n++] = (char *)"--cache";
		argv[n++] = (char *)store_dir;
	}
	argv[n++] = (char *)"--";
	argv[n++] = (char *)setting;
	argv[n] = NULL;
}

/* Start the compiler with its stdout on a pipe; *pid and the pipe's
 * reading end (returned), or a negative errno. */
static long start(const char *const paths[2], char **argv, long *pid)
{
	int ends[2];
	long rc = sys2(SYS_pipe2, ends, O_CLOEXEC);

	if (rc < 0)
		return rc;
	*pid = sys6(SYS_clone, SIGCHLD, 0, 0, 0, 0, 0);
	if (*pid == 0)
		run_compiler(paths, argv, ends[1]);
	sys1(SYS_close, ends[1]);
	if (*pid < 0) {
		sys1(SYS_close, ends[0]);
		return *pid;
	}
	return ends[0];
}

int spawn_compile(const char *setting, int trust, const char *store_dir,
		  const char *installed, struct compiled *out,
		  struct shim_error *err)
{
	const char *name =
		source_is_inline(setting) ? SOURCE_INLINE_NAME : setting;
	struct kernel_sigaction child_default = {SIG_DFL, 0, NULL, 0}, saved;
	char next_to_library[PATH_MAX], *argv[8];
	const char *paths[2] = {NULL, installed};
	struct answer a = {NULL, 0, 0};
	long fd, pid = -1, rc;
	int status = 0;

	char dir[PATH_MAX];

	if (own_directory(dir, sizeof(dir)) == 0 &&
	    spawn_compiler_next_to(dir, next_to_library,
				   sizeof(next_to_library)) == 0 &&
	    trusted_compiler(next_to_library, dir))
		paths[0] = next_to_library;
	command_line(argv, setting, trust, store_dir);
	/* Its exit status must be ours to collect, whatever the program
	 * inherited for SIGCHLD (SIG_IGN survives execve). With the marker
	 * that a reporting filter lets through (report.h): under one, this
	 * process has no handler for its traps yet. */
	sys5(SYS_rt_sigaction, SIGCHLD, &child_default, &saved, 8,
	     REPORT_SIGNAL_MARK);
	fd = start(paths, argv, &pid);
	if (fd < 0) {
		sys5(SYS_rt_sigaction, SIGCHLD, &saved, NULL, 8,
		     REPORT_SIGNAL_MARK);
		return error_set(err, name, 0,
				 "cannot start the policy compiler: %s",
				 strerror((int)-fd));
	}
	rc = read_answer(fd, &a);
	sys1(SYS_close, fd);
	if (rc < 0)
		sys2(SYS_kill, pid, SIGKILL);
	while (sys4(SYS_wait4, pid, &status, 0, NULL) == -EINTR)
		;
	sys5(SYS_rt_sigaction, SIGCHLD, &saved, NULL, 8, REPORT_SIGNAL_MARK);
	if (rc == -ETIMEDOUT)
		rc = error_set(err, name, 0,
			       "the policy compiler did not answer within %d "
			       "seconds",
			       SPAWN_TIMEOUT_SECONDS);
	else if (rc < 0)
		rc = error_set(err, name, 0,
			       "cannot read the policy compiler's answer: %s",
			       strerror((int)-rc));
	else
		rc = decode(&a, setting, status, name, out, err);
	source_heap_free(a.bytes);
	return (int)rc;
}

/* --- the compiler's side -------------------------------------------------- */

static void put_u32(char *at, uint32_t value)
{
	for (int i = 0; i < 4; i++)
		at[i] = (char)(value >> (8 * i));
}

int spawn_write_error(int fd, const struct shim_error *err)
{
	char answer[sizeof(SPAWN_ERROR_MAGIC) - 1 + 12 + sizeof(err->file) +
		    sizeof(err->message)];
	size_t at = sizeof(SPAWN_ERROR_MAGIC) - 1;
	size_t file_len = strlen(err->file), message_len = strlen(err->message);

	memcpy(answer, SPAWN_ERROR_MAGIC, at);
	put_u32(answer + at, err->line);
	put_u32(answer + at + 4, (uint32_t)file_len);
	memcpy(answer + at + 8, err->file, file_len);
	at += 8 + file_len;
	put_u32(answer + at, (uint32_t)message_len);
	memcpy(answer + at + 4, err->message, message_len);
	return source_write_all(fd, answer, at + 4 + message_len);
}
