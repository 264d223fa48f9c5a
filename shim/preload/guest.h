/*
 * The preload library's libc.
 *
 * The library is loaded into every process of a machine that preloads it,
 * and most of those have no policy. What they pay for it is mostly the
 * dynamic loader binding its imports: linked with -z now, every import is
 * looked up at every start, whether or not it is ever called (about 700
 * instructions each; 66 imports were most of the cost of a process without
 * a policy). And its early path runs before libc is initialised, when
 * libc's formatting, stdio and malloc cannot be called. So the library
 * imports only what every start may use (symbols.sh has the list), and the
 * link routes its other libc calls here (-Wl,--wrap, GUEST_WRAPPED in
 * Makefile.am):
 *
 * - system calls go straight to the kernel (sys.h), setting errno as
 *   libc's wrappers do;
 * - memcpy, the string functions and snprintf (format.h) are the
 *   library's own;
 * - whatever needs libc's own state (stdio, the dynamic loader's dl*
 *   calls, malloc's statistics, exit and fork handlers, secure_getenv) is
 *   looked up with dlsym at its first call, so that only processes that
 *   take those paths (an error, strict mode) pay for the lookup.
 *
 * The command and the tests link libc as usual: nothing is wrapped there,
 * and guest_bind_all and guest_data work the same.
 */
#ifndef SHIM_GUEST_H
#define SHIM_GUEST_H

/*
 * guest_bind_all - look up every libc function the library calls late,
 * now: strict mode allows no lookup after the switch. Returns 0, or
 * -ENOENT if libc lacks one of them.
 */
int guest_bind_all(void);

/*
 * guest_data - the address of libc's (or the program's) data symbol name,
 * as the dynamic loader would bind it (stdout, __curbrk), or NULL.
 */
void *guest_data(const char *name);

#endif
