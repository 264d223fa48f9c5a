/*
 * ctor-thread DIR: has the thread that libearlythread started before the
 * shim's constructor mkdir(DIR), and prints "early thread mkdir: OK" or the
 * errno name.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>

int early_thread_mkdir(const char *dir);

int main(int argc, char **argv)
{
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: ctor-thread DIR\n");
		return 2;
	}
	rc = early_thread_mkdir(argv[1]);
	printf("early thread mkdir: %s\n",
	       rc == 0 ? "OK" : strerrorname_np(rc));
	return 0;
}
