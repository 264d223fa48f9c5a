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
 * For the hardening switches (PROT is letters of rwx, N a number, MODE
 * octal with its leading 0, POLICY other, fifo, rr, batch, idle or
 * deadline):
 *   mmap:PROT     mmap(NULL, a page, PROT, MAP_PRIVATE | MAP_ANONYMOUS),
 *                 unmapped again
 *   mprotect:PROT mprotect(PROT) of a page mapped read-write
 *   pkey_mprotect:PROT  the same with pkey_mprotect(..., -1)
 *   shmat:PROT    shmat() of a new private segment, with SHM_EXEC for x
 *                 and SHM_RDONLY without w; detached and removed again
 *   socket:N:N    socket(FAMILY, TYPE, 0), closed again
 *   chmod:MODE:PATH     chmod(PATH, MODE)
 *   creat:MODE:PATH     open(PATH, O_WRONLY | O_CREAT | O_EXCL, MODE)
 *   tmpfile:MODE:DIR    open(DIR, O_WRONLY | O_TMPFILE, MODE)
 *   mknod:MODE:PATH     mknod(PATH, S_IFIFO | MODE, 0)
 *   personality:N personality(N)
 *   sched:POLICY  sched_setscheduler(0, POLICY, priority 1 for fifo and
 *                 rr, else 0)
 *   sched_setattr:POLICY  sched_setattr(0, the same), with deadline's
 *                 runtime, deadline and period 10, 30 and 30 ms
 *   unshare:N     unshare(N)
 *   clone:N       a child by clone(N | SIGCHLD), which exits at once
 *   clone3:N      the same by clone3, flags N
 *   setns:PATH:N  setns(an open PATH, N)
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
#include <linux/sched.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
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

/* "rwx" letters as PROT_* bits. */
static int prot_bits(const char *letters)
{
	int prot = 0;

	for (; *letters; letters++)
		prot |= *letters == 'r'	  ? PROT_READ
			: *letters == 'w' ? PROT_WRITE
			: *letters == 'x' ? PROT_EXEC
					  : 0;
	return prot;
}

