/*
 * struct ruleset -> seccomp BPF.
 *
 * The program checks the ABI, then finds the system call by a binary search
 * over its number (a few busy calls with argument conditions by one
 * comparison each, ahead of it), then runs the call's rules in order. Calls
 * without conditions end in a return without loading an argument, so the
 * kernel's per-syscall action cache can learn them. Code is emitted with
 * symbolic labels; an assembler then lays it out and adds "ja" trampolines
 * where a conditional jump would reach further than its 8-bit offset allows.
 */
#include "config.h"

#include <errno.h>
#include <seccomp.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "compiled.h"
#include "filter.h"

#define X32_SYSCALL_BIT 0x40000000u
#define OFF_NR		offsetof(struct seccomp_data, nr)
#define OFF_ARCH	offsetof(struct seccomp_data, arch)
/* Little-endian: the low word of argument i first, then the high word. */
#define OFF_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#define OFF_HI(i) (OFF_LO(i) + 4)

/* A label, or NEXT: the instruction that follows. */
#define NEXT	 (-1)
#define IS_LABEL 0xffff

struct op {
	uint16_t code; /* BPF code, or IS_LABEL */
	uint32_t k;    /* operand; for IS_LABEL the label's number */
	int jt, jf;    /* conditional jumps and ja (jt): label numbers */
};

struct emitter {
	struct op *ops;
	size_t n, cap;
	int labels;
	int failed;
	int backward; /* a jump that would go backwards: a compiler bug */
};

static void emit(struct emitter *e, uint16_t code, uint32_t k, int jt, int jf)
{
	if (e->failed)
		return;
	if (e->n == e->cap) {
		size_t cap = e->cap ? 2 * e->cap : 256;
		struct op *grown = realloc(e->ops, cap * sizeof(*grown));

		if (!grown) {
			e->failed = 1;
			return;
		}
		e->ops = grown;
		e->cap = cap;
	}
	e->ops[e->n++] = (struct op){code, k, jt, jf};
}

static int new_label(struct emitter *e)
{
	return e->labels++;
}

static void place(struct emitter *e, int label)
{
	emit(e, IS_LABEL, (uint32_t)label, NEXT, NEXT);
}

static void load(struct emitter *e, uint32_t offset)
{
	emit(e, BPF_LD | BPF_W | BPF_ABS, offset, NEXT, NEXT);
}

static void ret(struct emitter *e, uint32_t action)
{
	emit(e, BPF_RET | BPF_K, action, NEXT, NEXT);
}

static void jump(struct emitter *e, uint16_t op, uint32_t k, int jt, int jf)
{
	emit(e, BPF_JMP | op | BPF_K, k, jt, jf);
}

static void and_mask(struct emitter *e, uint32_t mask)
{
	emit(e, BPF_ALU | BPF_AND | BPF_K, mask, NEXT, NEXT);
}

/* One comparison on the low 32 bits; holds: fall through, else jump f. */
static void emit_atom32(struct emitter *e, const struct cond_atom *a,
			uint32_t width, int f)
{
	uint32_t v = (uint32_t)a->value & width, t = (uint32_t)new_label(e);

	load(e, OFF_LO(a->arg));
	/* a 16-bit argument: the kernel ignores the bits above */
	if (width != 0xffffffffu && a->op != COND_MASKED_EQ &&
	    a->op != COND_MASKED_NE)
		and_mask(e, width);
	switch (a->op) {
	case COND_EQ:
		jump(e, BPF_JEQ, v, NEXT, f);
		break;
	case COND_NE:
		jump(e, BPF_JEQ, v, f, NEXT);
		break;
	case COND_LT:
		jump(e, BPF_JGE, v, f, NEXT);
		break;
	case COND_LE:
		jump(e, BPF_JGT, v, f, NEXT);
		break;
	case COND_GT:
		jump(e, BPF_JGT, v, NEXT, f);
		break;
	case COND_GE:
		jump(e, BPF_JGE, v, NEXT, f);
		break;
	case COND_MASKED_EQ:
		and_mask(e, (uint32_t)a->mask & width);
		jump(e, BPF_JEQ, v, NEXT, f);
		break;
	case COND_MASKED_NE:
		and_mask(e, (uint32_t)a->mask & width);
		jump(e, BPF_JEQ, v, f, NEXT);
		break;
	case COND_IN:
		for (size_t i = 0; i + 1 < a->n_set; i++)
			jump(e, BPF_JEQ, (uint32_t)a->set[i] & width, (int)t,
			     NEXT);
		jump(e, BPF_JEQ, (uint32_t)a->set[a->n_set - 1] & width, NEXT,
		     f);
		break;
	}
	place(e, (int)t);
}

