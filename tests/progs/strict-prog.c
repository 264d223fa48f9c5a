/*
 * strict-prog: an ordinary program for the strict-mode tests, which build
 * it with a plain "cc strict-prog.c" (no flags) and run it unmodified.
 *
 *   strict-prog print N         stdout and stderr lines; return N
 *   strict-prog lines N         N numbered lines on stdout; return 0
 *   strict-prog return|exit|_exit N   "ending" on stdout, then end so
 *   strict-prog atexit N        a handler prints, then return N
 *   strict-prog fgets|fread|getchar   copy stdin to stdout
 *   strict-prog malloc          many small blocks and a few large ones
 *   strict-prog exhaust         allocate until malloc fails, free, again
 *   strict-prog aligned         the aligned allocators
 *   strict-prog stress SEED     random malloc/realloc/free/memalign, sizes
 *                               up to 2 MiB, until the heap runs out often
 *   strict-prog reuse           fill the heap, free a large block, then
 *                               ask for a part of it (once, and behind
 *                               10,100 small free blocks)
 *   strict-prog tuning          mallopt and malloc_trim, then a large free
 *   strict-prog other-arena     realloc and free a block another thread
 *                               allocated before main (other_arena_block)
 *   strict-prog open FILE       print, then open FILE, then print
 *   strict-prog getpid|socket   print, then make that call
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static unsigned long seed = 12345;

static unsigned long next_random(void)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return seed >> 33;
}

static int usage(void)
{
	fputs("usage: strict-prog MODE [ARG]\n", stderr);
	return 2;
}

/* Fill a block with a pattern only its own address and size give. */
static void fill(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(((uintptr_t)p >> 4) + n + i);
}

static int intact(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(((uintptr_t)p >> 4) + n + i))
			return 0;
	return 1;
}

#define SMALL_BLOCKS 100000

static int malloc_heavy(void)
{
	static unsigned char *small[SMALL_BLOCKS];
	static size_t small_size[SMALL_BLOCKS];
	size_t big_sizes[] = {8 << 20, 12 << 20, 1 << 20};
	unsigned char *big[3];
	unsigned long total = 0;
	int *zeros;

	/* Many small blocks, a third of them freed and allocated again. */
	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < SMALL_BLOCKS; i++) {
			if (round && next_random() % 3)
				continue;
			free(small[i]);
			small_size[i] = 1 + next_random() % 600;
			small[i] = malloc(small_size[i]);
			if (!small[i]) {
				printf("malloc(%zu) failed\n", small_size[i]);
				return 1;
			}
			fill(small[i], small_size[i]);
			total += small_size[i];
		}
	}
	/* A few large ones, one grown with realloc. */
	for (int i = 0; i < 3; i++) {
		big[i] = malloc(big_sizes[i]);
		if (!big[i]) {
			printf("malloc(%zu) failed\n", big_sizes[i]);
			return 1;
		}
		fill(big[i], big_sizes[i]);
		total += big_sizes[i];
	}
	big[2] = realloc(big[2], 6 << 20);
	if (!big[2] || !intact(big[2], 1 << 20)) {
		puts("realloc lost data");
		return 1;
	}
	zeros = calloc(1 << 20, sizeof(int));
	if (!zeros) {
		puts("calloc failed");
		return 1;
	}
	for (int i = 0; i < 1 << 20; i++)
		if (zeros[i]) {
			puts("calloc memory is not zero");
			return 1;
		}
	total += (4 << 20) + (5 << 20);
	for (int i = 0; i < SMALL_BLOCKS; i++)
		if (!intact(small[i], small_size[i])) {
			printf("block %d overwritten\n", i);
			return 1;
		}
	for (int i = 0; i < 2; i++)
		if (!intact(big[i], big_sizes[i])) {
			printf("large block %d overwritten\n", i);
			return 1;
		}
	for (int i = 0; i < SMALL_BLOCKS; i++)
		free(small[i]);
	for (int i = 0; i < 3; i++)
		free(big[i]);
	free(zeros);
	printf("malloc ok: %lu MB\n", total >> 20);
	return 0;
}

#define MAX_BLOCKS 100000

