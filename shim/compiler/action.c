#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action.h"

struct errno_entry {
	const char *name;
	int value;
};

/* clang-format off */
#define E(name) {#name, name}
/* clang-format on */
/*
 * Every errno name glibc defines on Linux. Aliases (EWOULDBLOCK, ENOTSUP,
 * EDEADLOCK) follow the name they alias, so errno_name() prefers the latter.
 */
static const struct errno_entry errno_table[] = {
	E(EPERM),
	E(ENOENT),
	E(ESRCH),
	E(EINTR),
	E(EIO),
	E(ENXIO),
	E(E2BIG),
	E(ENOEXEC),
	E(EBADF),
	E(ECHILD),
	E(EAGAIN),
	E(EWOULDBLOCK),
	E(ENOMEM),
	E(EACCES),
	E(EFAULT),
	E(ENOTBLK),
	E(EBUSY),
	E(EEXIST),
	E(EXDEV),
	E(ENODEV),
	E(ENOTDIR),
	E(EISDIR),
	E(EINVAL),
	E(ENFILE),
	E(EMFILE),
	E(ENOTTY),
	E(ETXTBSY),
	E(EFBIG),
	E(ENOSPC),
	E(ESPIPE),
	E(EROFS),
	E(EMLINK),
	E(EPIPE),
	E(EDOM),
	E(ERANGE),
	E(EDEADLK),
	E(EDEADLOCK),
	E(ENAMETOOLONG),
	E(ENOLCK),
	E(ENOSYS),
	E(ENOTEMPTY),
	E(ELOOP),
	E(ENOMSG),
	E(EIDRM),
	E(ECHRNG),
	E(EL2NSYNC),
	E(EL3HLT),
	E(EL3RST),
	E(ELNRNG),
	E(EUNATCH),
	E(ENOCSI),
	E(EL2HLT),
	E(EBADE),
	E(EBADR),
	E(EXFULL),
	E(ENOANO),
	E(EBADRQC),
	E(EBADSLT),
	E(EBFONT),
	E(ENOSTR),
	E(ENODATA),
	E(ETIME),
	E(ENOSR),
	E(ENONET),
	E(ENOPKG),
	E(EREMOTE),
	E(ENOLINK),
	E(EADV),
	E(ESRMNT),
	E(ECOMM),
	E(EPROTO),
	E(EMULTIHOP),
	E(EDOTDOT),
	E(EBADMSG),
	E(EOVERFLOW),
	E(ENOTUNIQ),
	E(EBADFD),
	E(EREMCHG),
	E(ELIBACC),
	E(ELIBBAD),
	E(ELIBSCN),
	E(ELIBMAX),
	E(ELIBEXEC),
	E(EILSEQ),
	E(ERESTART),
	E(ESTRPIPE),
	E(EUSERS),
	E(ENOTSOCK),
	E(EDESTADDRREQ),
	E(EMSGSIZE),
	E(EPROTOTYPE),
	E(ENOPROTOOPT),
	E(EPROTONOSUPPORT),
	E(ESOCKTNOSUPPORT),
	E(EOPNOTSUPP),
	E(ENOTSUP),
	E(EPFNOSUPPORT),
	E(EAFNOSUPPORT),
	E(EADDRINUSE),
	E(EADDRNOTAVAIL),
	E(ENETDOWN),
	E(ENETUNREACH),
	E(ENETRESET),
	E(ECONNABORTED),
	E(ECONNRESET),
	E(ENOBUFS),
	E(EISCONN),
	E(ENOTCONN),
	E(ESHUTDOWN),
	E(ETOOMANYREFS),
	E(ETIMEDOUT),
	E(ECONNREFUSED),
	E(EHOSTDOWN),
	E(EHOSTUNREACH),
	E(EALREADY),
	E(EINPROGRESS),
	E(ESTALE),
	E(EUCLEAN),
	E(ENOTNAM),
	E(ENAVAIL),
	E(EISNAM),
	E(EREMOTEIO),
	E(EDQUOT),
	E(ENOMEDIUM),
	E(EMEDIUMTYPE),
	E(ECANCELED),
	E(ENOKEY),
	E(EKEYEXPIRED),
	E(EKEYREVOKED),
	E(EKEYREJECTED),
	E(EOWNERDEAD),
	E(ENOTRECOVERABLE),
	E(ERFKILL),
	E(EHWPOISON),
};
#undef E

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

int errno_lookup(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(errno_table); i++)
		if (strcmp(errno_table[i].name, name) == 0)
			return errno_table[i].value;
	return -1;
}

const char *errno_name(int value)
{
	for (size_t i = 0; i < ARRAY_SIZE(errno_table); i++)
		if (errno_table[i].value == value)
			return errno_table[i].name;
	return NULL;
}

/* The actions that take no argument, by their policy names. */
static const struct {
	const char *name;
	uint32_t action;
} simple_actions[] = {
	{"allow", SCMP_ACT_ALLOW},
	{"kill", SCMP_ACT_KILL_PROCESS},
	{"kill-thread", SCMP_ACT_KILL_THREAD},
	{"trap", SCMP_ACT_TRAP},
	{"log", SCMP_ACT_LOG},
};

/* Parse the N or NAME of errno:N / errno:NAME. */
static int parse_errno(const char *text, uint32_t *action, char *why,
		       size_t why_size)
{
	char *end;
	unsigned long value;

	if (*text >= '0' && *text <= '9') {
		errno = 0;
		value = strtoul(text, &end, 10);
		if (errno || *end || value > ACTION_ERRNO_MAX) {
			snprintf(why, why_size,
				 "errno number '%s' is not in 0..%d", text,
				 ACTION_ERRNO_MAX);
			return -EINVAL;
		}
		*action = SCMP_ACT_ERRNO((uint32_t)value);
		return 0;
	}
	int known = errno_lookup(text);
	if (known < 0) {
		snprintf(why, why_size, "unknown errno name '%s'", text);
		return -EINVAL;
	}
	*action = SCMP_ACT_ERRNO((uint32_t)known);
	return 0;
}

int action_parse(const char *text, uint32_t *action, char *why, size_t why_size)
{
	for (size_t i = 0; i < ARRAY_SIZE(simple_actions); i++) {
		if (strcmp(text, simple_actions[i].name) == 0) {
			*action = simple_actions[i].action;
			return 0;
		}
	}
	if (strncmp(text, "errno:", 6) == 0 && text[6])
		return parse_errno(text + 6, action, why, why_size);
	snprintf(why, why_size,
		 "unknown action '%s' (expected allow, kill, kill-thread, "
		 "trap, log, errno:NAME or errno:N)",
		 text);
	return -EINVAL;
}

const char *action_format(uint32_t action, char *buf, size_t size)
{
	if ((action & 0xffff0000u) == SCMP_ACT_ERRNO(0)) {
		int value = (int)(action & 0xffffu);
		const char *name = errno_name(value);

		if (name)
			snprintf(buf, size, "errno:%s", name);
		else
			snprintf(buf, size, "errno:%d", value);
		return buf;
	}
	for (size_t i = 0; i < ARRAY_SIZE(simple_actions); i++) {
		if (simple_actions[i].action == action) {
			snprintf(buf, size, "%s", simple_actions[i].name);
			return buf;
		}
	}
	snprintf(buf, size, "0x%08x", action);
	return buf;
}
