/*
 * An interposer, preloaded ahead of the shim, that counts calls to the
 * allocator. The probe prints the count at the start of main, so a test can
 * tell whether the shim's constructor allocated anything.
 */
#define _GNU_SOURCE
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *ptr, size_t size);
extern void *__libc_memalign(size_t align, size_t size);

static unsigned long count;

/* The number of allocations so far. */
unsigned long alloc_count(void);

unsigned long alloc_count(void)
{
	return count;
}

void *malloc(size_t size)
{
	count++;
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	count++;
	return __libc_calloc(n, size);
}

void *realloc(void *ptr, size_t size)
{
	count++;
	return __libc_realloc(ptr, size);
}

void *memalign(size_t align, size_t size)
{
	count++;
	return __libc_memalign(align, size);
}

int posix_memalign(void **ptr, size_t align, size_t size)
{
	count++;
	*ptr = __libc_memalign(align, size);
	return *ptr ? 0 : 12; /* ENOMEM */
}

void *aligned_alloc(size_t align, size_t size)
{
	count++;
	return __libc_memalign(align, size);
}
