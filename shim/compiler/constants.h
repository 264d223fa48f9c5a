/* Named constants (AF_UNIX, O_RDONLY, TCGETS ...) for argument conditions. */
#ifndef SHIM_CONSTANTS_H
#define SHIM_CONSTANTS_H

#include <stddef.h>
#include <stdint.h>

/*
 * constant_lookup - the value of a named constant, errno names included.
 * Returns 0 with *value set, or -1 for an unknown name.
 */
int constant_lookup(const char *name, uint64_t *value);

/* constant_count - how many names the table holds (errno names aside). */
size_t constant_count(void);

/* constant_name - the index-th name and its value, or NULL past the end. */
const char *constant_name(size_t index, uint64_t *value);

#endif
