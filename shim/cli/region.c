/*
 * Regions of argument values (region.h). Every operation keeps the cubes
 * of a region pairwise disjoint, so that a complement is a product of
 * complements and nothing is counted twice.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "region.h"

static int push(struct region *r, const struct cube *c)
{
	if (r->n == REGION_MAX_CUBES)
		return -E2BIG;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		struct cube *grown = realloc(r->cubes, cap * sizeof(*grown));

		if (!grown)
			return -ENOMEM;
		r->cubes = grown;
		r->cap = cap;
	}
	r->cubes[r->n++] = *c;
	return 0;
}

void region_free(struct region *r)
{
	free(r->cubes);
	memset(r, 0, sizeof(*r));
}

int region_add(struct region *r, const struct cube *c)
{
	return push(r, c);
}

int region_all(struct region *r)
{
	struct cube any;

	memset(&any, 0, sizeof(any));
	r->n = 0;
	return push(r, &any);
}

/* Whether two cubes share a value: they agree on every bit both fix. */
static int cubes_meet(const struct cube *a, const struct cube *b)
{
	for (unsigned int k = 0; k < COND_MAX_ARGS; k++)
		if ((a->value[k] ^ b->value[k]) & a->mask[k] & b->mask[k])
			return 0;
	return 1;
}

/*
 * Merge cubes that differ in one fixed bit of one argument and nothing
 * else: the pair is the cube with that bit free. Keeps a region made of
 * complements small; it stays the same set.
 */
static void compact(struct region *r)
{
	int merged = 1;

	while (merged) {
		merged = 0;
		for (size_t i = 0; i < r->n; i++)
			for (size_t j = i + 1; j < r->n; j++) {
				struct cube *a = &r->cubes[i];
				const struct cube *b = &r->cubes[j];
				unsigned int k, at = COND_MAX_ARGS, diffs = 0;
				uint64_t bit = 0;

				for (k = 0; k < COND_MAX_ARGS && diffs < 2;
				     k++) {
					uint64_t d = a->value[k] ^ b->value[k];

					if (a->mask[k] != b->mask[k])
						diffs = 2;
					else if (d) {
						diffs += (d & (d - 1)) ? 2 : 1;
						at = k;
						bit = d;
					}
				}
				if (diffs != 1)
					continue;
				a->mask[at] &= ~bit;
				a->value[at] &= ~bit;
				r->cubes[j] = r->cubes[--r->n];
				merged = 1;
				j--;
			}
	}
}

/*
 * Append to out the pieces of x outside c: for each bit c fixes and x
 * leaves free, in order, x with the earlier such bits as c has them and
 * this one the other way. They are disjoint, and with x ∩ c they make x.
 */
static int cube_minus(struct region *out, const struct cube *x,
		      const struct cube *c)
{
	struct cube piece = *x;
	int rc;

	if (!cubes_meet(x, c))
		return push(out, x);
	for (unsigned int k = 0; k < COND_MAX_ARGS; k++) {
		uint64_t free_bits = c->mask[k] & ~x->mask[k];

		for (int b = 63; b >= 0; b--) {
			uint64_t bit = 1ull << b;

			if (!(free_bits & bit))
				continue;
			piece.mask[k] |= bit;
			piece.value[k] =
				(piece.value[k] & ~bit) | (~c->value[k] & bit);
			rc = push(out, &piece);
			if (rc < 0)
				return rc;
			piece.value[k] =
				(piece.value[k] & ~bit) | (c->value[k] & bit);
		}
	}
	return 0;
}

int region_subtract(struct region *r, const struct region *s)
{
	struct region cur = {0}, next = {0};
	int rc = 0;

	for (size_t i = 0; i < r->n && rc == 0; i++)
		rc = push(&cur, &r->cubes[i]);
	for (size_t j = 0; j < s->n && rc == 0; j++) {
		next.n = 0;
		for (size_t i = 0; i < cur.n && rc == 0; i++)
			rc = cube_minus(&next, &cur.cubes[i], &s->cubes[j]);
		if (rc == 0) {
			struct region swap = cur;

			cur = next;
			next = swap;
			compact(&cur);
		}
	}
	region_free(&next);
	if (rc < 0) {
		region_free(&cur);
		return rc;
	}
	region_free(r);
	*r = cur;
	return 0;
}

int region_intersects(const struct region *a, const struct region *b)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (cubes_meet(&a->cubes[i], &b->cubes[j]))
				return 1;
	return 0;
}

int region_contains(const struct region *r, const uint64_t *args)
{
	for (size_t i = 0; i < r->n; i++) {
		unsigned int k = 0;

		while (k < COND_MAX_ARGS && ((args[k] ^ r->cubes[i].value[k]) &
					     r->cubes[i].mask[k]) == 0)
			k++;
		if (k == COND_MAX_ARGS)
			return 1;
	}
	return 0;
}

/* --- one comparison as a region of its argument ----------------------- */