/* mmap, mprotect or pkey_mprotect of one anonymous page. */
static long map_page(const char *call, const char *letters)
{
	long page = sysconf(_SC_PAGESIZE), rc = 0;
	int prot = prot_bits(letters);
	void *p;

	if (strcmp(call, "mmap") == 0) {
		p = mmap(NULL, (size_t)page, prot, MAP_PRIVATE | MAP_ANONYMOUS,
			 -1, 0);
		if (p == MAP_FAILED)
			return -errno;
		munmap(p, (size_t)page);
		return 0;
	}
	p = mmap(NULL, (size_t)page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	if (strcmp(call, "mprotect") == 0)
		rc = mprotect(p, (size_t)page, prot);
	else
		rc = syscall(SYS_pkey_mprotect, p, page, prot, -1);
	rc = rc < 0 ? -errno : 0;
	munmap(p, (size_t)page);
	return rc;
}

/* shmat of a new private segment, removed again whatever happens. */
static long attach_shm(const char *letters)
{
	int prot = prot_bits(letters);
	int flags = (prot & PROT_EXEC ? SHM_EXEC : 0) |
		    (prot & PROT_WRITE ? 0 : SHM_RDONLY);
	int id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	void *p;
	long rc = 0;

	if (id < 0)
		return -errno;
	p = shmat(id, NULL, flags);
	if (p == (void *)-1)
		rc = -errno;
	else
		shmdt(p);
	shmctl(id, IPC_RMID, NULL);
	return rc;
}

/* A scheduling policy by name, or a number. */
static int sched_policy(const char *name)
{
	static const struct {
		const char *name;
		int policy;
	} policies[] = {
		{"other", SCHED_OTHER}, {"fifo", SCHED_FIFO},
		{"rr", SCHED_RR},	{"batch", SCHED_BATCH},
		{"idle", SCHED_IDLE},	{"deadline", SCHED_DEADLINE},
	};

	for (size_t i = 0; i < sizeof(policies) / sizeof(*policies); i++)
		if (strcmp(policies[i].name, name) == 0)
			return policies[i].policy;
	return (int)strtol(name, NULL, 0);
}

static long set_scheduler(const char *name, int by_attr)
{
	int policy = sched_policy(name);
	int realtime = policy == SCHED_FIFO || policy == SCHED_RR;
	struct sched_param param = {.sched_priority = realtime};
	/* struct sched_attr, as the kernel's uapi has it (glibc 2.36 does
	 * not declare it) */
	struct {
		uint32_t size, sched_policy;
		uint64_t sched_flags;
		int32_t sched_nice;
		uint32_t sched_priority;
		uint64_t sched_runtime, sched_deadline, sched_period;
	} attr = {
		.size = sizeof(attr),
		.sched_policy = (uint32_t)policy,
		.sched_priority = (uint32_t)realtime,
		.sched_runtime = 10000000,
		.sched_deadline = 30000000,
		.sched_period = 30000000,
	};

	if (by_attr)
		return syscall(SYS_sched_setattr, 0, &attr, 0) < 0 ? -errno : 0;
	return sched_setscheduler(0, policy, &param) < 0 ? -errno : 0;
}

/* A child by clone or clone3 that exits at once; 0 once it is reaped. */
static long clone_child(unsigned long flags, int by_clone3)
{
	struct clone_args args = {.flags = flags, .exit_signal = SIGCHLD};
	long pid;

	if (by_clone3)
		pid = syscall(SYS_clone3, &args, sizeof(args));
	else
		pid = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(0);
	waitpid((pid_t)pid, NULL, 0);
	return 0;
}

/* "MODE:PATH": the mode, and *path set to the rest. */
static mode_t mode_and_path(const char *text, const char **path)
{
	char *end;
	mode_t mode = (mode_t)strtoul(text, &end, 0);

	*path = *end == ':' ? end + 1 : end;
	return mode;
}

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
	if (strncmp(op, "socket:", 7) == 0) {
		char *type;
		long family = strtol(op + 7, &type, 0);
		int fd = socket((int)family,
				(int)strtol(*type ? type + 1 : type, NULL, 0),
				0);

		if (fd < 0)
			return -errno;
		close(fd);
		return 0;
	}
	if (strncmp(op, "mmap:", 5) == 0)
		return map_page("mmap", op + 5);
	if (strncmp(op, "mprotect:", 9) == 0)
		return map_page("mprotect", op + 9);
	if (strncmp(op, "pkey_mprotect:", 14) == 0)
		return map_page("pkey_mprotect", op + 14);
	if (strncmp(op, "shmat:", 6) == 0)
		return attach_shm(op + 6);
	if (strncmp(op, "chmod:", 6) == 0) {
		const char *path;
		mode_t mode = mode_and_path(op + 6, &path);

		return chmod(path, mode) < 0 ? -errno : 0;
	}
	if (strncmp(op, "creat:", 6) == 0 || strncmp(op, "tmpfile:", 8) == 0) {
		int tmp = op[0] == 't';
		const char *path;
		mode_t mode = mode_and_path(op + (tmp ? 8 : 6), &path);
		int fd = open(path,
			      O_WRONLY | (tmp ? O_TMPFILE : O_CREAT | O_EXCL),
			      mode);

		if (fd < 0)
			return -errno;
		close(fd);
		return 0;
	}
	if (strncmp(op, "mknod:", 6) == 0) {
		const char *path;
		mode_t mode = mode_and_path(op + 6, &path);

		return mknod(path, S_IFIFO | mode, 0) < 0 ? -errno : 0;
	}
	if (strncmp(op, "personality:", 12) == 0)
		return personality(strtoul(op + 12, NULL, 0)) == -1 ? -errno
								    : 0;
	if (strncmp(op, "sched:", 6) == 0)
		return set_scheduler(op + 6, 0);
	if (strncmp(op, "sched_setattr:", 14) == 0)
		return set_scheduler(op + 14, 1);
	if (strncmp(op, "unshare:", 8) == 0)
		return unshare((int)strtol(op + 8, NULL, 0)) < 0 ? -errno : 0;
	if (strncmp(op, "clone:", 6) == 0)
		return clone_child(strtoul(op + 6, NULL, 0), 0);
	if (strncmp(op, "clone3:", 7) == 0)
		return clone_child(strtoul(op + 7, NULL, 0), 1);
	if (strncmp(op, "setns:", 6) == 0) {
		const char *colon = strrchr(op, ':');
		char path[4096];
		int fd, rc;

		snprintf(path, sizeof(path), "%.*s", (int)(colon - op - 6),
			 op + 6);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			return -errno;
		rc = setns(fd, (int)strtol(colon + 1, NULL, 0));
		rc = rc < 0 ? -errno : 0;
		close(fd);
		return rc;
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
