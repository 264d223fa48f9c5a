/*
 * seccomp-shim learn: run a command with a recording filter, and write a
 * policy that allows what it used and nothing else.
 *
 * The command runs under a filter whose every answer is
 * SECCOMP_RET_USER_NOTIF; the supervisor (this process) takes the listener
 * with pidfd_getfd (so the filter needs no exception for handing it over),
 * counts each notification's call and lets it run with
 * SECCOMP_USER_NOTIF_FLAG_CONTINUE. Used for recording only: it enforces
 * nothing (the kernel's documentation says why it could not).
 */
#ifndef SHIM_LEARN_H
#define SHIM_LEARN_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The first line of every policy learn writes, and its default file. */
#define LEARN_HEADER	     "# Learned by seccomp-shim learn"
#define LEARN_DEFAULT_OUTPUT "learned.ini"

/* One system call the runs made, by name, and how often. */
struct learned_call {
	char *name;
	unsigned long count;
};

#define LEARNED_X86 1u /* calls through the i386 ABI were made */
#define LEARNED_X32 2u /* and through x32 */

struct learned {
	struct learned_call *calls;
	size_t n_calls, cap;
	unsigned int arches;   /* LEARNED_*: ABIs besides x86_64 */
	unsigned long total;   /* calls recorded */
	unsigned long tasks;   /* threads and processes that made them */
	unsigned long unknown; /* calls libseccomp has no name for */
	/* the address families socket and socketpair were called with
	 * (bit N: family N), and whether one was 64 or more */
	uint64_t families[2];
	int any_family[2];
	char log[16]; /* a log = key carried over by --merge, or "" */
};

/* learned.families[] and any_family[]: which call */
#define LEARNED_SOCKET	   0
#define LEARNED_SOCKETPAIR 1

/*
 * learn_run - run argv (argv[0] looked up in PATH) under the recording
 * filter until it and every task that inherited the filter have ended;
 * add what they called to *learned and set *status to argv's wait status.
 * Returns 0, or a negative errno with err filled in (nothing recorded).
 */
int learn_run(char *const *argv, struct learned *learned, int *status,
	      struct shim_error *err);

/*
 * learn_merge - add the calls and counts of the learned policy text
 * (a file `learn` wrote, named file in messages) to *learned, and its
 * "# from:" lines to *sources (a string to free). Returns 0, or a
 * negative errno with err filled in.
 */
int learn_merge(const char *text, const char *file, struct learned *learned,
		char **sources, struct shim_error *err);

/*
 * learn_write - the policy text for *learned, in a new string (free it):
 * commented, grouped, with counts; sources are the "# from:" lines of
 * earlier runs (or NULL), command the one just run. Returns NULL if out of
 * memory.
 */
char *learn_write(const struct learned *learned, const char *sources,
		  char *const *command);

/* learn_free - release what *learned holds. */
void learn_free(struct learned *learned);

#endif
