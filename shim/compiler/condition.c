/*
 * Argument conditions: parser, reference semantics and checks.
 *
 * Grammar (whitespace between tokens is free):
 *   condition := conj ( "||" conj )*
 *   conj      := atom ( "&&" atom )*
 *   atom      := ARG OP value
 *              | ARG "&" value ( "==" | "!=" ) value
 *              | ARG "in" "{" value ( "," value )* "}"
 *   value     := term ( "|" term )*
 *   term      := NUMBER | CONSTANT
 *   ARG       := a0 | a1 | a2 | a3 | a4 | a5
 *   OP        := "==" | "!=" | "<" | "<=" | ">" | ">="
 * NUMBER is decimal, 0x hex or 0 octal, with an optional leading '-'.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "condition.h"
#include "constants.h"

enum token_kind {
	TOK_END,
	TOK_WORD,   /* a name or a number */
	TOK_CMP,    /* == != < <= > >= */
	TOK_AMP,    /* & */
	TOK_PIPE,   /* | */
	TOK_AND,    /* && */
	TOK_OR,	    /* || */
	TOK_LBRACE, /* { */
	TOK_RBRACE, /* } */
	TOK_COMMA,  /* , */
	TOK_BAD,
};

struct lexer {
	const char *pos;
	enum token_kind kind;
	char text[64]; /* the current token */
	char *why;
	size_t why_size;
	int failed; /* 0, or the negative errno of the first failure */
};

static int fail(struct lexer *lx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct lexer *lx, const char *fmt, ...)
{
	va_list ap;

	if (!lx->failed) {
		va_start(ap, fmt);
		vsnprintf(lx->why, lx->why_size, fmt, ap);
		va_end(ap);
		lx->failed = -EINVAL;
	}
	return -EINVAL;
}

/* Out of memory: the first failure unless one came before. */
static int fail_nomem(struct lexer *lx)
{
	if (!lx->failed) {
		snprintf(lx->why, lx->why_size, "out of memory");
		lx->failed = -ENOMEM;
	}
	return -ENOMEM;
}

/* Read the next token into lx->kind and lx->text. */
static void next(struct lexer *lx)
{
	const char *p = lx->pos;
	size_t n = 0;

	while (isspace((unsigned char)*p))
		p++;
	lx->kind = TOK_BAD;
	if (!*p) {
		lx->kind = TOK_END;
	} else if (isalnum((unsigned char)*p) || *p == '_' || *p == '-') {
		n = 1;
		while (isalnum((unsigned char)p[n]) || p[n] == '_')
			n++;
		lx->kind = TOK_WORD;
	} else if ((p[0] == '=' || p[0] == '!') && p[1] == '=') {
		n = 2;
		lx->kind = TOK_CMP;
	} else if (p[0] == '<' || p[0] == '>') {
		n = p[1] == '=' ? 2 : 1;
		lx->kind = TOK_CMP;
	} else if (p[0] == '&') {
		n = p[1] == '&' ? 2 : 1;
		lx->kind = n == 2 ? TOK_AND : TOK_AMP;
	} else if (p[0] == '|') {
		n = p[1] == '|' ? 2 : 1;
		lx->kind = n == 2 ? TOK_OR : TOK_PIPE;
	} else if (p[0] == '{' || p[0] == '}' || p[0] == ',') {
		n = 1;
		lx->kind = p[0] == '{'	 ? TOK_LBRACE
			   : p[0] == '}' ? TOK_RBRACE
					 : TOK_COMMA;
	} else {
		n = 1;
	}
	snprintf(lx->text, sizeof(lx->text), "%.*s", (int)n, p);
	if (n >= sizeof(lx->text))
		lx->kind = TOK_BAD;
	lx->pos = p + n;
}

static const char *shown(const struct lexer *lx)
{
	return lx->kind == TOK_END ? "the end of the line" : lx->text;
}

