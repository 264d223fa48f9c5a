/*
 * The strict-mode heap: glibc's malloc, kept from asking the kernel for
 * memory. See heap.h for the idea; the facts about glibc it relies on are:
 *
 * - A chunk is 16-byte aligned and has an 8-byte size field just before the
 *   memory malloc returns; the low three bits are flags (PREV_INUSE = 1: the
 *   chunk before is in use; IS_MMAPPED = 2). A chunk serving n bytes is
 *   n + 8 rounded up to 16, at least 32.
 * - In the main arena (the heap of the initial thread), malloc takes memory
 *   from the kernel (sysmalloc: brk, or mmap) only when no free chunk is
 *   large enough and the chunk at the end of the heap ("top") is smaller
 *   than the request plus 32; but one call sorts at most 10,000 chunks out
 *   of the unsorted bin, so a fitting chunk behind more than that many free
 *   ones may not be found. mallinfo2().keepcost is the top chunk's size,
 *   ordblks the number of free chunks; the top chunk ends where the heap
 *   ends (__curbrk) while the heap grows in one piece from the process's
 *   start_brk. Chunks of other arenas carry NON_MAIN_ARENA (4).
 * - A chunk in the per-thread cache (tcache) looks in use, but its second
 *   word holds the process's tcache key; the cache serves only requests of
 *   exactly its size.
 * - With M_MMAP_MAX = 0 malloc never maps memory for large requests, with
 *   M_TRIM_THRESHOLD at its maximum free never shrinks the main arena, and
 *   with M_MXFAST = 0 there are no fastbins (freed chunks stay visible as
 *   free). The program's own mallopt and malloc_trim could undo that, so
 *   the shim answers them itself in strict mode.
 *
 * heap_reserve() checks what it can of this on the live heap: the calling
 * thread must allocate from the main arena, and if the chunks cannot be
 * walked from the heap's start to the top chunk, the guard falls back to
 * the top chunk alone, which is sound but fails earlier. Chunks of other
 * arenas (from threads that ran and ended before the shim) and mapped
 * chunks are never handed back to glibc: freeing them could unmap.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "guest.h"
#include "heap.h"

/* The end of the heap, as glibc's sbrk knows it (__curbrk): found by
 * heap_reserve, so that the library does not import it (guest.h). */
static void *const *curbrk;

#define CHUNK_HEADER	  sizeof(size_t)
#define CHUNK_ALIGN	  16
#define CHUNK_MIN	  32
#define CHUNK_PREV_INUSE  0x1
#define CHUNK_MMAPPED	  0x2
#define CHUNK_OTHER_ARENA 0x4
#define CHUNK_FLAGS	  0x7
/* The largest chunk the tcache holds (tcache_max_bytes 1032). */
#define TCACHE_MAX_CHUNK 1040
/* Free chunks beyond which one malloc call may not sort them all. */
#define UNSORTED_MAX 9000

int heap_guarded;

static struct {
	size_t top_floor; /* the top chunk is at least this large */
	uintptr_t first;  /* the heap's first chunk; 0: do not walk */
	uintptr_t tcache_key;
	unsigned long changes;	      /* frees and reallocs so far */
	unsigned long failed_changes; /* ... when a walk last failed */
	size_t failed_size;	      /* the chunk size it looked for */
	int failed_cached;	      /* ... and whether through the tcache */
} guard;

/* --- glibc's allocator ------------------------------------------------------
 */

struct heap_glibc heap_glibc;

/* (an array of arrays, in heap_glibc's order: pointers would be
 * relocations at every start) */
static const char allocator_names[][16] = {
	"malloc",   "free",	      "calloc",	       "realloc",
	"memalign", "posix_memalign", "aligned_alloc", "valloc",
	"pvalloc",  "mallopt",	      "malloc_trim",
};

int heap_posix_memalign(void **p, size_t alignment, size_t n)
{
	void *block;

	if (!alignment || alignment % sizeof(void *) ||
	    (alignment & (alignment - 1)))
		return EINVAL;
	block = heap_memalign(alignment, n);
	if (!block)
		return ENOMEM;
	*p = block;
	return 0;
}

/* --- checks before the switch --------------------------------------------- */

int heap_check_allocator(const char *file, unsigned int line,
			 struct shim_error *err)
{
	void **found = (void **)&heap_glibc;
	Dl_info libc, info;

