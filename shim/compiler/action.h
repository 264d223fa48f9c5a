/* Actions a policy can take on a system call, and the errno names. */
#ifndef SHIM_ACTION_H
#define SHIM_ACTION_H

#include <stddef.h>
#include <stdint.h>

/* Largest errno value an errno:N action may return (SECCOMP_RET_DATA). */
#define ACTION_ERRNO_MAX 4095

/*
 * action_parse - parse "allow", "kill", "kill-thread", "trap", "log",
 * "errno:NAME" or "errno:N" into a libseccomp action value in *action.
 * Returns 0, or -EINVAL with a one-line reason in why (size why_size).
 */
int action_parse(const char *text, uint32_t *action, char *why,
		 size_t why_size);

/*
 * action_format - the policy spelling of action ("errno:EPERM") in buf.
 * Returns buf.
 */
const char *action_format(uint32_t action, char *buf, size_t size);

/*
 * errno_lookup - the value of an errno name ("EPERM"). Returns it, or -1
 * when the name is unknown.
 */
int errno_lookup(const char *name);

/* errno_name - the name of errno value (the first, for aliases), or NULL. */
const char *errno_name(int value);

#endif