/*
 * One comparison on all 64 bits, the high word first (unsigned order):
 * holds: fall through, else jump f.
 */
static void emit_atom64(struct emitter *e, const struct cond_atom *a, int f)
{
	uint32_t vh = (uint32_t)(a->value >> 32), vl = (uint32_t)a->value;
	uint32_t mh = (uint32_t)(a->mask >> 32), ml = (uint32_t)a->mask;
	int t = new_label(e);
	/* For the negated forms, "the positive form holds" jumps to f. */
	int neg = a->op == COND_NE || a->op == COND_LT || a->op == COND_LE ||
		  a->op == COND_MASKED_NE;
	int yes = neg ? f : t, no = neg ? t : f;

	switch (a->op) {
	case COND_EQ:
	case COND_NE:
		load(e, OFF_HI(a->arg));
		jump(e, BPF_JEQ, vh, NEXT, no);
		load(e, OFF_LO(a->arg));
		jump(e, BPF_JEQ, vl, yes, no);
		break;
	case COND_GT:
	case COND_LE: /* not (a > v) */
	case COND_GE:
	case COND_LT: { /* not (a >= v) */
		uint16_t last = a->op == COND_GT || a->op == COND_LE ? BPF_JGT
								     : BPF_JGE;

		load(e, OFF_HI(a->arg));
		jump(e, BPF_JGT, vh, yes, NEXT);
		/* not above 0 is 0: no second test of the high word */
		if (vh != 0)
			jump(e, BPF_JEQ, vh, NEXT, no);
		load(e, OFF_LO(a->arg));
		jump(e, last, vl, yes, no);
		break;
	}
	case COND_MASKED_EQ:
	case COND_MASKED_NE:
		load(e, OFF_HI(a->arg));
		and_mask(e, mh);
		jump(e, BPF_JEQ, vh, NEXT, no);
		load(e, OFF_LO(a->arg));
		and_mask(e, ml);
		jump(e, BPF_JEQ, vl, yes, no);
		break;
	case COND_IN:
		for (size_t i = 0; i < a->n_set; i++) {
			int other = i + 1 < a->n_set ? new_label(e) : f;

			load(e, OFF_HI(a->arg));
			jump(e, BPF_JEQ, (uint32_t)(a->set[i] >> 32), NEXT,
			     other);
			load(e, OFF_LO(a->arg));
			jump(e, BPF_JEQ, (uint32_t)a->set[i], t, other);
			if (other != f)
				place(e, other);
		}
		break;
	}
	place(e, t);
}

/* The rules of one call; falls into nothing: every path returns. */
static void emit_call(struct emitter *e, const struct call_rules *call,
		      unsigned int widths, uint32_t default_action)
{
	for (size_t i = 0; i < call->n_rules; i++) {
		const struct rule *rule = &call->rules[i];

		if (rule->cond->n_alts == 0) {
			ret(e, rule->action);
			return;
		}
		for (size_t j = 0; j < rule->cond->n_alts; j++) {
			const struct cond_conj *conj = &rule->cond->alts[j];
			int fail = new_label(e);

			for (size_t k = 0; k < conj->n_atoms; k++) {
				const struct cond_atom *a = &conj->atoms[k];

				uint64_t width =
					condition_width_mask(widths, a->arg);

				if (width != ~0ull)
					emit_atom32(e, a, (uint32_t)width,
						    fail);
				else
					emit_atom64(e, a, fail);
			}
			ret(e, rule->action);
			place(e, fail);
		}
	}
	ret(e, default_action);
}

