/*
 * Start a thread, then load the shim with dlopen (argv[1]): a Landlock
 * domain takes in only the thread that enters it, so the thread started
 * before would stay outside and could still open the parent's
 * /proc/PID/mem. The shim must refuse (exit 125) rather than confine one
 * thread of two.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t loaded = PTHREAD_COND_INITIALIZER;
static int ready;
static int escaped;

static void *outside(void *unused)
{
	char path[64];
	int fd;

	pthread_mutex_lock(&lock);
	while (!ready)
		pthread_cond_wait(&loaded, &lock);
	pthread_mutex_unlock(&lock);
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)getppid());
	fd = open(path, O_RDWR);
	if (fd >= 0) {
		escaped = 1;
		close(fd);
	}
	return unused;
}

int main(int argc, char **argv)
{
	pthread_t thread;

	if (argc != 2 || pthread_create(&thread, NULL, outside, NULL))
		return 2;
	if (!dlopen(argv[1], RTLD_NOW)) {
		printf("blocked: dlopen: %s\n", dlerror());
		return 0;
	}
	pthread_mutex_lock(&lock);
	ready = 1;
	pthread_cond_signal(&loaded);
	pthread_mutex_unlock(&lock);
	pthread_join(thread, NULL);
	printf(escaped ? "ESCAPED: the earlier thread opened the parent's "
			 "memory\n"
		       : "blocked: the earlier thread could not reach the "
			 "parent\n");
	return 0;
}