static int exhaust(void)
{
	static void *blocks[MAX_BLOCKS];
	int n = 0, small = 0, again = 0;
	void *p;

	/* 1 MiB blocks until malloc says no. */
	while (n < MAX_BLOCKS && (blocks[n] = malloc(1 << 20)))
		memset(blocks[n++], 1, 1 << 20);
	if (n == MAX_BLOCKS || errno != ENOMEM) {
		printf("malloc did not fail with ENOMEM\n");
		return 1;
	}
	printf("1M blocks: %d\n", n);
	/* Small ones in what is left. */
	while (n < MAX_BLOCKS && (blocks[n] = malloc(100)))
		n++, small++;
	printf("small blocks after: %s\n", small ? "some" : "none");
	if (n == MAX_BLOCKS)
		return 1;
	/* A freed block can be had again, large or small. */
	free(blocks[0]);
	p = malloc(1 << 20);
	printf("1M again after free: %s\n", p ? "yes" : "no");
	free(blocks[n - 1]);
	blocks[n - 1] = malloc(100);
	printf("small again after free: %s\n", blocks[n - 1] ? "yes" : "no");
	/* Everything freed: all of it can be had again. */
	free(p);
	for (int i = 1; i < n; i++)
		free(blocks[i]);
	while (again < MAX_BLOCKS && (blocks[again] = malloc(1 << 20)))
		again++;
	printf("1M blocks after freeing all: %s\n",
	       again >= n - small - 1 ? "as many" : "fewer");
	return 0;
}

static int aligned(void)
{
	void *p = NULL;
	void *q = aligned_alloc(64, 1000);
	void *r = memalign(4096, 100);
	void *s = valloc(10);

	if (posix_memalign(&p, 256, 5000) || !p || (uintptr_t)p % 256 || !q ||
	    (uintptr_t)q % 64 || !r || (uintptr_t)r % 4096 || !s ||
	    (uintptr_t)s % 4096) {
		puts("aligned allocation failed");
		return 1;
	}
	if (posix_memalign(&p, 3, 10) != EINVAL) {
		puts("posix_memalign accepted alignment 3");
		return 1;
	}
	free(q);
	free(r);
	free(s);
	puts("aligned ok");
	return 0;
}

#define LIVE 512

/* Stress blocks carry their slot number in their first bytes. */
static void mark(unsigned char *p, size_t n, int slot)
{
	for (size_t i = 0; i < n && i < 64; i++)
		p[i] = (unsigned char)(slot + i);
}

static int marked(const unsigned char *p, size_t n, int slot)
{
	for (size_t i = 0; i < n && i < 64; i++)
		if (p[i] != (unsigned char)(slot + i))
			return 0;
	return 1;
}

static int stress(unsigned long start)
{
	static unsigned char *live[LIVE];
	static size_t size[LIVE];
	unsigned long failures = 0, served = 0;

	seed = start;
	for (int op = 0; op < 200000; op++) {
		int i = (int)(next_random() % LIVE);
		unsigned long r = next_random();
		/* mostly small, some up to 2 MiB */
		size_t n = r % 8 ? 1 + next_random() % 2000
				 : 1 + next_random() % (2 << 20);
		unsigned char *p;

		if (live[i] && !marked(live[i], size[i], i)) {
			printf("block overwritten\n");
			return 1;
		}
		if (r % 5 == 0) {
			free(live[i]);
			live[i] = NULL;
			continue;
		}
		if (r % 5 == 1) {
			p = realloc(live[i], n);
			if (p && live[i] &&
			    !marked(p, n < size[i] ? n : size[i], i)) {
				printf("realloc lost data\n");
				return 1;
			}
		} else {
			free(live[i]);
			live[i] = NULL;
			if (r % 5 == 2)
				p = memalign((size_t)16 << (next_random() % 9),
					     n);
			else if (r % 5 == 3)
				p = calloc(1, n);
			else
				p = malloc(n);
		}
		if (!p) {
			failures++;
			continue;
		}
		live[i] = p;
		size[i] = n;
		mark(p, n, i);
		served++;
	}
	printf("stress ok: %lu served, %s failed\n", served,
	       failures ? "some" : "none");
	return 0;
}

/* Leave the top chunk (almost) empty: what is left of the heap. */
static void *fill_heap(void)
{
	void *fill = NULL;
	size_t n = mallinfo2().keepcost;

	while (!fill && n > 64) {
		fill = malloc(n - 64 - 8);
		n -= 4096;
	}
	return fill;
}

#define PAIRS 10100