/* A system call of one ABI and where its code starts. */
struct entry {
	uint32_t nr;
	int label;
	int conditional; /* its rules load arguments */
};

/*
 * How many calls with argument conditions are looked for before the
 * search. The kernel's action cache answers unconditional calls without
 * running the filter, so the filter runs mostly for these, and a busy one
 * is found in one jump instead of about log2(n). But each comparison ahead
 * of the search is one more step for every other call too when the kernel
 * builds its action cache (it walks the filter for each of some 460 calls
 * at every attach), so only calls from busy_calls go ahead of it: the ones
 * a program can make thousands of times a second.
 */
#define FILTER_FRONT_CALLS 4

static const char busy_calls[][16] = {
	"read",	      "write",	     "pread64",	   "pwrite64",
	"readv",      "writev",	     "recvfrom",   "sendto",
	"recvmsg",    "sendmsg",     "ioctl",	   "futex",
	"poll",	      "ppoll",	     "epoll_wait", "epoll_pwait",
	"select",     "pselect6",    "lseek",	   "fcntl",
	"close",      "mmap",	     "munmap",	   "mprotect",
	"madvise",    "openat",	     "newfstatat", "fstat",
	"getdents64", "sched_yield", "nanosleep",  "clock_nanosleep",
};

#define N_BUSY_CALLS (sizeof(busy_calls) / sizeof(*busy_calls))

/* busy_calls' numbers on ABI arch (-1 where it has none), looked up once. */
static void busy_numbers(uint32_t arch, int nrs[N_BUSY_CALLS])
{
	for (size_t i = 0; i < N_BUSY_CALLS; i++)
		nrs[i] = rules_nr(arch, busy_calls[i]);
}

static int busy(const int nrs[N_BUSY_CALLS], uint32_t nr)
{
	for (size_t i = 0; i < N_BUSY_CALLS; i++)
		if (nrs[i] == (int)nr)
			return 1;
	return 0;
}