	/* glibc's own name for malloc places its library. */
	if (!dladdr(dlsym(RTLD_DEFAULT, "__libc_malloc"), &libc))
		return error_set(err, file, line,
				 "mode = strict: cannot tell which library "
				 "provides malloc");
	/* What every object's calls bind to must be glibc's: the guard
	 * predicts glibc's allocator, and no other. */
	for (size_t i = 0; i < HEAP_FUNCTIONS; i++) {
		found[i] = dlsym(RTLD_DEFAULT, allocator_names[i]);
		if (!found[i] || !dladdr(found[i], &info) ||
		    info.dli_fbase != libc.dli_fbase)
			return error_set(err, file, line,
					 "mode = strict works only with "
					 "glibc's malloc, and %s replaces %s",
					 found[i] && dladdr(found[i], &info)
						 ? info.dli_fname
						 : "another library",
					 allocator_names[i]);
	}
	return 0;
}

/* --- chunks ------------------------------------------------------------- */

size_t heap_chunk_size(size_t n)
{
	size_t size;

	if (n > PTRDIFF_MAX - 2 * CHUNK_ALIGN)
		return 0;
	size = (n + CHUNK_HEADER + CHUNK_ALIGN - 1) &
	       ~(size_t)(CHUNK_ALIGN - 1);
	return size < CHUNK_MIN ? CHUNK_MIN : size;
}

static size_t chunk_word(uintptr_t chunk, size_t index)
{
	return ((const size_t *)chunk)[index];
}

/* The size field of the chunk that starts at chunk. */
static size_t chunk_header(uintptr_t chunk)
{
	return chunk_word(chunk, 1);
}

static uintptr_t chunk_of(const void *p)
{
	return (uintptr_t)p - 2 * CHUNK_HEADER;
}

/* Mapped, or of another arena: glibc would unmap or touch that arena. */
static int chunk_is_foreign(const void *p)
{
	return (chunk_header(chunk_of(p)) &
		(CHUNK_MMAPPED | CHUNK_OTHER_ARENA)) != 0;
}

/*
 * Walk the chunks from first to the top chunk (which starts at top). With
 * size 0, check that the walk lands exactly on top; otherwise look for a
 * chunk glibc would hand out for a request of that chunk size without
 * growing the heap: a free one at least that large, or, if the request
 * goes through the cache (malloc does, calloc, realloc and memalign do
 * not), a cached one of exactly that size.
 */
static int walk_heap(uintptr_t first, uintptr_t top, size_t size, int cached)
{
	uintptr_t chunk = first;

	while (chunk < top) {
		size_t here = chunk_header(chunk) & ~(size_t)CHUNK_FLAGS;
		uintptr_t next = chunk + here;

		if (here < CHUNK_MIN || here % CHUNK_ALIGN ||
		    here > top - chunk)
			return 0; /* not glibc's layout after all */
		if (size && here >= size &&
		    !(chunk_header(next) & CHUNK_PREV_INUSE))
			return 1;
		if (size && cached && here == size &&
		    size <= TCACHE_MAX_CHUNK && guard.tcache_key &&
		    chunk_word(chunk, 3) == guard.tcache_key)
			return 1;
		chunk = next;
	}
	return !size && chunk == top;
}

static uintptr_t heap_end(void)
{
	return (uintptr_t)*curbrk;
}

static uintptr_t top_start(size_t top_size)
{
	return heap_end() - top_size;
}

/* --- before the switch ---------------------------------------------------- */

/* Where the process's heap starts (start_brk, /proc/self/stat field 47),
 * or 0 if the kernel does not say. */
static uintptr_t heap_start(void)
{
	char stat[2048], *field;
	uintptr_t value = 0;
	ssize_t n;
	int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, stat, sizeof(stat) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	stat[n] = '\0';
	/* Fields count from after the command name's closing parenthesis,
	 * which ends field 2 (the name may hold spaces and parentheses). */
	field = strrchr(stat, ')');
	for (int i = 2; field && i < 47; i++)
		field = strchr(field + 1, ' ');
	if (!field || field[1] < '0' || field[1] > '9')
		return 0;
	for (field++; *field >= '0' && *field <= '9'; field++) {
		if (value > (UINTPTR_MAX - 9) / 10)
			return 0;
		value = value * 10 + (uintptr_t)(*field - '0');
	}
	return value;
}