static int reuse(void)
{
	static void *small[PAIRS], *keep[PAIRS];
	void *big = malloc(100000), *gap = malloc(24), *fill, *p;

	fill = fill_heap();
	if (!big || !gap || !fill)
		return 1;
	free(big);
	p = malloc(50000);
	printf("part of a freed block: %s\n", p ? "yes" : "no");
	free(p);
	/* Behind more free chunks than one malloc call sorts. */
	free(fill);
	for (int i = 0; i < PAIRS; i++) {
		small[i] = malloc(24);
		keep[i] = malloc(24);
	}
	big = malloc(100000);
	gap = malloc(24);
	fill = fill_heap();
	for (int i = 0; i < PAIRS; i++)
		free(small[i]);
	free(big);
	p = malloc(50000);
	printf("behind 10100 free blocks: %s\n", p ? "yes" : "ENOMEM");
	return 0;
}

static int tuning(void)
{
	void *big;

	printf("mallopt(M_TRIM_THRESHOLD): %d\n",
	       mallopt(M_TRIM_THRESHOLD, 128 * 1024));
	printf("mallopt(M_MMAP_THRESHOLD): %d\n",
	       mallopt(M_MMAP_THRESHOLD, 64 * 1024));
	printf("mallopt(M_PERTURB): %d\n", mallopt(M_PERTURB, 0));
	big = malloc(500000);
	free(big);
	printf("malloc_trim: %d\n", malloc_trim(0));
	return 0;
}

/* Defined by the test's library, whose constructor ran a thread. */
extern void *other_arena_block __attribute__((weak));

static int other_arena(void)
{
	void *p;

	if (!&other_arena_block || !other_arena_block)
		return 2;
	p = realloc(other_arena_block, 200000);
	printf("realloc: %s\n", p ? "moved" : "ENOMEM");
	free(p);
	p = malloc(10);
	free(p);
	puts("freed");
	return 0;
}

static void handler(void)
{
	puts("handler ran");
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int n = argc > 2 ? atoi(argv[2]) : 0;
	char line[256];
	int c;

	if (!strcmp(mode, "print")) {
		printf("printf %d\n", n);
		puts("puts");
		fputs("fputs\n", stdout);
		fprintf(stderr, "stderr %d\n", n);
		fputs("stderr fputs\n", stderr);
		printf("last line");
		return n;
	}
	if (!strcmp(mode, "lines")) {
		for (int i = 1; i <= n; i++)
			printf("line %d of %d\n", i, n);
		return 0;
	}
	if (!strcmp(mode, "return") || !strcmp(mode, "exit") ||
	    !strcmp(mode, "_exit")) {
		printf("ending\n");
		fflush(stdout);
		if (!strcmp(mode, "exit"))
			exit(n);
		if (!strcmp(mode, "_exit"))
			_exit(n);
		return n;
	}
	if (!strcmp(mode, "atexit")) {
		atexit(handler);
		puts("main returns");
		return n;
	}
	if (!strcmp(mode, "fgets")) {
		while (fgets(line, sizeof(line), stdin))
			fputs(line, stdout);
		return 0;
	}
	if (!strcmp(mode, "fread")) {
		size_t got;

		while ((got = fread(line, 1, sizeof(line), stdin)) > 0)
			fwrite(line, 1, got, stdout);
		return 0;
	}
	if (!strcmp(mode, "getchar")) {
		while ((c = getchar()) != EOF)
			putchar(c);
		return 0;
	}
	if (!strcmp(mode, "malloc"))
		return malloc_heavy();
	if (!strcmp(mode, "exhaust"))
		return exhaust();
	if (!strcmp(mode, "aligned"))
		return aligned();
	if (!strcmp(mode, "stress"))
		return stress((unsigned long)n);
	if (!strcmp(mode, "reuse"))
		return reuse();
	if (!strcmp(mode, "tuning"))
		return tuning();
	if (!strcmp(mode, "other-arena"))
		return other_arena();
	if (!strcmp(mode, "open") && argc > 2) {
		puts("before open");
		if (open(argv[2], O_RDONLY) >= 0)
			puts("opened");
		puts("after open");
		return 0;
	}
	if (!strcmp(mode, "getpid")) {
		puts("before getpid");
		printf("pid %d\n", (int)getpid());
		return 0;
	}
	if (!strcmp(mode, "socket")) {
		puts("before socket");
		printf("socket %d\n", socket(AF_UNIX, SOCK_STREAM, 0));
		return 0;
	}
	return usage();
}
