/*
 * A shared library whose constructor starts a thread, as some libraries do.
 * The loader runs it before the preloaded shim's constructor, so the thread
 * exists before the filter does: only TSYNC confines it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static const char *path;
static int result = -1;
static pthread_t thread;

static void *early_thread(void *unused)
{
	pthread_mutex_lock(&lock);
	while (!path)
		pthread_cond_wait(&cond, &lock);
	result = mkdir(path, 0700) < 0 ? errno : 0;
	pthread_mutex_unlock(&lock);
	return unused;
}

__attribute__((constructor)) static void start_early_thread(void)
{
	pthread_create(&thread, NULL, early_thread, NULL);
}

/* Ask the early thread to mkdir(dir); returns 0 or the errno it got. */
int early_thread_mkdir(const char *dir);

int early_thread_mkdir(const char *dir)
{
	pthread_mutex_lock(&lock);
	path = dir;
	pthread_cond_signal(&cond);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	return result;
}
