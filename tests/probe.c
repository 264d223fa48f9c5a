/*
 * probe: make system calls with harmless arguments and say what happened,
 * one line per operation: "OP: OK" or "OP: ENAME". The tests run it under
 * the preload library and compare the lines with what the policy says.
 *
 *   mkdir:PATH    mkdir(PATH, 0700)
 *   mkdirat:PATH  mkdirat(AT_FDCWD, PATH, 0700)
 *   socket        socket(AF_UNIX, SOCK_STREAM, 0), closed again
 *   getpid        getpid()
 *   sys:NAME[:A0[:A1...]]  syscall NAME (or a number) with arguments A0...,
 *                 missing ones 0
 *   x32-getpid    getpid through its x32 number (0x40000000 | 39)
 *   int80-getpid  getpid through the i386 entry (int 0x80, eax 20)
 *
 *   allocs        how many allocations the alloccount interposer counted
 *                 before main ("none" without it)
 *   thread:OP     OP in a new thread, joined before the next operation;
 *                 "KILLED" if the thread ended inside the call
 *
 * PROBE_CTOR=OP runs OP from the program's own constructor too, prefixed
 * "ctor ", to show the policy is in force before the program's code runs.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *errno_text(int e)
{
	static char buf[32];
	/* strerrorname_np is glibc 2.32+: it gives "EPERM" for 1. */
	const char *name = strerrorname_np(e);

	if (name)
		return name;
	snprintf(buf, sizeof(buf), "E%d", e);
	return buf;
}

static long int80_getpid(void)
{
#if defined(__x86_64__)
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
	return ret;
#else
	return -ENOSYS;
#endif
}

static long run(const char *op);

/* A thread's outcome; untouched if the thread is killed mid-call. */
struct thread_call {
	const char *op;
	long rc;
	int done;
};

#define KILLED 1 /* positive: run() returns 0 or -errno otherwise */

static void *run_in_thread(void *arg)
{
	struct thread_call *call = arg;

	call->rc = run(call->op);
	call->done = 1;
	return NULL;
}

static long run(const char *op)
{
	if (strncmp(op, "thread:", 7) == 0) {
		struct thread_call call = {.op = op + 7};
		pthread_t thread;

		if (pthread_create(&thread, NULL, run_in_thread, &call) != 0)
			return -EAGAIN;
		pthread_join(thread, NULL);
		return call.done ? call.rc : KILLED;
	}
	if (strncmp(op, "mkdir:", 6) == 0)
		return mkdir(op + 6, 0700) < 0 ? -errno : 0;
	if (strncmp(op, "mkdirat:", 8) == 0)
		return mkdirat(AT_FDCWD, op + 8, 0700) < 0 ? -errno : 0;
	if (strcmp(op, "socket") == 0) {
		int fd = socket(AF_UNIX, SOCK_STREAM, 0);

		if (fd < 0)
			return -errno;
		close(fd);
		return 0;
	}
	if (strcmp(op, "getpid") == 0)
		return syscall(SYS_getpid) < 0 ? -errno : 0;
	if (strcmp(op, "x32-getpid") == 0)
		return syscall(0x40000000L | SYS_getpid) < 0 ? -errno : 0;
	if (strcmp(op, "int80-getpid") == 0) {
		long ret = int80_getpid();

		return ret < 0 ? ret : 0;
	}
	if (strncmp(op, "sys:", 4) == 0) {
		long a[7] = {0};
		char name[64], *p;
		size_t n = strcspn(op + 4, ":");

		snprintf(name, sizeof(name), "%.*s", (int)n, op + 4);
		a[0] = strtol(name, &p, 0);
		if (*p || p == name)
			a[0] = seccomp_syscall_resolve_name(name);
		if (a[0] < 0) {
			fprintf(stderr, "probe: unknown system call '%s'\n",
				name);
			exit(2);
		}
		p = op[4 + n] == ':' ? (char *)op + 5 + n : NULL;
		for (int i = 1; i < 7 && p && *p; i++) {
			a[i] = strtol(p, &p, 0);
			p = *p == ':' ? p + 1 : NULL;
		}
		return syscall(a[0], a[1], a[2], a[3], a[4], a[5], a[6]) < 0
			       ? -errno
			       : 0;
	}
	fprintf(stderr, "probe: unknown operation '%s'\n", op);
	exit(2);
}

static void report(const char *prefix, const char *op)
{
	long rc = run(op);

	printf("%s%s: %s\n", prefix, op,
	       rc == 0	      ? "OK"
	       : rc == KILLED ? "KILLED"
			      : errno_text((int)-rc));
	fflush(stdout);
}

__attribute__((constructor)) static void probe_ctor(void)
{
	const char *op = getenv("PROBE_CTOR");

	if (op)
		report("ctor ", op);
}

int main(int argc, char **argv)
{
	unsigned long (*alloc_count)(void) = dlsym(RTLD_DEFAULT, "alloc_count");
	unsigned long allocs = alloc_count ? alloc_count() : 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "allocs") != 0)
			continue;
		if (alloc_count)
			printf("allocs: %lu\n", allocs);
		else
			printf("allocs: none\n");
	}
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "allocs") != 0)
			report("", argv[i]);
	return 0;
}
