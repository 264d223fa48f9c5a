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

/* Append text to buf[*len..size), escaping control characters. */
static void append_escaped(char *buf, size_t size, size_t *len,
			   const char *text)
{
	for (const unsigned char *c = (const unsigned char *)text; *c; c++) {
		char escaped[5];
		const char *piece = escaped;

		if (*c < 0x20 || *c == 0x7f)
			snprintf(escaped, sizeof(escaped), "\\x%02x", *c);
		else {
			escaped[0] = (char)*c;
			escaped[1] = '\0';
		}
		for (; *piece && *len + 1 < size; piece++)
			buf[(*len)++] = *piece;
	}
	buf[*len] = '\0';
}

int error_format(const struct shim_error *err, char *buf, size_t size)
{
	char number[16];
	size_t len = 0;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	append_escaped(buf, size, &len, "seccomp-shim: ");
	if (err->file[0]) {
		append_escaped(buf, size, &len, err->file);
		if (err->line) {
			snprintf(number, sizeof(number), ":%u", err->line);
			append_escaped(buf, size, &len, number);
		}
		append_escaped(buf, size, &len, ": ");
	}
	append_escaped(buf, size, &len, err->message);
	return (int)len;
}
