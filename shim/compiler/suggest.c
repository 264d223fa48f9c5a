/* Did you mean (suggest.h). */
#include "config.h"

#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "suggest.h"

#define LONGEST 32 /* longer words are compared as their first 32 bytes */

size_t suggest_distance(const char *a, const char *b)
{
	size_t n = strnlen(a, LONGEST), m = strnlen(b, LONGEST);
	size_t d[LONGEST + 1][LONGEST + 1];

	for (size_t i = 0; i <= n; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t best = d[i - 1][j] + 1;

			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[n][m] < 8 ? d[n][m] : 8;
}

/* How many edits still count as a slip for word. */
static size_t allowed(const char *word)
{
	return strlen(word) <= 4 ? 1 : 2;
}

const char *suggest_pick(const char *word, const char *const *candidates,
			 size_t n)
{
	const char *best = NULL;
	size_t best_distance = allowed(word) + 1;

	for (size_t i = 0; i < n; i++) {
		size_t d = suggest_distance(word, candidates[i]);

		if (d < best_distance && d > 0) {
			best = candidates[i];
			best_distance = d;
		}
	}
	return best;
}

char *suggest_phrase(const char *near, char *buf, size_t size)
{
	if (near)
		snprintf(buf, size, " (did you mean '%s'?)", near);
	else if (size)
		buf[0] = '\0';
	return buf;
}

char *suggest_syscall(const char *word, char *buf, size_t size)
{
	uint32_t arch = seccomp_arch_native();
	uint32_t last = rules_last_known(arch);
	size_t best_distance = allowed(word) + 1;
	int found = 0;

	for (uint32_t nr = 0; nr <= last; nr++) {
		char *name = seccomp_syscall_resolve_num_arch(arch, (int)nr);
		size_t d;

		if (!name)
			continue;
		d = suggest_distance(word, name);
		if (d < best_distance && d > 0) {
			snprintf(buf, size, "%s", name);
			best_distance = d;
			found = 1;
		}
		free(name);
	}
	return found ? buf : NULL;
}
