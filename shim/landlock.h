/*
 * The second lock: a Landlock domain (landlock(7)) around every process the
 * shim puts under a filter of its own, so that it cannot reach processes
 * outside the domain: ptrace them, open their /proc/PID/mem, read or write
 * their memory with process_vm_*. A seccomp filter sees call numbers and
 * cannot tell those calls on another process from the same calls on the
 * program's own children; Landlock can.
 *
 * Its ruleset handles execution and reparenting only (reparenting, a
 * rename or link into another directory, is denied in every Landlock
 * domain unless a rule allows it) and allows both everywhere beneath "/";
 * files, signals and sockets are as without it. What every domain denies
 * all the same: mount, umount and pivot_root, and what the kernel guards
 * like ptrace (/proc/PID/environ, exe, ns/ of processes outside). A kernel without Landlock, or with ABI 1 (which cannot allow
 * reparenting), gets no domain: the filter applies alone.
 *
 * System calls of its own (sys.h): it runs in the preload library's early
 * path, before libc is initialised.
 */
#ifndef SHIM_LANDLOCK_H
#define SHIM_LANDLOCK_H

/* The ABI a domain needs (LANDLOCK_ACCESS_FS_REFER). */
#define LANDLOCK_ABI_NEEDED 2

/*
 * landlock_version - the kernel's Landlock ABI version, or 0 if it has no
 * Landlock (or a filter in force denies asking).
 */
int landlock_version(void);

/*
 * landlock_enter - put the calling thread, and the threads and processes
 * it starts, in a new Landlock domain as above. NO_NEW_PRIVS must be set.
 * Returns 0; -EOPNOTSUPP where the kernel cannot (no Landlock, or ABI 1);
 * -E2BIG where the process is in 16 domains already; -EBUSY where other
 * threads run (they would stay outside the domain); or another negative
 * errno (-EPERM: a filter in force denies the Landlock calls).
 */
int landlock_enter(void);

#endif
