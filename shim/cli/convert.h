/*
 * Converting between Docker/OCI seccomp profiles (JSON) and policies.
 * Pure: the converter reads text and writes text; reading files, the
 * kernel's version and printing are the command's (cmd-convert.c).
 * convert-read.c reads profiles, convert.c decides, convert-emit.c writes.
 */
#ifndef SHIM_CONVERT_H
#define SHIM_CONVERT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define CONVERT_MAX_NOTES 256

/* What the profile's conditional entries (includes, excludes) are resolved
 * for: the container the profile would run in. */
struct convert_target {
	uint64_t caps;	    /* capability bits held (1 << CAP_*) */
	const char *arch;   /* Go's name for the architecture: "amd64" */
	unsigned int major; /* kernel version, for minKernel */
	unsigned int minor;
};

/* Warnings: what the runtime would do that a policy cannot, or does
 * another way; the converted policy keeps them as comments too. */
struct convert_notes {
	char *text[CONVERT_MAX_NOTES];
	size_t n;
	size_t dropped; /* past CONVERT_MAX_NOTES */
};

/*
 * convert_caps_parse - capability names ("CAP_SYS_ADMIN,CAP_NET_RAW",
 * "all", "none", "docker-default") into *caps. Returns 0, or -EINVAL with
 * the unknown name in why.
 */
int convert_caps_parse(const char *list, uint64_t *caps, char *why,
		       size_t why_size);

/* The capabilities Docker gives a container unless told otherwise. */
uint64_t convert_docker_caps(void);

/*
 * convert_oci_to_policy - the policy (INI text, malloc'd into *out) that
 * decides as the profile json (len bytes, named file in messages) does
 * under runc with libseccomp, for target. Returns 0, or a negative errno
 * with err filled in (malformed JSON: the line and column). Warnings go
 * to notes in either case.
 */
int convert_oci_to_policy(const char *json, size_t len, const char *file,
			  const struct convert_target *target, char **out,
			  struct convert_notes *notes, struct shim_error *err);

struct policy;
struct ruleset;

/*
 * convert_policy_to_oci - the OCI seccomp profile (JSON text, malloc'd
 * into *out) that decides as policy (resolved into rules) does on x86_64,
 * under runc with libseccomp: each line's share of a call (what it decides
 * and no earlier line does) becomes entries that no entry of another
 * action overlaps, so the runtime's ordering of rules cannot matter.
 * Returns 0, or a negative errno with err filled in (strict mode; a
 * condition too complex to write as entries). Warnings go to notes.
 */
int convert_policy_to_oci(const struct policy *policy,
			  const struct ruleset *rules, char **out,
			  struct convert_notes *notes, struct shim_error *err);

/*
 * convert_note - add a warning to notes (printf-style); past
 * CONVERT_MAX_NOTES it is counted in notes->dropped.
 */
__attribute__((format(printf, 2, 3))) void
convert_note(struct convert_notes *notes, const char *fmt, ...);

/*
 * convert_oci_action - the action a profile's SCMP_ACT_* name is (those
 * without an errno: SCMP_ACT_ERRNO, _TRACE and _NOTIFY are the reader's).
 * Returns 0, or -ENOENT for another name.
 */
int convert_oci_action(const char *name, uint32_t *action);

/*
 * convert_oci_action_name - the profile's name of action, and its errno in
 * *errno_ret (-1 for none); NULL for an action profiles cannot say.
 */
const char *convert_oci_action_name(uint32_t action, int *errno_ret);

/* convert_notes_free - release the notes' text. */
void convert_notes_free(struct convert_notes *notes);

#endif