/* NUMBER or CONSTANT. */
static int parse_term(struct lexer *lx, uint64_t *value)
{
	const char *t = lx->text;
	char *end;

	if (lx->kind != TOK_WORD)
		return fail(lx, "expected a number or a constant, got '%s'",
			    shown(lx));
	if (isdigit((unsigned char)t[0]) || t[0] == '-') {
		int negative = t[0] == '-';
		unsigned long long n;

		errno = 0;
		n = strtoull(t + negative, &end, 0);
		if (errno || *end || end == t + negative ||
		    (negative && n > (1ULL << 63)))
			return fail(lx, "'%s' is not a number", t);
		*value = negative ? (uint64_t)0 - n : n;
	} else if (constant_lookup(t, value) < 0) {
		return fail(lx, "unknown constant '%s'", t);
	}
	next(lx);
	return 0;
}

/* term ( "|" term )* */
static int parse_value(struct lexer *lx, uint64_t *value)
{
	uint64_t term;

	if (parse_term(lx, value) < 0)
		return -EINVAL;
	while (lx->kind == TOK_PIPE) {
		next(lx);
		if (parse_term(lx, &term) < 0)
			return -EINVAL;
		*value |= term;
	}
	return 0;
}

static int parse_in(struct lexer *lx, struct cond_atom *atom)
{
	next(lx);
	if (lx->kind != TOK_LBRACE)
		return fail(lx, "expected '{' after 'in', got '%s'", shown(lx));
	atom->set = calloc(COND_MAX_SET, sizeof(*atom->set));
	if (!atom->set)
		return fail_nomem(lx);
	atom->op = COND_IN;
	do {
		next(lx);
		if (atom->n_set == COND_MAX_SET)
			return fail(lx, "more than %d values in {...}",
				    COND_MAX_SET);
		if (parse_value(lx, &atom->set[atom->n_set++]) < 0)
			return -EINVAL;
	} while (lx->kind == TOK_COMMA);
	if (lx->kind != TOK_RBRACE)
		return fail(lx, "expected ',' or '}', got '%s'", shown(lx));
	next(lx);
	return 0;
}

static const struct {
	const char *text;
	enum cond_op op;
} comparisons[] = {
	{"==", COND_EQ}, {"!=", COND_NE}, {"<", COND_LT},
	{"<=", COND_LE}, {">", COND_GT},  {">=", COND_GE},
};

static int parse_atom(struct lexer *lx, struct cond_atom *atom)
{
	memset(atom, 0, sizeof(*atom));
	if (lx->kind != TOK_WORD || lx->text[0] != 'a' || lx->text[1] < '0' ||
	    lx->text[1] > '5' || lx->text[2])
		return fail(lx, "expected an argument a0..a5, got '%s'",
			    shown(lx));
	atom->arg = (unsigned int)(lx->text[1] - '0');
	next(lx);

	if (lx->kind == TOK_WORD && strcmp(lx->text, "in") == 0)
		return parse_in(lx, atom);
	if (lx->kind == TOK_AMP) {
		next(lx);
		if (parse_value(lx, &atom->mask) < 0)
			return -EINVAL;
		if (lx->kind != TOK_CMP || (strcmp(lx->text, "==") != 0 &&
					    strcmp(lx->text, "!=") != 0))
			return fail(lx,
				    "expected '==' or '!=' after the mask, "
				    "got '%s'",
				    shown(lx));
		atom->op = lx->text[0] == '=' ? COND_MASKED_EQ : COND_MASKED_NE;
		next(lx);
		return parse_value(lx, &atom->value);
	}
	if (lx->kind == TOK_CMP) {
		for (size_t i = 0;
		     i < sizeof(comparisons) / sizeof(*comparisons); i++)
			if (strcmp(lx->text, comparisons[i].text) == 0)
				atom->op = comparisons[i].op;
		next(lx);
		return parse_value(lx, &atom->value);
	}
	return fail(lx,
		    "expected a comparison (== != < <= > >= & in) after "
		    "a%u, got '%s'",
		    atom->arg, shown(lx));
}

