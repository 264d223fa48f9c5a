/*
 * "Did you mean": the known word closest to a misspelt one, for the
 * messages about unknown system calls, groups, keys and policy names.
 * Pure (the system call names come from libseccomp's table).
 */
#ifndef SHIM_SUGGEST_H
#define SHIM_SUGGEST_H

#include <stddef.h>

/*
 * suggest_distance - the edits that turn a into b: insertions, deletions,
 * substitutions and swaps of two neighbours (optimal string alignment),
 * counted up to 8 (longer words cost 8).
 */
size_t suggest_distance(const char *a, const char *b);

/*
 * suggest_pick - of the n candidates, the one closest to word if it is
 * close enough to be what was meant (one edit for words of up to four
 * letters, two for longer ones), else NULL. Ties go to the first.
 */
const char *suggest_pick(const char *word, const char *const *candidates,
			 size_t n);

/*
 * suggest_syscall - the native system call name libseccomp knows that is
 * closest to word, as suggest_pick, into buf (size bytes). Returns buf,
 * or NULL if none is close.
 */
char *suggest_syscall(const char *word, char *buf, size_t size);

/*
 * suggest_phrase - " (did you mean 'NEAR'?)" into buf (size bytes), or ""
 * when near is NULL. Returns buf.
 */
char *suggest_phrase(const char *near, char *buf, size_t size);

#endif
