/*
 * proc-files PID FILE...: read what /proc/PID/FILE gives away of a process
 * outside the program's Landlock domain, the way the kernel guards it as
 * it guards ptrace: its environment (secrets passed in variables), its
 * memory map and auxiliary vector (where its code and stack are, which
 * address-space randomisation hides), its executable and its namespaces
 * (what nsenter opens). Prints "FILE: denied" for each file the kernel
 * refuses and "ESCAPED: FILE" for each it gives.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int reach(const char *pid, const char *file)
{
	char path[96], buf[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%s/%s", pid, file);
	if (strcmp(file, "exe") == 0 || strncmp(file, "ns/", 3) == 0) {
		/* the link, and for a namespace the file setns takes */
		n = readlink(path, buf, sizeof(buf));
		if (n >= 0 && file[0] == 'n') {
			fd = open(path, O_RDONLY | O_CLOEXEC);
			n = fd;
			if (fd >= 0)
				close(fd);
		}
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		n = fd < 0 ? -1 : read(fd, buf, sizeof(buf));
		if (fd >= 0)
			close(fd);
	}
	if (n >= 0) {
		printf("ESCAPED: %s\n", file);
		return 1;
	}
	printf("%s: %s\n", file,
	       errno == EACCES || errno == EPERM ? "denied" : strerror(errno));
	return 0;
}

int main(int argc, char **argv)
{
	int escaped = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: proc-files PID FILE...\n");
		return 2;
	}
	for (int i = 2; i < argc; i++)
		escaped |= reach(argv[1], argv[i]);
	return escaped;
}
