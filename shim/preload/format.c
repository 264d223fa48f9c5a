/* Formatting without libc (format.h). */
#include "config.h"

#include <errno.h>
#include <stdint.h>

#include "format.h"

/* Where the output goes: at most size - 1 bytes kept, all counted. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padding(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

/* What one conversion says besides its letter. */
struct spec {
	int left, zero, width, precision; /* precision -1: none */
	int longs;			  /* l: 1, ll: 2, z: 3 */
};

static void put_string(struct out *o, const struct spec *s, const char *str)
{
	int n = 0;

	if (!str)
		str = "(null)";
	while (str[n] && (s->precision < 0 || n < s->precision))
		n++;
	if (!s->left)
		put_padding(o, ' ', s->width - n);
	for (int i = 0; i < n; i++)
		put(o, str[i]);
	if (s->left)
		put_padding(o, ' ', s->width - n);
}

static void put_number(struct out *o, const struct spec *s, uint64_t value,
		       int negative, unsigned int base)
{
	char digits[24];
	int n = 0, len;

	do {
		digits[n++] = "0123456789abcdef"[value % base];
		value /= base;
	} while (value);
	len = n + negative;
	if (s->left || !s->zero) {
		if (!s->left)
			put_padding(o, ' ', s->width - len);
		if (negative)
			put(o, '-');
	} else {
		if (negative)
			put(o, '-');
		put_padding(o, '0', s->width - len);
	}
	while (n > 0)
		put(o, digits[--n]);
	if (s->left)
		put_padding(o, ' ', s->width - len);
}

/* A signed argument of the spec's length, as a magnitude and a sign. */
static uint64_t take_signed(const struct spec *s, va_list *ap, int *negative)
{
	int64_t v = s->longs == 2   ? va_arg(*ap, long long)
		    : s->longs == 1 ? va_arg(*ap, long)
		    : s->longs == 3 ? (int64_t)va_arg(*ap, size_t)
				    : va_arg(*ap, int);

	*negative = v < 0;
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

static uint64_t take_unsigned(const struct spec *s, va_list *ap)
{
	return s->longs == 2   ? va_arg(*ap, unsigned long long)
	       : s->longs == 1 ? va_arg(*ap, unsigned long)
	       : s->longs == 3 ? va_arg(*ap, size_t)
			       : va_arg(*ap, unsigned int);
}

/* Read the flags, width, precision and length at *fmt into s. */
static const char *parse_spec(const char *fmt, struct spec *s, va_list *ap)
{
	*s = (struct spec){0, 0, 0, -1, 0};
	for (;; fmt++) {
		if (*fmt == '-')
			s->left = 1;
		else if (*fmt == '0')
			s->zero = 1;
		else
			break;
	}
	while (*fmt >= '0' && *fmt <= '9')
		s->width = s->width * 10 + (*fmt++ - '0');
	if (*fmt == '.') {
		fmt++;
		s->precision = 0;
		if (*fmt == '*') {
			s->precision = va_arg(*ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			s->precision = s->precision * 10 + (*fmt++ - '0');
	}
	if (*fmt == 'z') {
		s->longs = 3;
		fmt++;
	}
	while (*fmt == 'l' && s->longs < 2) {
		s->longs++;
		fmt++;
	}
	return fmt;
}

int format_v(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = {buf, size, 0};
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *start = fmt;
		struct spec s;
		int negative;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &args);
		switch (*fmt) {
		case 's':
			put_string(&o, &s, va_arg(args, const char *));
			break;
		case 'c':
			put(&o, (char)va_arg(args, int));
			break;
		case 'd':
		case 'i': {
			uint64_t v = take_signed(&s, &args, &negative);

			put_number(&o, &s, v, negative, 10);
			break;
		}
		case 'u':
			put_number(&o, &s, take_unsigned(&s, &args), 0, 10);
			break;
		case 'x':
			put_number(&o, &s, take_unsigned(&s, &args), 0, 16);
			break;
		case '%':
			put(&o, '%');
			break;
		default: /* not ours: as it is */
			while (start < fmt + (*fmt != '\0'))
				put(&o, *start++);
			if (!*fmt)
				continue;
		}
		fmt++;
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int format(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = format_v(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* (a switch, not a table of pointers: those would be relocations that the
 * dynamic loader applies in every process) */
static const char *error_text(int errnum)
{
	switch (errnum) {
	case EPERM:
		return "Operation not permitted";
	case ENOENT:
		return "No such file or directory";
	case ESRCH:
		return "No such process";
	case EINTR:
		return "Interrupted system call";
	case EIO:
		return "Input/output error";
	case ENXIO:
		return "No such device or address";
	case E2BIG:
		return "Argument list too long";
	case ENOEXEC:
		return "Exec format error";
	case EBADF:
		return "Bad file descriptor";
	case ECHILD:
		return "No child processes";
	case EAGAIN:
		return "Resource temporarily unavailable";
	case ENOMEM:
		return "Cannot allocate memory";
	case EACCES:
		return "Permission denied";
	case EFAULT:
		return "Bad address";
	case EBUSY:
		return "Device or resource busy";
	case EEXIST:
		return "File exists";
	case EXDEV:
		return "Invalid cross-device link";
	case ENODEV:
		return "No such device";
	case ENOTDIR:
		return "Not a directory";
	case EISDIR:
		return "Is a directory";
	case EINVAL:
		return "Invalid argument";
	case ENFILE:
		return "Too many open files in system";
	case EMFILE:
		return "Too many open files";
	case ETXTBSY:
		return "Text file busy";
	case EFBIG:
		return "File too large";
	case ENOSPC:
		return "No space left on device";
	case EROFS:
		return "Read-only file system";
	case EMLINK:
		return "Too many links";
	case EPIPE:
		return "Broken pipe";
	case ERANGE:
		return "Numerical result out of range";
	case ENAMETOOLONG:
		return "File name too long";
	case ENOSYS:
		return "Function not implemented";
	case ELOOP:
		return "Too many levels of symbolic links";
	case EOVERFLOW:
		return "Value too large for defined data type";
	case EOPNOTSUPP:
		return "Operation not supported";
	case ETIMEDOUT:
		return "Connection timed out";
	case ESTALE:
		return "Stale file handle";
	case EDQUOT:
		return "Disk quota exceeded";
	default:
		return NULL;
	}
}

const char *format_strerror(int errnum, char *buf, size_t size)
{
	const char *text = error_text(errnum);

	if (text)
		return text;
	format(buf, size, "Unknown error %d", errnum);
	return buf;
}
