/*
 * The hardening switches of [policy]: keys with the meaning of systemd's
 * (systemd.exec(5)) RestrictAddressFamilies=, MemoryDenyWriteExecute=,
 * RestrictNamespaces=, LockPersonality=, RestrictSUIDSGID=,
 * RestrictRealtime=, NoNewPrivileges= and CapabilityBoundingSet=. Each one
 * but the last two expands to the argument rules a user would otherwise
 * write by hand (harden_rules, in rules.h), tried before the policy's own
 * lines for a call: systemd installs them as filters of their own, where
 * the strictest answer wins, and so no line of the policy can allow what a
 * switch denies. NO_NEW_PRIVS is always set; the capabilities are dropped
 * by the library before the filter (confine.h). Pure data and pure
 * functions.
 */
#ifndef SHIM_HARDEN_H
#define SHIM_HARDEN_H

#include <stddef.h>
#include <stdint.h>

enum harden_switch {
	HARDEN_ADDRESS_FAMILIES, /* restrict_address_families = LIST */
	HARDEN_WRITE_EXECUTE,	 /* memory_deny_write_execute = yes */
	HARDEN_NAMESPACES,	 /* restrict_namespaces = yes | LIST */
	HARDEN_PERSONALITY,	 /* lock_personality = yes */
	HARDEN_SUID_SGID,	 /* restrict_suid_sgid = yes */
	HARDEN_REALTIME,	 /* restrict_realtime = yes */
	HARDEN_NO_NEW_PRIVS,	 /* no_new_privs = yes: always so */
	HARDEN_CAPABILITIES,	 /* capability_bounding_set = LIST | ~LIST */
	HARDEN_SWITCHES
};

/* What one switch says, as written. */
struct harden_setting {
	unsigned int line; /* of its [policy] key; 0 while unset */
	const char *file;  /* the file line stands in */
	int on;		   /* "no" is off, as if the key were absent */
	/* restrict_address_families: the families listed (bit N: family N),
	 * which are the ones allowed, or with deny_listed ("~LIST") the ones
	 * denied */
	uint64_t families;
	int deny_listed;
	/* restrict_namespaces: the CLONE_NEW* flags denied */
	uint64_t namespaces;
	/* capability_bounding_set: the capabilities dropped (bit N:
	 * capability N; a list of those kept drops all 64 others) */
	uint64_t capabilities;
};

/* harden_find - the switch whose [policy] key is key, or -1. */
int harden_find(const char *key);

/* harden_key - the [policy] key of switch sw ("restrict_namespaces"). */
const char *harden_key(enum harden_switch sw);

/*
 * harden_parse - read value, the text after "KEY =", for switch sw into
 * *setting (all but line and file, which are the caller's).
 * Returns 0, or -EINVAL with a one-line reason in why.
 */
int harden_parse(enum harden_switch sw, const char *value,
		 struct harden_setting *setting, char *why, size_t why_size);

/* harden_capability_name - "CAP_CHOWN" for 0 ...; NULL past the last
 * capability this build knows. Pure. */
const char *harden_capability_name(size_t number);

/* harden_capability_number - the number of the capability named by the len
 * bytes at name, in either case, with or without "CAP_"; -1 if none.
 * Pure. */
int harden_capability_number(const char *name, size_t len);

/*
 * harden_capabilities_text - the capabilities in set (bit N: capability
 * N) by name, blank-separated ("CAP_SYS_ADMIN CAP_PERFMON"; a bit without a
 * name as its number), or "every capability but LIST" where set holds
 * more than half of them, into buf. Returns buf. Pure.
 */
const char *harden_capabilities_text(uint64_t set, char *buf, size_t size);

struct policy;
struct ruleset;
struct shim_error;

/*
 * harden_rules - put the rules of policy's hardening switches first among
 * the rules of the calls they restrict, each naming its switch (via) and
 * the switch's line: they are tried before the policy's own lines, so
 * that no line allows what a switch denies. rules_resolve (rules.h) calls
 * it. Returns 0, or a negative errno with err filled in.
 */
int harden_rules(const struct policy *policy, struct ruleset *rules,
		 struct shim_error *err);

#endif
