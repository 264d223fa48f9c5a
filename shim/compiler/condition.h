/*
 * Argument conditions: the CONDITION of "ACTION if CONDITION". Pure data
 * and pure functions: parsing and evaluating make no system calls.
 */
#ifndef SHIM_CONDITION_H
#define SHIM_CONDITION_H

#include <stddef.h>
#include <stdint.h>

#define COND_MAX_ARGS  6
#define COND_MAX_ALTS  64  /* alternatives joined with || */
#define COND_MAX_ATOMS 16  /* comparisons joined with && */
#define COND_MAX_SET   128 /* values in an "in {...}" */

enum cond_op {
	COND_EQ, /* aN == V */
	COND_NE, /* aN != V */
	COND_LT, /* aN < V (unsigned) */
	COND_LE,
	COND_GT,
	COND_GE,
	COND_MASKED_EQ, /* aN & M == V */
	COND_MASKED_NE, /* aN & M != V */
	COND_IN,	/* aN in {V, ...} */
};

/* One comparison of one argument. */
struct cond_atom {
	unsigned int arg; /* 0..5 */
	enum cond_op op;
	uint64_t mask;	/* COND_MASKED_*: the mask */
	uint64_t value; /* every op but COND_IN */
	uint64_t *set;	/* COND_IN: the values */
	size_t n_set;
};

/* Comparisons that must all hold. */
struct cond_conj {
	struct cond_atom *atoms;
	size_t n_atoms;
};

/* Alternatives of which one must hold; no alternative at all: always. */
struct condition {
	struct cond_conj *alts;
	size_t n_alts;
};

/*
 * condition_parse - parse text ("a0 == AF_UNIX || a1 & 3 == 0") into
 * *cond. Returns 0, or -EINVAL with a one-line reason in why; on failure
 * *cond holds nothing to free.
 */
int condition_parse(const char *text, struct condition *cond, char *why,
		    size_t why_size);

/*
 * condition_parse_value - parse a value as a condition writes it: numbers
 * (decimal, 0x hex, 0 octal, a leading '-') and named constants, joined
 * by '|' ("O_CREAT|0x1", "AT_FDCWD"). The command's arguments are read
 * with it too. Returns 0, or -EINVAL with the reason in why.
 */
int condition_parse_value(const char *text, uint64_t *value, char *why,
			  size_t why_size);

/* condition_free - release what condition_parse allocated. */
void condition_free(struct condition *cond);

/*
 * Argument widths of one call, packed: bit N set when the kernel reads
 * argument N as 32-bit or narrower, bit N + 8 when as 16-bit.
 */
#define COND_WIDTH32(n) (1u << (n))
#define COND_WIDTH16(n) (1u << ((n) + 8))
#define COND_ALL32	0x3fu

/* condition_width_mask - the bits of argument arg the kernel reads. */
uint64_t condition_width_mask(unsigned int widths, unsigned int arg);

/*
 * condition_holds - the reference semantics: whether cond holds for the
 * argument values args. Arguments narrower than 64 bits in widths are read
 * as the kernel reads them, on their low 32 or 16 bits, and so are the
 * values they are compared with. Returns 1 or 0.
 */
int condition_holds(const struct condition *cond, const uint64_t *args,
		    unsigned int widths);

/*
 * condition_check - reasons a parsed condition cannot be used for a call
 * whose argument widths are widths: a value that does not fit a narrow
 * argument, or a comparison that can never hold. Returns 0, or -EINVAL
 * with the reason in why.
 */
int condition_check(const struct condition *cond, unsigned int widths,
		    char *why, size_t why_size);

/*
 * condition_format - the condition in policy syntax, numbers in hex, into
 * buf. Returns buf.
 */
const char *condition_format(const struct condition *cond, char *buf,
			     size_t size);

#endif
