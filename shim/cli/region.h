/*
 * Regions: sets of argument values, as unions of disjoint cubes. A cube
 * fixes some bits of each argument ((a & mask) == value for every argument)
 * and leaves the rest free; every condition the policy language can write
 * is such a union, and so are its complement and its intersection with
 * another. The OCI converter uses them to write a policy's first-match
 * lines as entries that cannot overlap, whatever order a runtime's
 * libseccomp puts them in. Pure data and pure functions.
 */
#ifndef SHIM_REGION_H
#define SHIM_REGION_H

#include <stddef.h>
#include <stdint.h>

#include "condition.h"

/* The most cubes a region may hold: past it, an operation fails E2BIG. */
#define REGION_MAX_CUBES 4096

/* Arguments whose bits are all (a & mask) == value: mask 0 is any value. */
struct cube {
	uint64_t mask[COND_MAX_ARGS];
	uint64_t value[COND_MAX_ARGS];
};

/* The union of n pairwise disjoint cubes; no cube at all is the empty set. */
struct region {
	struct cube *cubes;
	size_t n, cap;
};

/* region_all - *r becomes every value of every argument. 0 or -ENOMEM. */
int region_all(struct region *r);

/*
 * region_from_condition - *r becomes the argument values for which cond
 * holds (condition_holds) for a call whose argument widths are widths.
 * Returns 0, -ENOMEM or -E2BIG.
 */
int region_from_condition(struct region *r, const struct condition *cond,
			  unsigned int widths);

/*
 * region_subtract - take from *r every value in *s. Returns 0, -ENOMEM or
 * -E2BIG (then *r is unchanged).
 */
int region_subtract(struct region *r, const struct region *s);

/*
 * region_intersects - whether the two regions share a value. Pure.
 */
int region_intersects(const struct region *a, const struct region *b);

/*
 * region_add - add cube c, which must share no value with *r, to *r.
 * Returns 0, -ENOMEM or -E2BIG.
 */
int region_add(struct region *r, const struct cube *c);

/* region_contains - whether args lie in r. */
int region_contains(const struct region *r, const uint64_t *args);

/* region_free - release the cubes; *r becomes empty. */
void region_free(struct region *r);

#endif
