/*
 * Reading policy files: what the compiler and the cache of compiled
 * policies (cache.h) both need, with nothing but libc.
 */
#ifndef SHIM_SOURCE_H
#define SHIM_SOURCE_H

#include <stddef.h>

#include <sys/stat.h>

#include "error.h"

/* Largest policy file read, so a hostile path cannot exhaust memory. */
#define SOURCE_MAX_SIZE (1 << 20)

/* The name inline policies go by in messages. */
#define SOURCE_INLINE_NAME "$SECCOMP_SHIM_POLICY"

/* How deep include lines may nest, and how many files a policy includes. */
#define SOURCE_MAX_INCLUDE_DEPTH 8
#define SOURCE_MAX_INCLUDES	 64

/*
 * source_is_inline - whether a SECCOMP_SHIM_POLICY value is the policy
 * text itself (it contains a newline) rather than a path. Pure.
 */
int source_is_inline(const char *setting);

/*
 * source_read - read the regular file at path into a new NUL-terminated
 * buffer in *text (length in *len; free() it); its identity in *st if st
 * is not NULL. Returns 0, or a negative errno with err filled in.
 */
int source_read(const char *path, char **text, size_t *len, struct stat *st,
		struct shim_error *err);

/*
 * source_slurp - read the regular file at path (from dir_fd; flags added
 * to the open) whole, with system calls of its own (sys.h): into room
 * (room_size bytes) if it fits with a NUL after it, else into a new buffer
 * left in *heap (NUL-terminated too; NULL otherwise; mapped from the
 * kernel, not malloc's: free it with source_heap_free). *data is where it
 * went, *st its identity, *opened whether the open succeeded. Returns its
 * length, or -EINVAL (not a regular file), -EFBIG (over max bytes),
 * -ENOMEM or the kernel's -errno.
 */
long source_slurp(int dir_fd, const char *path, int flags, char *room,
		  size_t room_size, size_t max, char **data, char **heap,
		  struct stat *st, int *opened);

/*
 * source_heap_alloc - size bytes of memory from the kernel (mmap), for
 * the preload library's early path, where malloc cannot be called yet;
 * NULL if there is none.
 */
char *source_heap_alloc(size_t size);

/* source_heap_free - let go of a buffer source_slurp left in *heap, or
 * that source_heap_alloc returned (NULL: nothing). */
void source_heap_free(char *heap);

/*
 * source_trusted - whether a file or directory a system policy depends on
 * is safe from other users: owned by root and writable by root alone.
 */
int source_trusted(const struct stat *st);

/*
 * source_write_all - write len bytes to fd, whatever it takes (the one
 * loop for it: raw system calls, so the preload library can use it before
 * libc is initialised). Returns 0, or a negative errno.
 */
int source_write_all(int fd, const void *bytes, size_t len);

#endif
