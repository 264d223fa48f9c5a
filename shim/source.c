/* Reading policy files: libc only, for the compiler and the cache. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

int source_is_inline(const char *setting)
{
	return strchr(setting, '\n') != NULL;
}

int source_read(const char *path, char **text, size_t *len,
		struct stat *identity, struct shim_error *err)
{
	struct stat st;
	char *buf;
	size_t got = 0;
	int fd, saved;

	/* O_NONBLOCK: a FIFO must not hang the program before main. */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return error_set(err, path, 0, "cannot open policy: %s",
				 strerror(errno));
	if (fstat(fd, &st) < 0) {
		saved = errno;
		close(fd);
		return error_set(err, path, 0, "cannot read policy: %s",
				 strerror(saved));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return error_set(err, path, 0,
				 "cannot read policy: not a regular file");
	}
	if (st.st_size > SOURCE_MAX_SIZE) {
		close(fd);
		return error_set(err, path, 0, "policy is larger than %d bytes",
				 SOURCE_MAX_SIZE);
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return error_set(err, path, 0, "out of memory");
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			saved = n < 0 ? errno : EIO;
			free(buf);
			close(fd);
			return error_set(err, path, 0, "cannot read policy: %s",
					 strerror(saved));
		}
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*text = buf;
	*len = got;
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
