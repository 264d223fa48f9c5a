/*
 * Floor (e) of make bench: a preloaded library that switches to seccomp
 * strict mode with nothing of the shim's: glibc's malloc tuned as the
 * shim tunes it (no mmap, no trimming, no fastbins), the heap grown by
 * BENCH_HEAP bytes (64 MiB unless set) and given back to its top, stdout
 * fully buffered, and an exit handler that ends with exit rather than
 * exit_group. It has no guard: a program that outgrows the heap is
 * killed. What a strict-mode program pays the kernel and glibc's tuning,
 * which no strict-mode shim can avoid.
 */
#include <linux/seccomp.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void end_with_exit(int status, void *unused)
{
	fflush(NULL);
	for (;;)
		syscall(SYS_exit, status);
}

__attribute__((constructor)) static void bench_strict(void)
{
	static char out[BUFSIZ];
	const char *heap = getenv("BENCH_HEAP");
	size_t size = heap ? strtoull(heap, NULL, 0) : 64u << 20;
	void *volatile block;

	if (!mallopt(M_MMAP_MAX, 0) || !mallopt(M_TRIM_THRESHOLD, -1) ||
	    !mallopt(M_MXFAST, 0))
		_exit(125);
	block = malloc(size);
	if (!block)
		_exit(125);
	free(block);
	if (setvbuf(stdout, out, _IOFBF, sizeof(out)) ||
	    on_exit(end_with_exit, NULL) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_STRICT, 0, 0, 0))
		_exit(125);
}
