/*
 * The calls newer than Linux 6.1 read their arguments at their own widths
 * too. Under
 *   fchmodat2 = errno:EPERM if a0 == AT_FDCWD
 *   fchmodat2 = errno:EPERM if a2 == 04755
 *   futex_wake = errno:EPERM if a2 == 1
 * (a fallback that allows): change a file's mode through fchmodat2 (Linux
 * 6.6) with AT_FDCWD as 0xffffff9c, the int the kernel reads; make it
 * set-user-ID with the mode's bit 16 set, which umode_t drops; and wake
 * with futex_wake (6.7) with junk above its int count. A filter comparing
 * all 64 bits of these is fooled. Prints "skipped" where the kernel lacks
 * fchmodat2.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NR_FCHMODAT2  452
#define NR_FUTEX_WAKE 454

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "newer-widths.file";
	int escaped = 0, dir, word = 0;
	struct stat st;
	long rc;

	if (close(open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
		printf("cannot make %s: %s\n", path, strerror(errno));
		return 1;
	}
	rc = syscall(NR_FCHMODAT2, 0xffffff9cL, path, 0700L, 0L);
	if (rc < 0 && errno == ENOSYS) {
		printf("skipped: no fchmodat2 here\n");
		return 0;
	}
	if (stat(path, &st) == 0 && (st.st_mode & 07777) == 0700) {
		escaped = 1;
		printf("ESCAPED: fchmodat2 with AT_FDCWD as 0xffffff9c\n");
	}
	dir = open(".", O_RDONLY | O_DIRECTORY);
	syscall(NR_FCHMODAT2, (long)dir, path, 0x10000L | 04755L, 0L);
	if (stat(path, &st) == 0 && (st.st_mode & S_ISUID)) {
		escaped = 1;
		printf("ESCAPED: set-user-ID through fchmodat2 with bit 16 "
		       "of the mode set\n");
	}
	rc = syscall(NR_FUTEX_WAKE, &word, ~0UL, 0x100000001L, 2L);
	if (rc >= 0) {
		escaped = 1;
		printf("ESCAPED: futex_wake with junk above its count\n");
	}
	if (!escaped)
		printf("blocked: fchmodat2 twice, futex_wake\n");
	return 0;
}
