/*
 * An allocator of its own, preloaded ahead of the shim (as jemalloc or a
 * debugging allocator would be): every block carries a 16-byte header with
 * a tag, and free and realloc abort on a block without it. A pointer of
 * glibc's given to it, or one of its own given to glibc's free, ends the
 * process: whatever the shim allocates and frees must go to one allocator.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void __libc_free(void *p);
size_t malloc_usable_size(void *p);
void *memalign(size_t align, size_t size);
void *valloc(size_t size);
void *pvalloc(size_t size);

#define HEADER 32
#define TAG    0x7461676765642121ULL /* "tagged!!" */

/* Right before every block. */
struct header {
	void *base; /* what glibc's malloc returned */
	uint64_t size;
	uint64_t unused;
	uint64_t tag;
};

static void die(const char *what)
{
	char line[80] = "tagalloc: ";
	size_t n = strlen(line);

	while (*what && n < sizeof(line) - 1)
		line[n++] = *what++;
	line[n++] = '\n';
	if (write(2, line, n) < 0)
		abort();
	abort();
}

static struct header *header_of(void *p)
{
	struct header *h = (struct header *)((char *)p - HEADER);

	if (h->tag != TAG)
		die("a block that is not mine");
	return h;
}

/* A block of size bytes aligned to align (a power of two), tagged. */
static void *tagged(size_t align, size_t size)
{
	char *base, *p;
	struct header *h;

	if (align < 16)
		align = 16;
	if (align & (align - 1)) {
		errno = EINVAL;
		return NULL;
	}
	if (size > SIZE_MAX - HEADER - align) {
		errno = ENOMEM;
		return NULL;
	}
	base = __libc_malloc(size + HEADER + align);
	if (!base)
		return NULL;
	p = (char *)(((uintptr_t)base + HEADER + align - 1) &
		     ~(uintptr_t)(align - 1));
	h = (struct header *)(p - HEADER);
	h->base = base;
	h->size = size;
	h->tag = TAG;
	return p;
}

void *malloc(size_t size)
{
	return tagged(16, size);
}

void free(void *p)
{
	struct header *h;

	if (!p)
		return;
	h = header_of(p);
	h->tag = 0;
	__libc_free(h->base);
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	/* (not malloc: the compiler would make malloc and memset a call
	 * of calloc, this one) */
	p = tagged(16, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t size)
{
	void *q;

	if (!p)
		return malloc(size);
	q = malloc(size);
	if (q) {
		size_t old = header_of(p)->size;

		memcpy(q, p, old < size ? old : size);
		free(p);
	}
	return q;
}

size_t malloc_usable_size(void *p)
{
	return p ? header_of(p)->size : 0;
}

void *memalign(size_t align, size_t size)
{
	return tagged(align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	return tagged(align, size);
}

int posix_memalign(void **p, size_t align, size_t size)
{
	void *block;

	if (align % sizeof(void *))
		return EINVAL;
	block = tagged(align, size);
	if (!block)
		return errno;
	*p = block;
	return 0;
}

void *valloc(size_t size)
{
	return tagged(4096, size);
}

void *pvalloc(size_t size)
{
	return tagged(4096, (size + 4095) & ~(size_t)4095);
}
