/* Compiling a ruleset into a libseccomp filter, and loading it. */
#ifndef SHIM_FILTER_H
#define SHIM_FILTER_H

#include <seccomp.h>

#include "error.h"
#include "rules.h"

/*
 * filter_build - compile rules into a new libseccomp context in *ctx:
 * TSYNC set, foreign ABIs killed. Makes no system calls but libseccomp's
 * one-time probe of what the kernel offers.
 * Returns 0, or a negative errno with err filled in.
 */
int filter_build(const struct ruleset *rules, scmp_filter_ctx *ctx,
		 struct shim_error *err);

#endif
