#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

int error_set(struct shim_error *err, const char *file, unsigned int line,
	      const char *fmt, ...)
{
	va_list ap;

	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int error_format(const struct shim_error *err, char *buf, size_t size)
{
	if (err->file[0] && err->line)
		return snprintf(buf, size, "seccomp-shim: %s:%u: %s", err->file,
				err->line, err->message);
	if (err->file[0])
		return snprintf(buf, size, "seccomp-shim: %s: %s", err->file,
				err->message);
	return snprintf(buf, size, "seccomp-shim: %s", err->message);
}