static int parse_conj(struct lexer *lx, struct cond_conj *conj)
{
	conj->atoms = calloc(COND_MAX_ATOMS, sizeof(*conj->atoms));
	if (!conj->atoms)
		return fail_nomem(lx);
	for (;;) {
		if (conj->n_atoms == COND_MAX_ATOMS)
			return fail(lx, "more than %d comparisons joined by &&",
				    COND_MAX_ATOMS);
		if (parse_atom(lx, &conj->atoms[conj->n_atoms++]) < 0)
			return -EINVAL;
		if (lx->kind != TOK_AND)
			return 0;
		next(lx);
	}
}

int condition_parse(const char *text, struct condition *cond, char *why,
		    size_t why_size)
{
	struct lexer lx = {.pos = text, .why = why, .why_size = why_size};

	memset(cond, 0, sizeof(*cond));
	cond->alts = calloc(COND_MAX_ALTS, sizeof(*cond->alts));
	if (!cond->alts)
		return fail_nomem(&lx);
	next(&lx);
	for (;;) {
		if (cond->n_alts == COND_MAX_ALTS) {
			fail(&lx, "more than %d alternatives joined by ||",
			     COND_MAX_ALTS);
			break;
		}
		if (parse_conj(&lx, &cond->alts[cond->n_alts++]) < 0)
			break;
		if (lx.kind == TOK_END)
			return 0;
		if (lx.kind != TOK_OR) {
			fail(&lx, "expected '&&', '||' or the end, got '%s'",
			     shown(&lx));
			break;
		}
		next(&lx);
	}
	condition_free(cond);
	return lx.failed ? lx.failed : -EINVAL;
}

int condition_parse_value(const char *text, uint64_t *value, char *why,
			  size_t why_size)
{
	struct lexer lx = {.pos = text, .why = why, .why_size = why_size};

	*value = 0;
	next(&lx);
	if (parse_value(&lx, value) < 0)
		return lx.failed ? lx.failed : -EINVAL;
	if (lx.kind != TOK_END)
		return fail(&lx, "expected '|' or the end, got '%s'",
			    shown(&lx));
	return 0;
}

void condition_free(struct condition *cond)
{
	for (size_t i = 0; i < cond->n_alts; i++) {
		for (size_t j = 0; j < cond->alts[i].n_atoms; j++)
			free(cond->alts[i].atoms[j].set);
		free(cond->alts[i].atoms);
	}
	free(cond->alts);
	memset(cond, 0, sizeof(*cond));
}

uint64_t condition_width_mask(unsigned int widths, unsigned int arg)
{
	if (widths & COND_WIDTH16(arg))
		return 0xffffu;
	if (widths & COND_WIDTH32(arg))
		return 0xffffffffu;
	return ~0ull;
}

static int atom_holds(const struct cond_atom *atom, const uint64_t *args,
		      unsigned int widths)
{
	uint64_t width = condition_width_mask(widths, atom->arg);
	uint64_t a = args[atom->arg] & width, v = atom->value & width;
	uint64_t m = atom->mask & width;

	switch (atom->op) {
	case COND_EQ:
		return a == v;
	case COND_NE:
		return a != v;
	case COND_LT:
		return a < v;
	case COND_LE:
		return a <= v;
	case COND_GT:
		return a > v;
	case COND_GE:
		return a >= v;
	case COND_MASKED_EQ:
		return (a & m) == v;
	case COND_MASKED_NE:
		return (a & m) != v;
	case COND_IN:
		for (size_t i = 0; i < atom->n_set; i++)
			if (a == (atom->set[i] & width))
				return 1;
		return 0;
	}
	return 0;
}

int condition_holds(const struct condition *cond, const uint64_t *args,
		    unsigned int widths)
{
	if (cond->n_alts == 0)
		return 1;
	for (size_t i = 0; i < cond->n_alts; i++) {
		const struct cond_conj *conj = &cond->alts[i];
		size_t j = 0;

		while (j < conj->n_atoms &&
		       atom_holds(&conj->atoms[j], args, widths))
			j++;
		if (j == conj->n_atoms)
			return 1;
	}
	return 0;
}

