/*
 * Floor (d) of make bench: a preloaded library that attaches the filter
 * in the file BENCH_FILTER (a struct sock_filter array, as `seccomp-shim
 * explain --bpf` writes it) and does nothing else: what the kernel charges
 * for that filter, which no tool that attaches it can avoid. Against it,
 * the shim's own work on a cached start shows alone.
 *
 * With BENCH_LANDLOCK (paths separated by blanks), floor (e): first the
 * Landlock domain a policy whose [landlock] section says "write = PATHS"
 * gets (the write rights handled, with execution and reparenting; each
 * path allowed the write rights, "/" execution), as bare as it comes.
 * BENCH_LANDLOCK empty: the domain every filter policy without such a
 * section gets (execution and reparenting handled, both allowed beneath
 * "/"), or none where the kernel has no Landlock, as the shim does.
 * With BENCH_CAPS (a hexadecimal mask), those capabilities dropped first,
 * as capability_bounding_set drops them.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define FS_EXECUTE (1ULL << 0)
#define FS_REFER   (1ULL << 13)
#define FS_WRITE   0x7ff2ULL /* write_file, remove_*, make_*, refer, truncate */
#define FS_FILE	   0xc003ULL /* what applies to a file that is no directory */

struct path_beneath {
	uint64_t allowed;
	int32_t fd;
} __attribute__((packed));

static int add(int ruleset, const char *path, uint64_t allowed)
{
	struct path_beneath rule = {allowed, open(path, O_PATH | O_CLOEXEC)};
	struct stat st;
	int rc;

	if (rule.fd < 0)
		return -1;
	if (fstat(rule.fd, &st) == 0 && !S_ISDIR(st.st_mode))
		rule.allowed &= FS_FILE;
	rc = (int)syscall(445, ruleset, 1, &rule, 0);
	close(rule.fd);
	return rc;
}

static void landlock(const char *paths)
{
	uint64_t base = FS_EXECUTE | FS_REFER;
	uint64_t handled[3] = {*paths ? FS_WRITE | FS_EXECUTE : base, 0, 0};
	char copy[4096], *path, *save = NULL;
	int fd = (int)syscall(444, handled, sizeof(handled), 0);

	if (fd < 0 && !*paths && (errno == ENOSYS || errno == EOPNOTSUPP))
		return;
	if (fd < 0 || add(fd, "/", *paths ? FS_EXECUTE : base) < 0)
		_exit(125);
	strncpy(copy, paths, sizeof(copy) - 1);
	copy[sizeof(copy) - 1] = '\0';
	for (path = strtok_r(copy, " ", &save); path;
	     path = strtok_r(NULL, " ", &save))
		if (add(fd, path, FS_WRITE) < 0)
			_exit(125);
	if (syscall(446, fd, 0) < 0)
		_exit(125);
	close(fd);
}

/* (by hand: strtoull would bring in pages the shim does not touch) */
static unsigned long long hex(const char *s)
{
	unsigned long long n = 0;

	for (; *s; s++)
		n = n << 4 |
		    (unsigned long long)(*s <= '9' ? *s - '0'
						   : (*s | 32) - 'a' + 10);
	return n;
}

static void drop_caps(unsigned long long drop)
{
	struct {
		uint32_t version;
		int pid;
	} head = {0x20080522, 0};
	struct {
		uint32_t effective, permitted, inheritable;
	} data[2];

	for (int cap = 0; cap < 64; cap++)
		if (drop >> cap & 1)
			prctl(PR_CAPBSET_DROP, cap, 0, 0, 0);
	if (syscall(SYS_capget, &head, data))
		_exit(125);
	for (int i = 0; i < 2; i++) {
		uint32_t keep = ~(uint32_t)(drop >> (32 * i));

		data[i].effective &= keep;
		data[i].permitted &= keep;
		data[i].inheritable &= keep;
	}
	if (syscall(SYS_capset, &head, data) ||
	    syscall(SYS_capget, &head, data))
		_exit(125);
}

__attribute__((constructor)) static void bench_load(void)
{
	static struct sock_filter insns[4096];
	const char *path = getenv("BENCH_FILTER");
	struct sock_fprog prog;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	ssize_t n = fd >= 0 ? read(fd, insns, sizeof(insns)) : -1;

	if (fd >= 0)
		close(fd);
	if (n <= 0 || n % sizeof(*insns))
		_exit(125);
	prog.len = (unsigned short)(n / sizeof(*insns));
	prog.filter = insns;
	if (prctl(PR_GET_SECCOMP, 0, 0, 0, 0) == SECCOMP_MODE_FILTER)
		return;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		_exit(125);
	if (getenv("BENCH_CAPS"))
		drop_caps(hex(getenv("BENCH_CAPS")));
	if (getenv("BENCH_LANDLOCK"))
		landlock(getenv("BENCH_LANDLOCK"));
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
		    SECCOMP_FILTER_FLAG_TSYNC, &prog))
		_exit(125);
}
