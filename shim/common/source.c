/* Reading policy files: libc only, for the compiler and the cache. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"
#include "sys.h"

int source_is_inline(const char *setting)
{
	return strchr(setting, '\n') != NULL;
}

/* A buffer of size bytes straight from the kernel: the preload library's
 * early path runs before malloc can be called. Its length sits in front. */
#define HEAP_HEAD 16

char *source_heap_alloc(size_t size)
{
	long at = sys6(SYS_mmap, 0, (long)(size + HEAP_HEAD),
		       PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		       0);

	if (at < 0 && at > -4096)
		return NULL;
	*(size_t *)at = size + HEAP_HEAD;
	return (char *)at + HEAP_HEAD;
}

void source_heap_free(char *heap)
{
	if (heap)
		sys2(SYS_munmap, heap - HEAP_HEAD,
		     *(size_t *)(heap - HEAP_HEAD));
}

long source_slurp(int dir_fd, const char *path, int flags, char *room,
		  size_t room_size, size_t max, char **data, char **heap,
		  struct stat *st, int *opened)
{
	size_t size = 0, got = 0;
	char *buf = room;
	long fd, rc;

	*heap = NULL;
	*opened = 0;
	/* O_NONBLOCK: a FIFO must not hang the program before main. */
	fd = sys4(SYS_openat, dir_fd, path,
		  O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | flags, 0);
	if (fd < 0)
		return fd;
	*opened = 1;
	rc = sys_fstat(fd, st);
	if (rc == 0 && !S_ISREG(st->st_mode))
		rc = -EINVAL;
	else if (rc == 0 && (st->st_size < 0 || (size_t)st->st_size > max))
		rc = -EFBIG;
	if (rc == 0) {
		size = (size_t)st->st_size;
		if (size + 1 > room_size) {
			buf = *heap = source_heap_alloc(size + 1);
			if (!buf)
				rc = -ENOMEM;
		}
	}
	while (rc == 0 && got < size) {
		long n = sys3(SYS_read, fd, buf + got, size - got);

		if (n == -EINTR)
			continue;
		if (n <= 0)
			rc = n < 0 ? n : -EIO;
		else
			got += (size_t)n;
	}
	sys1(SYS_close, fd);
	if (rc < 0) {
		source_heap_free(*heap);
		*heap = NULL;
		return rc;
	}
	buf[got] = '\0';
	*data = buf;
	return (long)got;
}

int source_read(const char *path, char **text, size_t *len,
		struct stat *identity, struct shim_error *err)
{
	struct stat st;
	char *data, *heap;
	int opened;
	long n = source_slurp(AT_FDCWD, path, 0, NULL, 0, SOURCE_MAX_SIZE,
			      &data, &heap, &st, &opened);

	if (n == -ENOMEM)
		return error_nomem(err, path, 0);
	if (n == -EFBIG)
		return error_set(err, path, 0, "policy is larger than %d bytes",
				 SOURCE_MAX_SIZE);
	if (n == -EINVAL && opened && !S_ISREG(st.st_mode))
		return error_set(err, path, 0,
				 "cannot read policy: not a regular file");
	if (n == -ENOENT && !opened && path[0] != '/') {
		char cwd[PATH_MAX];
		long got = sys2(SYS_getcwd, cwd, sizeof(cwd));

		return error_set(err, path, 0,
				 "cannot open policy: %s (a relative path, "
				 "looked for in %s)",
				 strerror(ENOENT),
				 got > 0 ? cwd : "the working directory");
	}
	if (n < 0)
		return error_set(err, path, 0, "cannot %s policy: %s",
				 opened ? "read" : "open", strerror((int)-n));
	*text = malloc((size_t)n + 1);
	if (*text)
		memcpy(*text, data, (size_t)n + 1);
	source_heap_free(heap);
	if (!*text)
		return error_nomem(err, path, 0);
	*len = (size_t)n;
	if (identity)
		*identity = st;
	return 0;
}

/*
 * Whether a file or directory a system policy depends on is safe from
 * other users: owned by root and writable by root alone.
 */
int source_trusted(const struct stat *st)
{
	return st->st_uid == 0 && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

int source_write_all(int fd, const void *bytes, size_t len)
{
	const char *at = bytes;

	while (len > 0) {
		long n = sys3(SYS_write, fd, at, len);

		if (n == -EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? (int)n : -EIO;
		at += n;
		len -= (size_t)n;
	}
	return 0;
}