/* Whether an atom can hold for some value of its argument. */
static int atom_possible(const struct cond_atom *atom, uint64_t width)
{
	uint64_t v = atom->value & width, m = atom->mask & width;

	switch (atom->op) {
	case COND_LT:
		return v != 0;
	case COND_GT:
		return v != width;
	case COND_MASKED_EQ:
		return (v & ~m) == 0;
	case COND_MASKED_NE:
		return m != 0 || v != 0;
	default:
		return 1;
	}
}

/* Whether v can be meant for an argument of width (a two's complement
 * negative number counts when it is sign-extended from that width). */
static int fits(uint64_t v, uint64_t width)
{
	return width == ~0ull || v <= width || v >= ~(width >> 1);
}

int condition_check(const struct condition *cond, unsigned int widths,
		    char *why, size_t why_size)
{
	for (size_t i = 0; i < cond->n_alts; i++) {
		const struct cond_conj *conj = &cond->alts[i];

		for (size_t j = 0; j < conj->n_atoms; j++) {
			const struct cond_atom *atom = &conj->atoms[j];
			uint64_t width =
				condition_width_mask(widths, atom->arg);
			int ok = fits(atom->value, width) &&
				 fits(atom->mask, width);

			for (size_t k = 0; k < atom->n_set; k++)
				ok = ok && fits(atom->set[k], width);
			if (!ok) {
				snprintf(why, why_size,
					 "a%u is a %d-bit argument: a value "
					 "does not fit in %d bits",
					 atom->arg, width == 0xffffu ? 16 : 32,
					 width == 0xffffu ? 16 : 32);
				return -EINVAL;
			}
			if (!atom_possible(atom, width)) {
				char text[128];
				struct cond_conj one = {
					(struct cond_atom *)atom, 1};
				struct condition c = {&one, 1};

				snprintf(why, why_size, "'%s' can never hold",
					 condition_format(&c, text,
							  sizeof(text)));
				return -EINVAL;
			}
		}
	}
	return 0;
}

static const char *op_text(enum cond_op op)
{
	switch (op) {
	case COND_EQ:
	case COND_MASKED_EQ:
		return "==";
	case COND_NE:
	case COND_MASKED_NE:
		return "!=";
	case COND_LT:
		return "<";
	case COND_LE:
		return "<=";
	case COND_GT:
		return ">";
	case COND_GE:
		return ">=";
	case COND_IN:
		return "in";
	}
	return "?";
}

const char *condition_format(const struct condition *cond, char *buf,
			     size_t size)
{
	size_t len = 0;

#define PUT(...)                                                               \
	do {                                                                   \
		if (len < size)                                                \
			len += (size_t)snprintf(buf + len, size - len,         \
						__VA_ARGS__);                  \
	} while (0)
	buf[0] = '\0';
	for (size_t i = 0; i < cond->n_alts; i++) {
		const struct cond_conj *conj = &cond->alts[i];

		PUT("%s", i ? " || " : "");
		for (size_t j = 0; j < conj->n_atoms; j++) {
			const struct cond_atom *a = &conj->atoms[j];

			PUT("%sa%u", j ? " && " : "", a->arg);
			if (a->op == COND_MASKED_EQ || a->op == COND_MASKED_NE)
				PUT(" & 0x%llx", (unsigned long long)a->mask);
			if (a->op == COND_IN) {
				PUT(" in {");
				for (size_t k = 0; k < a->n_set; k++)
					PUT("%s0x%llx", k ? ", " : "",
					    (unsigned long long)a->set[k]);
				PUT("}");
			} else {
				PUT(" %s 0x%llx", op_text(a->op),
				    (unsigned long long)a->value);
			}
		}
	}
#undef PUT
	return buf;
}
