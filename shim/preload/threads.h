/*
 * How many threads the process runs: a Landlock domain, a set of
 * capabilities and strict mode are each the calling thread's alone, so the
 * library confines a process only while that thread is its only one.
 * libc-free (raw system calls), for the library's early path.
 */
#ifndef SHIM_THREADS_H
#define SHIM_THREADS_H

/* threads_running - how many threads the process runs (/proc/self/stat's
 * 20th field), or 0 if that cannot be read. */
long threads_running(void);

/*
 * threads_alone - whether the calling thread is the process's only one:
 * while the loader relocates the program (libc not initialised) there is
 * one; later threads_running says (glibc's own flag misses threads started
 * with a bare clone: tests/progs/bypass/raw-thread.c).
 */
int threads_alone(void);

#endif
