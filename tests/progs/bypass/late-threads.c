/*
 * late-threads LIBRARY [caps]: start a thread, then load the shim with
 * dlopen (LIBRARY): a Landlock domain, and a set of capabilities, is the
 * calling thread's alone, so the thread started before would stay outside
 * and could still open the parent's /proc/PID/mem, or (with "caps", under
 * a policy that drops CAP_CHOWN) keep CAP_CHOWN. The shim must refuse
 * (exit 125) rather than confine one thread of two.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t loaded = PTHREAD_COND_INITIALIZER;
static int ready;
static int escaped;
static int caps; /* look at the thread's capabilities, not the parent */

/* Whether this thread has CAP_CHOWN in its effective set. */
static int has_chown(void)
{
	char line[256];
	unsigned long long mask = 0;
	FILE *f = fopen("/proc/thread-self/status", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &mask) == 1)
			break;
	if (f)
		fclose(f);
	return (int)(mask & 1);
}

static void *outside(void *unused)
{
	char path[64];
	int fd;

	pthread_mutex_lock(&lock);
	while (!ready)
		pthread_cond_wait(&loaded, &lock);
	pthread_mutex_unlock(&lock);
	if (caps) {
		escaped = has_chown();
		return unused;
	}
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

	caps = argc == 3 && strcmp(argv[2], "caps") == 0;
	if (argc < 2 || argc > 3 ||
	    pthread_create(&thread, NULL, outside, NULL))
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
	if (caps)
		printf(escaped ? "ESCAPED: the earlier thread kept CAP_CHOWN\n"
			       : "blocked: the earlier thread lost "
				 "CAP_CHOWN\n");
	else
		printf(escaped ? "ESCAPED: the earlier thread opened the "
				 "parent's memory\n"
			       : "blocked: the earlier thread could not reach "
				 "the parent\n");
	return 0;
}
