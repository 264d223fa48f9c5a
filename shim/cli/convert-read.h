/*
 * Reading a Docker/OCI seccomp profile (JSON) into the entries that decide
 * each call, for one target container (convert-read.c): the first step of
 * convert_oci_to_policy. Pure, like the rest of the converter.
 */
#ifndef SHIM_CONVERT_READ_H
#define SHIM_CONVERT_READ_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "condition.h"
#include "convert.h"
#include "error.h"

/* One comparison of an entry's args. */
struct comparison {
	unsigned int index;
	const char *op; /* policy spelling; NULL for MASKED_EQ */
	uint64_t value, value_two;
};

/* One syscalls[] entry, as it applies to each of its names. */
struct entry {
	size_t index;	 /* in syscalls[] */
	char action[64]; /* policy spelling */
	char cond[1024]; /* policy condition, "" for none */
	const char *comment;
	struct condition parsed; /* cond, parsed: for overlaps */
};

/* One call's line in the policy: the entries that decide it. */
struct call_line {
	const char *name;
	struct entry **entries;
	size_t n, cap;
	size_t first_entry; /* where the line is written */
};

/* The profile, read: its entries that apply to the target, each call's
 * line, and what the top level says. Strings point into root. */
struct profile {
	json_object *root;
	struct entry *entries;
	size_t n_entries;
	struct call_line *calls;
	size_t n_calls, cap_calls;
	char unknown[2048];	 /* names libseccomp does not know */
	char default_action[64]; /* policy spelling */
	char arches[64];	 /* the architectures line */
	int log_kernel;		 /* SECCOMP_FILTER_FLAG_LOG */
};

/*
 * convert_read_profile - parse json (len bytes, named file in messages) and
 * read the profile into *p for target. Returns 0, or -EINVAL with err
 * filled in (malformed JSON: the line and column) or -ENOMEM. Warnings go
 * to notes. *p is to be freed with convert_profile_free either way.
 */
int convert_read_profile(const char *json, size_t len, const char *file,
			 const struct convert_target *target, struct profile *p,
			 struct convert_notes *notes, struct shim_error *err);

/* convert_profile_free - release what convert_read_profile made. */
void convert_profile_free(struct profile *p);

#endif