static int by_nr(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

/*
 * A run of system call numbers [lo, next segment's lo) with one target.
 * The segments of an ABI cover every number: the policy's calls, the calls
 * it does not name (the default) and the numbers libseccomp's table does
 * not know (newer_syscalls).
 */
struct segment {
	uint32_t lo;
	int label;
};

/*
 * Binary search over segments: each node is one "jge", a leaf is the
 * segment's own target, so finding a call costs about log2(n) jumps and
 * loads nothing but the number (the kernel's action cache follows it).
 */
static void emit_search(struct emitter *e, const struct segment *v, size_t n,
			int here)
{
	size_t mid = n / 2;
	int left, right;

	if (n == 1) {
		if (here >= 0) /* only the root can be a single segment */
			place(e, here);
		emit(e, BPF_JMP | BPF_JA, 0, v[0].label, NEXT);
		return;
	}
	left = mid == 1 ? v[0].label : new_label(e);
	right = n - mid == 1 ? v[mid].label : new_label(e);
	if (here >= 0)
		place(e, here);
	jump(e, BPF_JGE, v[mid].lo, right, left);
	if (mid > 1)
		emit_search(e, v, mid, left);
	if (n - mid > 1)
		emit_search(e, v + mid, n - mid, right);
}

/* Whether two calls run the same code: the same lines, argument widths. */
static int same_rules(const struct call_rules *a, const struct call_rules *b,
		      uint32_t arch)
{
	if (a->n_rules != b->n_rules ||
	    rules_widths(a, arch) != rules_widths(b, arch))
		return 0;
	for (size_t i = 0; i < a->n_rules; i++)
		if (a->rules[i].action != b->rules[i].action ||
		    a->rules[i].cond != b->rules[i].cond)
			return 0;
	return 1;
}

static int only_returns(const struct call_rules *call)
{
	return call->n_rules == 1 && call->rules[0].cond->n_alts == 0;
}

/* What emit_abi plans before it emits: each call's label, and the
 * segments of the search over the call numbers. */
struct abi_plan {
	struct entry *v; /* the calls with a number, sorted by it */
	size_t n;
	int *label; /* by index in rules->calls: where its code is, or -1 */
	int *owner; /* whether that call's code is placed under its label */
	struct segment *seg;
	size_t n_seg;
	int to_default, to_newer;
};

/* Give each call of ABI arch a label: calls that only return share one
 * per action, calls with the same lines one copy of them. */
static void plan_labels(struct emitter *e, const struct ruleset *rules,
			uint32_t arch, struct abi_plan *plan)
{
	for (size_t i = 0; i < rules->n_calls; i++) {
		const struct call_rules *call = &rules->calls[i];
		int nr = rules_nr(arch, call->name);
		int duplicate = 0, *label = plan->label;

		label[i] = -1;
		if (nr < 0)
			continue;
		for (size_t j = 0; j < plan->n; j++)
			duplicate |= plan->v[j].nr == (uint32_t)nr;
		if (duplicate)
			continue;
		/* A call that only returns what the unnamed ones return
		 * shares their return (and their segments of the search). */
		if (only_returns(call) &&
		    call->rules[0].action == rules->default_action)
			label[i] = plan->to_default;
		else if (only_returns(call) &&
			 call->rules[0].action == rules->newer_action)
			label[i] = plan->to_newer;
		for (size_t j = 0; j < i && label[i] < 0; j++) {
			const struct call_rules *other = &rules->calls[j];

			if (label[j] < 0)
				continue;
			if (only_returns(call) && only_returns(other) &&
			    call->rules[0].action == other->rules[0].action)
				label[i] = label[j];
			else if (!only_returns(call) && !only_returns(other) &&
				 same_rules(call, other, arch))
				label[i] = label[j];
		}
		if (label[i] < 0) {
			label[i] = new_label(e);
			plan->owner[i] = 1;
		}
		plan->v[plan->n].nr = (uint32_t)nr;
		plan->v[plan->n].conditional = !only_returns(call);
		plan->v[plan->n++].label = label[i];
	}
	qsort(plan->v, plan->n, sizeof(*plan->v), by_nr);
}

/* Segments: every number up to the last libseccomp knows, then the newer
 * ones, then -1 (no call), which gets the default. Returns 0 or -ENOMEM. */
static int plan_segments(uint32_t arch, struct abi_plan *plan)
{
	uint32_t base = arch == SCMP_ARCH_X32 ? X32_SYSCALL_BIT : 0;
	uint32_t top = rules_last_known(arch);
	struct segment *seg = calloc(2 * (size_t)(top - base) + 2 * plan->n + 8,
				     sizeof(*seg));
	size_t n_seg = 0;

	if (!seg)
		return -ENOMEM;
	if (base)
		seg[n_seg++] = (struct segment){0, plan->to_newer};
	for (uint32_t nr = base, k = 0; nr <= top + 1; nr++) {
		int target;

		while (k < plan->n && plan->v[k].nr < nr)
			k++;
		if (k < plan->n && plan->v[k].nr == nr)
			target = plan->v[k].label;
		else if (nr <= top && rules_known(arch, nr))
			target = plan->to_default;
		else
			target = plan->to_newer;
		if (n_seg == 0 || seg[n_seg - 1].label != target)
			seg[n_seg++] = (struct segment){nr, target};
	}
	seg[n_seg++] = (struct segment){0xffffffffu, plan->to_default};
	plan->seg = seg;
	plan->n_seg = n_seg;
	return 0;
}

/* The dispatch: the busiest conditional calls first, one comparison each,
 * then the binary search. */
static void emit_dispatch(struct emitter *e, uint32_t arch,
			  const struct abi_plan *plan)
{
	int busy_nrs[N_BUSY_CALLS];

	busy_numbers(arch, busy_nrs);
	for (size_t k = 0, front = 0; k < plan->n && front < FILTER_FRONT_CALLS;
	     k++) {
		if (!plan->v[k].conditional || !busy(busy_nrs, plan->v[k].nr))
			continue;
		jump(e, BPF_JEQ, plan->v[k].nr, plan->v[k].label, NEXT);
		front++;
	}
	emit_search(e, plan->seg, plan->n_seg, -1);
}

/* The code under each label: the shared returns, then each call's lines. */
static void emit_bodies(struct emitter *e, const struct ruleset *rules,
			uint32_t arch, const struct abi_plan *plan)
{
	place(e, plan->to_default);
	ret(e, rules->default_action);
	place(e, plan->to_newer);
	ret(e, rules->newer_action);
	for (size_t i = 0; i < rules->n_calls; i++) {
		const struct call_rules *call = &rules->calls[i];

		if (!plan->owner[i])
			continue;
		place(e, plan->label[i]);
		if (only_returns(call))
			ret(e, call->rules[0].action);
		else
			emit_call(e, call, rules_widths(call, arch),
				  rules->default_action);
	}
}

/*
 * Dispatch and rule code for the calls of ABI arch (an SCMP_ARCH_*). Calls
 * that only return share one return per action; calls with the same lines
 * (the members of a group line with a condition) share one copy of them.
 */
static void emit_abi(struct emitter *e, const struct ruleset *rules,
		     uint32_t arch)
{
	struct abi_plan plan = {
		.v = calloc(rules->n_calls + 1, sizeof(*plan.v)),
		.label = calloc(rules->n_calls + 1, sizeof(*plan.label)),
		.owner = calloc(rules->n_calls + 1, sizeof(*plan.owner)),
		.to_default = new_label(e),
		.to_newer = new_label(e),
	};

	if (!plan.v || !plan.label || !plan.owner) {
		e->failed = 1;
	} else {
		plan_labels(e, rules, arch, &plan);
		if (plan_segments(arch, &plan) < 0) {
			e->failed = 1;
		} else {
			emit_dispatch(e, arch, &plan);
			emit_bodies(e, rules, arch, &plan);
		}
	}
	free(plan.v);
	free(plan.label);
	free(plan.owner);
	free(plan.seg);
}

static int has_arch(const struct ruleset *rules, uint32_t arch)
{
	for (size_t i = 0; i < rules->n_arches; i++)
		if (rules->arches[i] == arch)
			return 1;
	return 0;
}

static void emit_program(struct emitter *e, const struct ruleset *rules)
{
	uint32_t native = seccomp_arch_native();
	uint32_t abis[POLICY_MAX_ARCHES + 1];
	int section[POLICY_MAX_ARCHES + 1];
	size_t n = 0;

	abis[n++] = native;
	for (size_t i = 0; i < rules->n_arches; i++) {
		uint32_t arch = rules->arches[i];
		int seen = arch == SCMP_ARCH_X32;

		for (size_t j = 0; j < n; j++)
			seen |= abis[j] == arch;
		if (!seen)
			abis[n++] = arch;
	}
	load(e, OFF_ARCH);
	for (size_t i = 0; i < n; i++) {
		section[i] = new_label(e);
		jump(e, BPF_JEQ, abis[i], section[i], NEXT);
	}
	/* An ABI the policy does not name kills the whole process. */
	ret(e, rules->abi_action);

	for (size_t i = 0; i < n; i++) {
		int normal = new_label(e);

		place(e, section[i]);
		load(e, OFF_NR);
		if (abis[i] == SCMP_ARCH_X86_64) {
			/* x32 numbers have bit 30 set; -1 is no call. */
			int x32 = new_label(e);

			jump(e, BPF_JGE, X32_SYSCALL_BIT, NEXT, normal);
			jump(e, BPF_JEQ, 0xffffffffu, normal, NEXT);
			if (has_arch(rules, SCMP_ARCH_X32)) {
				place(e, x32);
				emit_abi(e, rules, SCMP_ARCH_X32);
			} else {
				ret(e, rules->abi_action);
			}
		}
		place(e, normal);
		emit_abi(e, rules, abis[i]);
	}
}

/* Make every fall-through (NEXT) an explicit label right after its jump,
 * so that the insertions of place_trampolines cannot redirect it. */
static void make_fallthrough_explicit(struct emitter *e)
{
	for (size_t i = 0; i < e->n && !e->failed; i++) {
		struct op *op = &e->ops[i];

		if (BPF_CLASS(op->code) != BPF_JMP || op->code == IS_LABEL ||
		    BPF_OP(op->code) == BPF_JA)
			continue;
		if (op->jt == NEXT || op->jf == NEXT) {
			int label = new_label(e);
			struct op copy;

			if (op->jt == NEXT)
				op->jt = label;
			if (op->jf == NEXT)
				op->jf = label;
			/* insert the label right after this jump */
			emit(e, 0, 0, 0, 0);
			if (e->failed)
				break;
			op = &e->ops[i];
			memmove(&e->ops[i + 2], &e->ops[i + 1],
				(e->n - i - 2) * sizeof(*e->ops));
			copy = (struct op){IS_LABEL, (uint32_t)label, NEXT,
					   NEXT};
			e->ops[i + 1] = copy;
		}
	}
}

/*
 * Lay out the ops and add a trampoline ("ja target" right after the jump)
 * for every conditional jump past 255 instructions, until all fit in 8
 * bits. Returns the position of each label (malloc'd), or NULL with
 * e->failed set.
 */
static long *place_trampolines(struct emitter *e)
{
	long *at = NULL;
	int changed = 1;

	while (changed && !e->failed) {
		long pos = 0;

		changed = 0;
		free(at);
		at = calloc((size_t)e->labels, sizeof(*at));
		if (!at) {
			e->failed = 1;
			return NULL;
		}
		for (size_t i = 0; i < e->n; i++) {
			if (e->ops[i].code == IS_LABEL)
				at[e->ops[i].k] = pos;
			else
				pos++;
		}
		pos = 0;
		/* One pass inserts every trampoline it finds needed; positions
		 * are those at the start of the pass, so a jump that the
		 * insertions push too far is found by the next pass. */
		for (size_t i = 0; i < e->n && !e->failed; i++) {
			struct op *op = &e->ops[i];
			int targets[2], far[2];
			size_t add, at_i;

			if (op->code == IS_LABEL)
				continue;
			pos++;
			if (BPF_CLASS(op->code) != BPF_JMP ||
			    BPF_OP(op->code) == BPF_JA)
				continue;
			targets[0] = op->jt;
			targets[1] = op->jf;
			if (at[targets[0]] < pos || at[targets[1]] < pos) {
				/* BPF jumps only forward: a bug here */
				e->backward = e->failed = 1;
				break;
			}
			far[0] = at[targets[0]] - pos > 255;
			far[1] = at[targets[1]] - pos > 255;
			if (!far[0] && !far[1])
				continue;
			/* jump to "ja target" placed right after the jump */
			add = 2 * (size_t)(far[0] + far[1]);
			for (size_t k = 0; k < add; k++)
				emit(e, 0, 0, 0, 0);
			if (e->failed)
				break;
			memmove(&e->ops[i + 1 + add], &e->ops[i + 1],
				(e->n - add - i - 1) * sizeof(*e->ops));
			at_i = i + 1;
			for (int b = 0; b < 2; b++) {
				int hop;

				if (!far[b])
					continue;
				hop = new_label(e);
				if (b == 0)
					e->ops[i].jt = hop;
				else
					e->ops[i].jf = hop;
				e->ops[at_i++] = (struct op){
					IS_LABEL, (uint32_t)hop, NEXT, NEXT};
				e->ops[at_i++] = (struct op){
					BPF_JMP | BPF_JA, 0, targets[b], NEXT};
			}
			i += add; /* not counted in pos: not in this layout */
			changed = 1;
		}
	}
	if (e->failed) {
		free(at);
		return NULL;
	}
	return at;
}

/* Write the laid-out ops as instructions, each jump as an offset to its
 * label's position in at. Returns 0, -ENOMEM, or -EINVAL for a jump
 * backwards. */
static int encode(const struct emitter *e, const long *at, struct filter *out)
{
	out->len = 0;
	for (size_t i = 0; i < e->n; i++)
		out->len += e->ops[i].code != IS_LABEL;
	out->insns = calloc(out->len ? out->len : 1, sizeof(*out->insns));
	if (!out->insns)
		return -ENOMEM;
	long pos = 0;

	for (size_t i = 0; i < e->n; i++) {
		const struct op *op = &e->ops[i];
		struct sock_filter *insn = &out->insns[pos];

		if (op->code == IS_LABEL)
			continue;
		pos++;
		*insn = (struct sock_filter){op->code, 0, 0, op->k};
		if (BPF_CLASS(op->code) != BPF_JMP)
			continue;
		if (BPF_OP(op->code) == BPF_JA) {
			if (at[op->jt] < pos) {
				free(out->insns);
				out->insns = NULL;
				out->len = 0;
				return -EINVAL;
			}
			insn->k = (uint32_t)(at[op->jt] - pos);
			continue;
		}
		insn->jt = (uint8_t)(at[op->jt] - pos);
		insn->jf = (uint8_t)(at[op->jf] - pos);
	}
	return 0;
}

/*
 * Lay out ops: NEXT becomes an explicit label, then trampolines are added
 * until every conditional jump fits in 8 bits, then the instructions are
 * written. Returns 0, -ENOMEM or -EINVAL (a jump backwards: a bug). Its
 * size is the caller's to check.
 */
static int assemble(struct emitter *e, struct filter *out)
{
	long *at;
	int rc;

	make_fallthrough_explicit(e);
	at = place_trampolines(e);
	if (!at)
		return e->backward ? -EINVAL : -ENOMEM;
	rc = encode(e, at, out);
	free(at);
	return rc;
}

int filter_build(const struct ruleset *rules, struct filter *filter,
		 struct shim_error *err)
{
	struct emitter e = {0};
	int rc;

	memset(filter, 0, sizeof(*filter));
	emit_program(&e, rules);
	rc = e.failed ? -ENOMEM : assemble(&e, filter);
	free(e.ops);
	if (rc == -EINVAL)
		return error_set(
			err, rules->file, 0,
			"internal error: a backward jump in the filter");
	if (rc < 0)
		return error_nomem(err, rules->file, 0);
	if (filter->len > FILTER_MAX_INSNS) {
		size_t len = filter->len;

		filter_free(filter);
		return error_set(err, rules->file, 0,
				 "the filter is too large for the kernel: %zu "
				 "instructions, at most %d",
				 len, FILTER_MAX_INSNS);
	}
	return 0;
}

uint64_t filter_digest(const struct filter *filter)
{
	static const char salt[] = PACKAGE_STRING;

	return compiled_hash(
		compiled_hash(COMPILED_HASH_INIT, salt, sizeof(salt)),
		filter->insns, filter->len * sizeof(*filter->insns));
}

void filter_free(struct filter *filter)
{
	free(filter->insns);
	memset(filter, 0, sizeof(*filter));
}

uint32_t filter_run(const struct filter *filter,
		    const struct seccomp_data *data)
{
	uint32_t a = 0;
	size_t pc = 0;

	while (pc < filter->len) {
		const struct sock_filter *insn = &filter->insns[pc++];
		uint32_t k = insn->k;

		switch (insn->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (k > sizeof(*data) - 4 || k % 4)
				return SECCOMP_RET_KILL_PROCESS;
			memcpy(&a, (const char *)data + k, 4);
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= k;
			break;
		case BPF_JMP | BPF_JA:
			pc += k;
			break;
		case BPF_JMP | BPF_JEQ | BPF_K:
			pc += a == k ? insn->jt : insn->jf;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			pc += a > k ? insn->jt : insn->jf;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			pc += a >= k ? insn->jt : insn->jf;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			pc += (a & k) ? insn->jt : insn->jf;
			break;
		case BPF_RET | BPF_K:
			return k;
		default:
			return SECCOMP_RET_KILL_PROCESS;
		}
	}
	return SECCOMP_RET_KILL_PROCESS;
}