/* Push the cube (mask, value) on argument arg, the others free. */
static int push_arg(struct region *r, unsigned int arg, uint64_t mask,
		    uint64_t value)
{
	struct cube c;

	memset(&c, 0, sizeof(c));
	c.mask[arg] = mask;
	c.value[arg] = value & mask;
	return push(r, &c);
}

/*
 * The values of width (a mask of low bits) outside (a & m) == v, for v
 * within m: for each bit of m from the top, the bits above as v has them
 * and this one the other way.
 */
static int push_not_masked(struct region *r, unsigned int arg, uint64_t m,
			   uint64_t v)
{
	uint64_t above = 0;

	for (int b = 63; b >= 0; b--) {
		uint64_t bit = 1ull << b;
		int rc;

		if (!(m & bit))
			continue;
		rc = push_arg(r, arg, above | bit, (v & above) | (~v & bit));
		if (rc < 0)
			return rc;
		above |= bit;
	}
	return 0;
}

/* The values lo..hi (within width) as aligned blocks, largest first. */
static int push_range(struct region *r, unsigned int arg, uint64_t width,
		      uint64_t lo, uint64_t hi)
{
	while (lo <= hi) {
		uint64_t size = 1;
		int rc;

		/* the largest aligned block at lo that ends by hi */
		while (size << 1 != 0 && (lo & ((size << 1) - 1)) == 0 &&
		       (size << 1) - 1 <= hi - lo && (size << 1) - 1 <= width)
			size <<= 1;
		rc = push_arg(r, arg, width & ~(size - 1), lo);
		if (rc < 0)
			return rc;
		if (hi - lo < size || lo + size - 1 == width)
			break;
		lo += size;
	}
	return 0;
}

/* Disjoint cubes for one comparison on an argument of width. */
static int atom_region(struct region *r, const struct cond_atom *atom,
		       uint64_t width)
{
	uint64_t v = atom->value & width, m = atom->mask & width;
	unsigned int arg = atom->arg;

	r->n = 0;
	switch (atom->op) {
	case COND_EQ:
		return push_arg(r, arg, width, v);
	case COND_NE:
		return push_not_masked(r, arg, width, v);
	case COND_LT:
		return v == 0 ? 0 : push_range(r, arg, width, 0, v - 1);
	case COND_LE:
		return push_range(r, arg, width, 0, v);
	case COND_GT:
		return v == width ? 0 : push_range(r, arg, width, v + 1, width);
	case COND_GE:
		return push_range(r, arg, width, v, width);
	case COND_MASKED_EQ:
		return (v & ~m) ? 0 : push_arg(r, arg, m, v);
	case COND_MASKED_NE:
		if (v & ~m)
			return push_arg(r, arg, 0, 0);
		return push_not_masked(r, arg, m, v);
	case COND_IN:
		for (size_t i = 0; i < atom->n_set; i++) {
			uint64_t x = atom->set[i] & width;
			size_t j = 0;
			int rc;

			while (j < i && (atom->set[j] & width) != x)
				j++;
			if (j < i)
				continue;
			rc = push_arg(r, arg, width, x);
			if (rc < 0)
				return rc;
		}
		return 0;
	}
	return 0;
}

/* *r becomes *r ∩ *s (disjoint, since both are). */
static int intersect(struct region *r, const struct region *s)
{
	struct region out = {0};

	for (size_t i = 0; i < r->n; i++)
		for (size_t j = 0; j < s->n; j++) {
			const struct cube *a = &r->cubes[i], *b = &s->cubes[j];
			struct cube c;
			int rc;

			if (!cubes_meet(a, b))
				continue;
			for (unsigned int k = 0; k < COND_MAX_ARGS; k++) {
				c.mask[k] = a->mask[k] | b->mask[k];
				c.value[k] = (a->value[k] & a->mask[k]) |
					     (b->value[k] & b->mask[k]);
			}
			rc = push(&out, &c);
			if (rc < 0) {
				region_free(&out);
				return rc;
			}
		}
	compact(&out);
	region_free(r);
	*r = out;
	return 0;
}

int region_from_condition(struct region *r, const struct condition *cond,
			  unsigned int widths)
{
	struct region alt = {0}, atom = {0};
	int rc;

	r->n = 0;
	if (cond->n_alts == 0)
		return region_all(r);
	for (size_t i = 0; i < cond->n_alts; i++) {
		const struct cond_conj *conj = &cond->alts[i];

		rc = region_all(&alt);
		for (size_t j = 0; j < conj->n_atoms && rc == 0; j++) {
			const struct cond_atom *a = &conj->atoms[j];

			rc = atom_region(&atom, a,
					 condition_width_mask(widths, a->arg));
			if (rc == 0)
				rc = intersect(&alt, &atom);
		}
		/* what this alternative adds to the earlier ones */
		if (rc == 0)
			rc = region_subtract(&alt, r);
		for (size_t j = 0; j < alt.n && rc == 0; j++)
			rc = push(r, &alt.cubes[j]);
		if (rc < 0)
			break;
	}
	if (rc == 0)
		compact(r);
	region_free(&alt);
	region_free(&atom);
	return rc;
}
