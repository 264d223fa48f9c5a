/*
 * The functions the preload library exports, for strict mode: the malloc
 * family, so that allocations pass the heap guard (heap.h), mallopt and
 * malloc_trim, so that the program cannot undo the guard's tuning, and _exit,
 * so that a program's _exit() ends it with exit rather than exit_group (which
 * strict mode kills). Until the switch, and always without a strict-mode
 * policy, each one hands the call straight on to the next definition: glibc's,
 * or that of a library that replaces malloc.
 */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "heap.h"
#include "strict.h"

#define EXPORT __attribute__((visibility("default")))

EXPORT void *malloc(size_t n)
{
	if (heap_guarded)
		return heap_malloc(n);
	return HEAP_NEXT(malloc, HEAP_MALLOC)(n);
}

EXPORT void free(void *p)
{
	if (!p)
		return; /* without a look for the next allocator */
	if (heap_guarded) {
		heap_free(p);
		return;
	}
	HEAP_NEXT(free, HEAP_FREE)(p);
}

EXPORT void *calloc(size_t count, size_t size)
{
	if (heap_guarded)
		return heap_calloc(count, size);
	return HEAP_NEXT(calloc, HEAP_CALLOC)(count, size);
}

EXPORT void *realloc(void *p, size_t n)
{
	if (heap_guarded)
		return heap_realloc(p, n);
	return HEAP_NEXT(realloc, HEAP_REALLOC)(p, n);
}

EXPORT void *memalign(size_t alignment, size_t n)
{
	if (heap_guarded)
		return heap_memalign(alignment, n);
	return HEAP_NEXT(memalign, HEAP_MEMALIGN)(alignment, n);
}

EXPORT void *aligned_alloc(size_t alignment, size_t n)
{
	if (heap_guarded)
		return heap_memalign(alignment, n);
	return HEAP_NEXT(aligned_alloc, HEAP_ALIGNED_ALLOC)(alignment, n);
}

EXPORT int posix_memalign(void **p, size_t alignment, size_t n)
{
	if (heap_guarded)
		return heap_posix_memalign(p, alignment, n);
	return HEAP_NEXT(posix_memalign, HEAP_POSIX_MEMALIGN)(p, alignment, n);
}

EXPORT void *valloc(size_t n)
{
	if (heap_guarded)
		return heap_memalign((size_t)getpagesize(), n);
	return HEAP_NEXT(valloc, HEAP_VALLOC)(n);
}

EXPORT void *pvalloc(size_t n)
{
	size_t page = (size_t)getpagesize();

	if (!heap_guarded)
		return HEAP_NEXT(pvalloc, HEAP_PVALLOC)(n);
	if (n > SIZE_MAX - page) {
		errno = ENOMEM;
		return NULL;
	}
	return heap_memalign(page, n ? (n + page - 1) & ~(page - 1) : page);
}

EXPORT int mallopt(int param, int value)
{
	if (heap_guarded)
		return heap_mallopt(param, value);
	return HEAP_NEXT(mallopt, HEAP_MALLOPT)(param, value);
}

EXPORT int malloc_trim(size_t pad)
{
	if (heap_guarded)
		return 0; /* nothing given back: that would take a call */
	return HEAP_NEXT(malloc_trim, HEAP_MALLOC_TRIM)(pad);
}

EXPORT void _exit(int status)
{
	strict_exit(status);
}

EXPORT void _Exit(int status) __attribute__((alias("_exit")));