/* Learn the tcache key from two freed chunks of one size, 0 if none. */
static uintptr_t find_tcache_key(void)
{
	void *a = heap_glibc.malloc(24), *gap = heap_glibc.malloc(24);
	void *b = heap_glibc.malloc(24);
	uintptr_t key = 0;

	if (a && gap && b) {
		heap_glibc.free(a);
		heap_glibc.free(b);
		/* Read after free on purpose: the cache marks both chunks
		 * with its key and leaves them looking in use. */
		if (((uintptr_t *)a)[1] == ((uintptr_t *)b)[1] &&
		    (chunk_header(chunk_of(gap)) & CHUNK_PREV_INUSE) &&
		    chunk_of(gap) == chunk_of(a) + CHUNK_MIN)
			key = ((uintptr_t *)a)[1];
		a = b = NULL;
	}
	heap_glibc.free(a);
	heap_glibc.free(b);
	heap_glibc.free(gap);
	return key;
}

int heap_reserve(size_t size, const char *file, unsigned int line,
		 struct shim_error *err)
{
	struct mallinfo2 info;
	uintptr_t base, start;
	void *probe;

	curbrk = guest_data("__curbrk");
	if (!curbrk)
		return error_set(err, file, line,
				 "mode = strict: glibc does not say where its "
				 "heap ends (__curbrk)");
	start = heap_start();

	/* Never map, never trim, no fastbins; mallopt consolidates first. */
	if (!heap_glibc.mallopt(M_MMAP_MAX, 0) ||
	    !heap_glibc.mallopt(M_TRIM_THRESHOLD, -1) ||
	    !heap_glibc.mallopt(M_MXFAST, 0))
		return error_set(err, file, line,
				 "mode = strict: glibc refused to tune malloc");
	/* A thread that met a busy main arena may have moved to another one:
	 * the guard knows only the main arena. */
	probe = heap_glibc.malloc(24);
	if (!probe || (chunk_header(chunk_of(probe)) & CHUNK_OTHER_ARENA)) {
		heap_glibc.free(probe);
		return error_set(err, file, line,
				 "mode = strict: this thread does not allocate "
				 "from glibc's main heap (threads ran before "
				 "the shim)");
	}
	heap_glibc.free(probe);
	guard.tcache_key = find_tcache_key();
	info = mallinfo2();
	if (size > PTRDIFF_MAX - CHUNK_MIN)
		return error_set(err, file, line, "heap is too large");
	if (info.keepcost < size + CHUNK_MIN) {
		/* Grow the heap by a block and give it back to the top. */
		void *volatile block = heap_glibc.malloc(size);

		if (!block)
			return error_set(err, file, line,
					 "cannot reserve %zu bytes of heap "
					 "for strict mode: %s",
					 size, strerror(errno));
		heap_glibc.free(block);
		info = mallinfo2();
	}
	if (info.keepcost < size)
		return error_set(err, file, line,
				 "cannot reserve %zu bytes of heap for strict "
				 "mode: glibc kept only %zu at its end",
				 size, info.keepcost);
	/* The heap's first chunk, if the heap is one piece from start_brk
	 * to __curbrk (all of it mapped) and the walk lands on the top. */
	base = (start + CHUNK_ALIGN - 1) & ~(uintptr_t)(CHUNK_ALIGN - 1);
	guard.first = 0;
	if (start && base < heap_end() && info.keepcost < heap_end() - base &&
	    walk_heap(base, top_start(info.keepcost), 0, 0))
		guard.first = base;
	return 0;
}

void heap_arm(void)
{
	/* What was allocated since heap_reserve() came from the top too. */
	guard.top_floor = mallinfo2().keepcost;
	guard.changes = 0;
	guard.failed_changes = (unsigned long)-1; /* no failed walk yet */
	heap_guarded = 1;
}

void heap_disarm(void)
{
	heap_guarded = 0;
}

/* --- the guard ------------------------------------------------------------ */

/*
 * Whether glibc can serve a chunk of size bytes without a system call;
 * cached: the request goes through the tcache (malloc). If the chunk would
 * come from the top chunk, it is counted against the floor.
 */
