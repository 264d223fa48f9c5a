/*
 * Under memory_deny_write_execute = yes, get memory that is writable and
 * executable without asking for PROT_EXEC: personality(READ_IMPLIES_EXEC)
 * makes every readable mapping executable, so a plain read-write mapping
 * would take code written into it. Also says whether the kernel's own
 * W^X (PR_SET_MDWE, Linux 6.3) is on for the process.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <unistd.h>

#define PR_GET_MDWE_OPTION 66

/* Whether the page at address is mapped executable (/proc/self/maps). */
static int executable(void *address)
{
	char line[512];
	FILE *maps = fopen("/proc/self/maps", "r");
	int x = 0;

	while (maps && fgets(line, sizeof(line), maps)) {
		unsigned long start, end;
		char perms[5];

		if (sscanf(line, "%lx-%lx %4s", &start, &end, perms) == 3 &&
		    (unsigned long)address >= start &&
		    (unsigned long)address < end)
			x = perms[2] == 'x';
	}
	if (maps)
		fclose(maps);
	return x;
}

int main(void)
{
	int rc = personality(PER_LINUX | READ_IMPLIES_EXEC);
	int saved = errno;
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	long mdwe = prctl(PR_GET_MDWE_OPTION, 0, 0, 0, 0);

	if (page != MAP_FAILED && executable(page)) {
		/* mov eax, 42; ret */
		static const unsigned char code[] = {0xb8, 0x2a, 0, 0, 0, 0xc3};

		memcpy(page, code, sizeof(code));
		printf("ESCAPED: a read-write mapping runs code (%d)\n",
		       ((int (*)(void))page)());
		return 0;
	}
	printf("blocked: personality: %s; mapping not executable; mdwe %ld\n",
	       rc < 0 ? strerror(saved) : "allowed", mdwe);
	return 0;
}
