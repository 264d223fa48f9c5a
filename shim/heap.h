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
 * The preload library routes malloc, free and friends here (interpose.c);
 * without strict mode they go straight on to the next allocator.
 */
#ifndef SHIM_HEAP_H
#define SHIM_HEAP_H

#include <stddef.h>

#include "error.h"

/* The functions of the allocator the shim forwards to. */
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

/* Nonzero once heap_arm() ran: allocations go through the guard. */
extern int heap_guarded;

/*
 * heap_next - function f of the allocator after the shim in symbol lookup
 * order (glibc's unless a library replaces malloc), looked up at its first
 * call (heap_next_lookup). HEAP_NEXT(malloc, HEAP_MALLOC) is the same,
 * with malloc's type.
 */
void *heap_next_lookup(enum heap_function f);
extern void *heap_next_found[HEAP_FUNCTIONS]; /* NULL: not looked up yet */
static inline void *heap_next(enum heap_function f)
{
	void *found = __atomic_load_n(&heap_next_found[f], __ATOMIC_ACQUIRE);

	return found ? found : heap_next_lookup(f);
}
#define HEAP_NEXT(name, f) ((__typeof__(&name))heap_next(f))

/*
 * heap_chunk_size - the size of the glibc chunk that serves a request of
 * n bytes, or 0 if n is too large to serve. Pure.
 */
size_t heap_chunk_size(size_t n);

/*
 * heap_check_allocator - check that the program's malloc, free, ... calls
 * reach the guard (the preload library's definitions come first) and that
 * glibc's allocator is behind it. file and line name the policy line in
 * messages. Returns 0, or a negative errno with err filled in.
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
