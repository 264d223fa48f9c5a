/*
 * Under "mkdir = trap", catch SIGSYS and carry on as if mkdir had worked.
 * The handler runs, but the call itself never ran: the directory must not
 * exist.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static volatile sig_atomic_t trapped;

static void on_sigsys(int sig)
{
	(void)sig;
	trapped = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct stat st;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigsys;
	sigaction(SIGSYS, &sa, NULL);
	if (argc < 2)
		return 2;
	mkdir(argv[1], 0700);
	if (stat(argv[1], &st) == 0)
		printf("ESCAPED: the directory exists\n");
	else
		printf("blocked: handler %s, no directory\n",
		       trapped ? "ran" : "did not run");
	return 0;
}
