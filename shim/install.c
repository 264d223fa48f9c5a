/* Reading policy files and installing filters: the system side. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "filter.h"
#include "install.h"
#include "policy.h"
#include "rules.h"

int source_is_inline(const char *setting)
{
	return strchr(setting, '\n') != NULL;
}

int source_read(const char *path, char **text, size_t *len,
		struct shim_error *err)
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
	return 0;
}

int install_filter(const struct filter *filter, const char *file,
		   struct shim_error *err)
{
	struct sock_fprog prog = {
	    .len = (unsigned short)filter->len,
	    .filter = filter->insns,
	};
	long rc;

	/* Unprivileged processes may only filter themselves this way, and it
	 * keeps a confined program from gaining privileges through exec. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return error_set(err, file, 0, "cannot set NO_NEW_PRIVS: %s",
				 strerror(errno));
	/* TSYNC: threads that libraries started before us are confined too. */
	rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		     SECCOMP_FILTER_FLAG_TSYNC, &prog);
	if (rc > 0)
		return error_set(err, file, 0,
				 "cannot confine thread %ld: it has a filter "
				 "of its own",
				 rc);
	if (rc < 0)
		return error_set(err, file, 0,
				 "the kernel refused the filter: %s",
				 strerror(errno));
	return 0;
}

int install_policy(const char *setting, struct shim_error *err)
{
	struct policy policy;
	struct ruleset rules;
	struct filter filter;
	char *file_text = NULL;
	const char *text = setting, *name = SOURCE_INLINE_NAME;
	size_t len;
	int rc;

	if (source_is_inline(setting)) {
		len = strlen(setting);
	} else {
		rc = source_read(setting, &file_text, &len, err);
		if (rc < 0)
			return rc;
		text = file_text;
		name = setting;
	}
	rc = policy_parse(text, len, name, &policy, err);
	free(file_text);
	if (rc < 0)
		return rc;
	rc = rules_resolve(&policy, &rules, err);
	if (rc == 0) {
		rc = filter_build(&rules, &filter, err);
		rules_free(&rules);
	}
	if (rc == 0) {
		rc = install_filter(&filter, policy.file, err);
		filter_free(&filter);
	}
	policy_free(&policy);
	return rc;
}
