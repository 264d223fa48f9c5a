/*
 * malloc for a process in seccomp strict mode.
 *
 * Strict mode kills the process at its first brk, mmap or munmap, which is
 * how glibc's malloc gets memory from the kernel and gives it back. So before
 * the switch the heap is grown once, glibc is told never to use mmap or to
 * shrink the heap (mallopt), and afterwards every allocation passes a guard
 * that lets glibc's own malloc run only when it can be served from memory
 * the heap already has. Otherwise it fails with ENOMEM, as malloc does when
 * the system runs out.
 *
 * The guard predicts glibc: malloc asks the kernel for memory only when no
 * free chunk is large enough and the chunk at the end of the heap ("top") is
 * smaller than the request plus a minimum chunk. heap_* functions work in
 * glibc's chunk sizes (x86_64: 8 bytes of header, 16-byte alignment).
 *
 * In strict mode the program's calls of malloc, free and friends are
 * routed here (interpose.h); a process not in strict mode never calls
 * into the shim for an allocation.
 */
#ifndef SHIM_HEAP_H
#define SHIM_HEAP_H

#include <stddef.h>

#include "error.h"

/* The functions of glibc's allocator the guard uses and the program's
 * calls reach in strict mode (interpose.h), in heap_glibc's order. */
enum heap_function {
	HEAP_MALLOC,
	HEAP_FREE,
	HEAP_CALLOC,
	HEAP_REALLOC,
	HEAP_MEMALIGN,
	HEAP_POSIX_MEMALIGN,
	HEAP_ALIGNED_ALLOC,
	HEAP_VALLOC,
	HEAP_PVALLOC,
	HEAP_MALLOPT,
	HEAP_MALLOC_TRIM,
	HEAP_FUNCTIONS
};

/* glibc's allocator itself, found by heap_check_allocator. */
struct heap_glibc {
	void *(*malloc)(size_t n);
	void (*free)(void *p);
	void *(*calloc)(size_t count, size_t size);
	void *(*realloc)(void *p, size_t n);
	void *(*memalign)(size_t alignment, size_t n);
	int (*posix_memalign)(void **p, size_t alignment, size_t n);
	void *(*aligned_alloc)(size_t alignment, size_t n);
	void *(*valloc)(size_t n);
	void *(*pvalloc)(size_t n);
	int (*mallopt)(int param, int value);
	int (*malloc_trim)(size_t pad);
};
extern struct heap_glibc heap_glibc;

/* Nonzero once heap_arm() ran: allocations go through the guard. */
extern int heap_guarded;

/*
 * heap_chunk_size - the size of the glibc chunk that serves a request of
 * n bytes, or 0 if n is too large to serve. Pure.
 */
size_t heap_chunk_size(size_t n);

/*
 * heap_check_allocator - check that the malloc, free, ... every object's
 * calls bind to are glibc's (no library replaces the allocator), and fill
 * heap_glibc. file and line name the policy line in messages. Returns 0,
 * or a negative errno with err filled in.
 */
int heap_check_allocator(const char *file, unsigned int line,
			 struct shim_error *err);

/*
 * heap_reserve - tune glibc's malloc for strict mode and grow the heap so
 * that at least size bytes are free at its end. Makes system calls; call it
 * before the switch. Returns 0, or a negative errno with err filled in.
 */
int heap_reserve(size_t size, const char *file, unsigned int line,
		 struct shim_error *err);

/* heap_arm - from now on, allocations go through the guard. */
void heap_arm(void);

/* heap_disarm - undo heap_arm, if the switch to strict mode failed. */
void heap_disarm(void);

/* The guarded allocator: glibc's, or ENOMEM where glibc would need a
 * system call. Used only while heap_guarded is set. */
void *heap_malloc(size_t n);
void heap_free(void *p);
void *heap_calloc(size_t count, size_t size);
void *heap_realloc(void *p, size_t n);
void *heap_memalign(size_t alignment, size_t n);
int heap_posix_memalign(void **p, size_t alignment, size_t n);

/*
 * heap_mallopt - mallopt while guarded: settings that would let glibc map,
 * trim or use fastbins again are refused (0); M_PERTURB and M_CHECK_ACTION
 * are glibc's. (malloc_trim while guarded does nothing and returns 0.)
 */
int heap_mallopt(int param, int value);

#endif
