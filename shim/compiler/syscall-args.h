/* Which system call arguments the kernel reads as 32-bit values. */
#ifndef SHIM_SYSCALL_ARGS_H
#define SHIM_SYSCALL_ARGS_H
/*
 * syscall_args32 - for the x86_64 system call called name, a mask with bit
 * N set when the kernel reads argument N (0..5) as a 32-bit or narrower
 * integer. Returns 0 for unknown names (every argument then counts as 64-bit).
 */
unsigned int syscall_args32(const char *name);

/*
 * syscall_args_known - whether the table has name: every x86_64 call the
 * libseccomp the table was generated with names (its widths, or the mark
 * of a call x86_64 has no entry point for). 0: the widths are unknown.
 */
int syscall_args_known(const char *name);

/*
 * syscall_args16 - the arguments among those the kernel reads as 16-bit
 * integers (umode_t modes; old_uid_t and old_gid_t on i386).
 */
unsigned int syscall_args16(const char *name);
#endif
