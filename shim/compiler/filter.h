/*
 * Compiling a ruleset into a seccomp BPF program, and running one.
 *
 * libseccomp 2.5 cannot express the policy language: it refuses two
 * comparisons of one argument in a rule, reorders overlapping rules for
 * one system call, drops conditional rules next to an unconditional one
 * and compares 32-bit arguments on 64 bits. So the shim writes the BPF
 * itself, with first-match chains per system call, and takes only the
 * system call numbers and ABI facts from libseccomp. Pure: no system calls.
 */
#ifndef SHIM_FILTER_H
#define SHIM_FILTER_H

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "rules.h"

/* The kernel's limit on one filter program (BPF_MAXINSNS). */
#define FILTER_MAX_INSNS 4096

struct filter {
	struct sock_filter *insns;
	size_t len;
};

/*
 * filter_build - compile rules into *filter. Returns 0, or a negative
 * errno with err filled in (a program over FILTER_MAX_INSNS among others).
 */
int filter_build(const struct ruleset *rules, struct filter *filter,
		 struct shim_error *err);

/* filter_free - release what filter_build allocated. */
void filter_free(struct filter *filter);

/*
 * filter_digest - a 64-bit digest of the program (FNV-1a over its
 * instructions, salted with the shim's version). Pure.
 */
uint64_t filter_digest(const struct filter *filter);

/*
 * filter_run - interpret filter for one system call as the kernel would.
 * Returns the SECCOMP_RET_* value, or SECCOMP_RET_KILL_PROCESS for a
 * program this interpreter does not accept (an instruction the compiler
 * never emits, a jump out of range).
 */
uint32_t filter_run(const struct filter *filter,
		    const struct seccomp_data *data);

#endif