static int heap_fits(size_t size, int cached)
{
	size_t need = size + CHUNK_MIN;
	struct mallinfo2 info;

	if (guard.top_floor >= need) {
		guard.top_floor -= size;
		return 1;
	}
	info = mallinfo2();
	guard.top_floor = info.keepcost;
	if (guard.top_floor >= need) {
		guard.top_floor -= size;
		return 1;
	}
	/* Only a chunk in glibc's bins or cache can serve it now, and the
	 * bins only if malloc gets to sort them all. */
	if (!guard.first || info.ordblks > UNSORTED_MAX)
		return 0;
	if (guard.failed_changes == guard.changes &&
	    ((size == guard.failed_size && (guard.failed_cached || !cached)) ||
	     (size > guard.failed_size &&
	      (!cached || size > TCACHE_MAX_CHUNK))))
		return 0; /* nothing was freed since a search failed */
	if (walk_heap(guard.first, top_start(info.keepcost), size, cached)) {
		/* glibc may take it from the top all the same (realloc of
		 * the chunk before it): look at the top again next time. */
		guard.top_floor = 0;
		return 1;
	}
	guard.failed_changes = guard.changes;
	guard.failed_size = size;
	guard.failed_cached = cached;
	return 0;
}

static void *out_of_memory(void)
{
	errno = ENOMEM;
	return NULL;
}

void *heap_malloc(size_t n)
{
	size_t size = heap_chunk_size(n);

	if (!size || !heap_fits(size, 1))
		return out_of_memory();
	return heap_glibc.malloc(n);
}

void heap_free(void *p)
{
	if (!p)
		return;
	/* Mapped before the switch, or of another arena: freeing it could
	 * unmap memory, which would kill; keep it. */
	if (chunk_is_foreign(p))
		return;
	guard.changes++;
	heap_glibc.free(p);
}

void *heap_calloc(size_t count, size_t size)
{
	size_t n, chunk;

	if (__builtin_mul_overflow(count, size, &n))
		return out_of_memory();
	chunk = heap_chunk_size(n);
	if (!chunk || !heap_fits(chunk, 0))
		return out_of_memory();
	return heap_glibc.calloc(count, size);
}

void *heap_realloc(void *p, size_t n)
{
	size_t size, old;
	uintptr_t chunk;

	if (!p)
		return heap_malloc(n);
	if (!n) {
		heap_free(p);
		return NULL;
	}
	size = heap_chunk_size(n);
	if (!size)
		return out_of_memory();
	chunk = chunk_of(p);
	old = chunk_header(chunk) & ~(size_t)CHUNK_FLAGS;
	if (chunk_is_foreign(p)) {
		void *moved = heap_malloc(n);
		size_t usable = malloc_usable_size(p);

		if (moved)
			memcpy(moved, p, n < usable ? n : usable);
		return moved;
	}
	guard.changes++;
	if (size <= old)
		return heap_glibc.realloc(p, n); /* shrinks in place */
	if (heap_fits(size, 0))
		return heap_glibc.realloc(p, n);
	/* heap_fits() left the floor at the top chunk's size: can the chunk
	 * grow into the top chunk right after it? */
	if (guard.first && chunk + old == top_start(guard.top_floor) &&
	    old + guard.top_floor >= size + CHUNK_MIN) {
		guard.top_floor -= size - old;
		return heap_glibc.realloc(p, n);
	}
	return out_of_memory();
}

void *heap_memalign(size_t alignment, size_t n)
{
	size_t size;

	if (alignment <= CHUNK_ALIGN)
		return heap_malloc(n);
	if (alignment > SIZE_MAX / 2 + 1) {
		errno = EINVAL; /* as glibc says */
		return NULL;
	}
	if (alignment > PTRDIFF_MAX / 2)
		return out_of_memory();
	/* glibc takes a chunk large enough to cut an aligned one out of,
	 * then frees what is left over on both sides. */
	size = heap_chunk_size(n);
	if (!size || size > PTRDIFF_MAX / 2)
		return out_of_memory();
	size = heap_chunk_size(size + 2 * alignment + CHUNK_MIN);
	if (!size || !heap_fits(size, 0))
		return out_of_memory();
	guard.changes++;
	return heap_glibc.memalign(alignment, n);
}

int heap_mallopt(int param, int value)
{
	/* Settings that change no way of getting memory pass through. */
	if (param == M_PERTURB || param == M_CHECK_ACTION)
		return heap_glibc.mallopt(param, value);
	return 0;
}
