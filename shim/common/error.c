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

int error_nomem(struct shim_error *err, const char *file, unsigned int line)
{
	error_set(err, file, line, "out of memory");
	return -ENOMEM;
}

int error_why(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* The length of the valid UTF-8 sequence at c (2 to 4), or 0. */
static size_t utf8_length(const unsigned char *c)
{
	size_t n;
	unsigned int min, code;

	if (c[0] >= 0xc2 && c[0] <= 0xdf)
		n = 2, min = 0x80, code = c[0] & 0x1f;
	else if (c[0] >= 0xe0 && c[0] <= 0xef)
		n = 3, min = 0x800, code = c[0] & 0x0f;
	else if (c[0] >= 0xf0 && c[0] <= 0xf4)
		n = 4, min = 0x10000, code = c[0] & 0x07;
	else
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((c[i] & 0xc0) != 0x80)
			return 0;
		code = code << 6 | (c[i] & 0x3f);
	}
	if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
		return 0;
	return n;
}

/*
 * Append text to buf[*len..size), escaping control characters and bytes
 * that are not valid UTF-8 as \xNN: a hostile policy or path cannot
 * write terminal controls or garbage into the message.
 */
static void append_escaped(char *buf, size_t size, size_t *len,
			   const char *text)
{
	const unsigned char *c = (const unsigned char *)text;

	while (*c) {
		char escaped[5];
		size_t n = 1;

		if (*c < 0x20 || *c == 0x7f ||
		    (*c >= 0x80 && !(n = utf8_length(c)))) {
			snprintf(escaped, sizeof(escaped), "\\x%02x", *c);
			n = 1;
		} else {
			memcpy(escaped, c, n);
			escaped[n] = '\0';
		}
		if (*len + strlen(escaped) >= size)
			break; /* no partial escape or character */
		memcpy(buf + *len, escaped, strlen(escaped));
		*len += strlen(escaped);
		c += n;
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
