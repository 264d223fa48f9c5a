/*
 * Writing what the converter decided (convert-emit.c): a profile's lines as
 * policy text, and a policy's entries as an OCI profile (JSON).
 */
#ifndef SHIM_CONVERT_EMIT_H
#define SHIM_CONVERT_EMIT_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "convert-read.h"
#include "convert.h"
#include "region.h"

struct policy;
struct ruleset;

/* One entry of the profile: an action, and the arguments of a cube. */
struct oci_entry {
	uint32_t action;
	struct cube cube;
	json_object *names; /* the calls it applies to */
};

struct oci_entries {
	struct oci_entry *v;
	size_t n, cap;
};

/*
 * convert_emit_policy - the policy text for the profile p, its lines
 * settled, read from file for target, with notes as comments, malloc'd
 * into *out. Returns 0 or -ENOMEM.
 */
int convert_emit_policy(const struct profile *p, const char *file,
			const struct convert_target *target,
			const struct convert_notes *notes, char **out);

/*
 * convert_emit_oci - the OCI profile (JSON text, malloc'd into *out) of
 * policy's default, ABIs and log flag, and entries. Takes the entries'
 * names whatever it returns: 0 or -ENOMEM.
 */
int convert_emit_oci(const struct policy *policy, const struct ruleset *rules,
		     const struct oci_entries *entries, char **out);

/* convert_oci_arch - the profile's name of a non-native ABI, or NULL. */
const char *convert_oci_arch(uint32_t arch);

#endif
