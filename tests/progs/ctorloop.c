/*
 * A shared library whose constructor starts a thread that calls mkdir in a
 * loop, as fast as it can, from before any preloaded library's constructor
 * runs until the program stops it (ctor_loop_stop). Every success is
 * counted (and the directory removed, so that the next call can succeed
 * again): under a policy that denies mkdir, there must be none, not even
 * one made before the shim confined the process.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static pthread_t thread;
static int started, stop;
static unsigned long attempts, successes;
static char path[4096];

static void *loop(void *unused)
{
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		if (mkdir(path, 0700) == 0) {
			successes++;
			rmdir(path);
		}
		__atomic_add_fetch(&attempts, 1, __ATOMIC_RELEASE);
	}
	return unused;
}

__attribute__((constructor)) static void ctor_loop_start(void)
{
	const char *dir = getenv("CTOR_DIR");

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/loop", dir);
	started = pthread_create(&thread, NULL, loop, NULL) == 0;
	/* The loop is under way before the next constructor runs (the
	 * preloaded shim's, if the shim confined only from there). */
	for (int i = 0; started && i < 1000; i++) {
		if (__atomic_load_n(&attempts, __ATOMIC_ACQUIRE) >= 10)
			break;
		usleep(1000);
	}
}

/* Let the thread make at least min attempts, stop it; print the counts. */
void ctor_loop_stop(unsigned long min);

void ctor_loop_stop(unsigned long min)
{
	if (!started) {
		printf("no thread\n");
		return;
	}
	while (__atomic_load_n(&attempts, __ATOMIC_ACQUIRE) < min)
		usleep(1000);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	pthread_join(thread, NULL);
	printf("thread mkdir: %s of at least %lu attempts succeeded\n",
	       successes ? (successes == attempts ? "all" : "some") : "none",
	       min);
}
