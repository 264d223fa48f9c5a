/*
 * The [policy] hardening switches (harden.h): their values, and the rules
 * they expand to. Every rule names the switch's key and line, so that
 * `explain` and the reports of log = stderr say which key denied a call.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/net.h>
#include <linux/shm.h>
#include <sched.h>
#include <seccomp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/stat.h>

#include "constants.h"
#include "harden.h"
#include "rules.h"

/* The keys, by switch, in the order of harden.h's list of systemd's
 * options. */
static const char *const keys[HARDEN_SWITCHES] = {
	[HARDEN_ADDRESS_FAMILIES] = "restrict_address_families",
	[HARDEN_WRITE_EXECUTE] = "memory_deny_write_execute",
	[HARDEN_NAMESPACES] = "restrict_namespaces",
	[HARDEN_PERSONALITY] = "lock_personality",
	[HARDEN_SUID_SGID] = "restrict_suid_sgid",
	[HARDEN_REALTIME] = "restrict_realtime",
	[HARDEN_NO_NEW_PRIVS] = "no_new_privs",
	[HARDEN_CAPABILITIES] = "capability_bounding_set",
};

/* Capability names by number: include/uapi/linux/capability.h's. */
static const char *const capability_names[] = {
	[CAP_CHOWN] = "CAP_CHOWN",
	[CAP_DAC_OVERRIDE] = "CAP_DAC_OVERRIDE",
	[CAP_DAC_READ_SEARCH] = "CAP_DAC_READ_SEARCH",
	[CAP_FOWNER] = "CAP_FOWNER",
	[CAP_FSETID] = "CAP_FSETID",
	[CAP_KILL] = "CAP_KILL",
	[CAP_SETGID] = "CAP_SETGID",
	[CAP_SETUID] = "CAP_SETUID",
	[CAP_SETPCAP] = "CAP_SETPCAP",
	[CAP_LINUX_IMMUTABLE] = "CAP_LINUX_IMMUTABLE",
	[CAP_NET_BIND_SERVICE] = "CAP_NET_BIND_SERVICE",
	[CAP_NET_BROADCAST] = "CAP_NET_BROADCAST",
	[CAP_NET_ADMIN] = "CAP_NET_ADMIN",
	[CAP_NET_RAW] = "CAP_NET_RAW",
	[CAP_IPC_LOCK] = "CAP_IPC_LOCK",
	[CAP_IPC_OWNER] = "CAP_IPC_OWNER",
	[CAP_SYS_MODULE] = "CAP_SYS_MODULE",
	[CAP_SYS_RAWIO] = "CAP_SYS_RAWIO",
	[CAP_SYS_CHROOT] = "CAP_SYS_CHROOT",
	[CAP_SYS_PTRACE] = "CAP_SYS_PTRACE",
	[CAP_SYS_PACCT] = "CAP_SYS_PACCT",
	[CAP_SYS_ADMIN] = "CAP_SYS_ADMIN",
	[CAP_SYS_BOOT] = "CAP_SYS_BOOT",
	[CAP_SYS_NICE] = "CAP_SYS_NICE",
	[CAP_SYS_RESOURCE] = "CAP_SYS_RESOURCE",
	[CAP_SYS_TIME] = "CAP_SYS_TIME",
	[CAP_SYS_TTY_CONFIG] = "CAP_SYS_TTY_CONFIG",
	[CAP_MKNOD] = "CAP_MKNOD",
	[CAP_LEASE] = "CAP_LEASE",
	[CAP_AUDIT_WRITE] = "CAP_AUDIT_WRITE",
	[CAP_AUDIT_CONTROL] = "CAP_AUDIT_CONTROL",
	[CAP_SETFCAP] = "CAP_SETFCAP",
	[CAP_MAC_OVERRIDE] = "CAP_MAC_OVERRIDE",
	[CAP_MAC_ADMIN] = "CAP_MAC_ADMIN",
	[CAP_SYSLOG] = "CAP_SYSLOG",
	[CAP_WAKE_ALARM] = "CAP_WAKE_ALARM",
	[CAP_BLOCK_SUSPEND] = "CAP_BLOCK_SUSPEND",
	[CAP_AUDIT_READ] = "CAP_AUDIT_READ",
	[CAP_PERFMON] = "CAP_PERFMON",
	[CAP_BPF] = "CAP_BPF",
	[CAP_CHECKPOINT_RESTORE] = "CAP_CHECKPOINT_RESTORE",
};
#define N_CAPABILITIES (sizeof(capability_names) / sizeof(*capability_names))
_Static_assert(N_CAPABILITIES == CAP_LAST_CAP + 1,
	       "a capability without a name");

const char *harden_capability_name(size_t number)
{
	return number < N_CAPABILITIES ? capability_names[number] : NULL;
}

int harden_capability_number(const char *name, size_t len)
{
	for (size_t i = 0; i < N_CAPABILITIES; i++) {
		const char *full = capability_names[i];

		if ((strlen(full) == len &&
		     strncasecmp(full, name, len) == 0) ||
		    (strlen(full) - 4 == len &&
		     strncasecmp(full + 4, name, len) == 0))
			return (int)i;
	}
	return -1;
}

/* restrict_namespaces' type names, systemd's, and their clone flags. */
static const struct {
	const char *name;
	uint64_t flag;
} namespace_types[] = {
	{"cgroup", CLONE_NEWCGROUP}, {"ipc", CLONE_NEWIPC},
	{"mnt", CLONE_NEWNS},	     {"net", CLONE_NEWNET},
	{"pid", CLONE_NEWPID},	     {"user", CLONE_NEWUSER},
	{"uts", CLONE_NEWUTS},
#ifdef CLONE_NEWTIME
	{"time", CLONE_NEWTIME},
#endif
};
#define N_NAMESPACE_TYPES (sizeof(namespace_types) / sizeof(*namespace_types))

/* The bits a file mode may not have under restrict_suid_sgid. */
#define SUID_SGID ((uint64_t)(S_ISUID | S_ISGID))

/* The kernel's own O_TMPFILE bit (glibc's O_TMPFILE adds O_DIRECTORY). */
#define TMPFILE_BIT ((uint64_t)(O_TMPFILE & ~O_DIRECTORY))

/* The exit signal in clone's flags: CLONE_NEWTIME there is a signal bit. */
#define CLONE_SIGNAL_BITS 0xffu

int harden_find(const char *key)
{
	for (int i = 0; i < HARDEN_SWITCHES; i++)
		if (strcmp(keys[i], key) == 0)
			return i;
	return -1;
}

const char *harden_key(enum harden_switch sw)
{
	return keys[sw];
}

static uint64_t all_namespaces(void)
{
	uint64_t all = 0;

	for (size_t i = 0; i < N_NAMESPACE_TYPES; i++)
		all |= namespace_types[i].flag;
	return all;
}

/* A list value: "~" first makes it a list of what is denied (or
 * dropped); its words, split at blanks and commas, from first_word and then
 * next_word, live in copy (policy lines are far shorter than it). */
static char *first_word(const char *value, int *deny_listed, char *copy,
			size_t size, char **save)
{
	*deny_listed = *value == '~';
	snprintf(copy, size, "%s", value + *deny_listed);
	return strtok_r(copy, " \t,", save);
}

static char *next_word(char **save)
{
	return strtok_r(NULL, " \t,", save);
}

/* "AF_UNIX AF_INET", "~AF_PACKET" or "none". */
static int parse_families(const char *value, struct harden_setting *setting,
			  char *why, size_t why_size)
{
	char copy[256], *token, *save = NULL;
	int listed = 0, none = 0;

	for (token = first_word(value, &setting->deny_listed, copy,
				sizeof(copy), &save);
	     token; token = next_word(&save)) {
		uint64_t family;

		listed++;
		if (strcmp(token, "none") == 0 && setting->deny_listed)
			return error_why(
				why, why_size,
				"restrict_address_families: 'none' cannot "
				"follow '~' (none alone denies every "
				"family)");
		if (strcmp(token, "none") == 0) {
			none = 1;
			continue;
		}
		/* the names are the constants table's: AF_UNIX, AF_LOCAL ... */
		if (strncmp(token, "AF_", 3) != 0 ||
		    constant_lookup(token, &family) < 0 || family >= 64)
			return error_why(why, why_size,
					 "unknown address family '%s' in "
					 "restrict_address_families (expected "
					 "names such as AF_UNIX, or none)",
					 token);
		setting->families |= (uint64_t)1 << family;
	}
	if (!listed)
		return error_why(
			why, why_size,
			"'restrict_address_families =' needs a list: the "
			"address families allowed (AF_UNIX AF_INET ...), "
			"~LIST for those denied, or none");
	if (none && listed > 1)
		return error_why(
			why, why_size,
			"restrict_address_families: 'none' allows no "
			"address family, and cannot be listed with any");
	setting->on = 1;
	return 0;
}

/* "yes", "no", "cgroup ipc ..." (allowed) or "~user net" (denied). */
static int parse_namespaces(const char *value, struct harden_setting *setting,
			    char *why, size_t why_size)
{
	char copy[256], *token, *save = NULL;
	uint64_t listed = 0;
	int deny_listed = 0, n = 0;

	if (strcmp(value, "yes") == 0 || strcmp(value, "no") == 0) {
		setting->on = value[0] == 'y';
		setting->namespaces = setting->on ? all_namespaces() : 0;
		return 0;
	}
	for (token = first_word(value, &deny_listed, copy, sizeof(copy), &save);
	     token; token = next_word(&save), n++) {
		size_t i = 0;

		while (i < N_NAMESPACE_TYPES &&
		       strcmp(namespace_types[i].name, token) != 0)
			i++;
		if (i == N_NAMESPACE_TYPES)
			return error_why(
				why, why_size,
				"unknown namespace type '%s' in "
				"restrict_namespaces (expected yes, no, or "
				"a list of cgroup ipc mnt net pid user "
				"uts%s)",
				token, N_NAMESPACE_TYPES > 7 ? " time" : "");
		listed |= namespace_types[i].flag;
	}
	if (!n)
		return error_why(
			why, why_size,
			"'restrict_namespaces =' needs yes, no, the "
			"namespace types allowed (net ipc ...) or ~LIST "
			"for those denied");
	setting->on = 1;
	setting->namespaces = deny_listed ? listed : all_namespaces() & ~listed;
	return 0;
}

/* "CAP_NET_BIND_SERVICE ..." (kept), "~CAP_SYS_ADMIN ..." (dropped) or
 * "none" (every one dropped); names in either case, "CAP_" optional. */
static int parse_capabilities(const char *value, struct harden_setting *setting,
			      char *why, size_t why_size)
{
	char copy[256], *token, *save = NULL;
	uint64_t listed = 0;
	int deny_listed = 0, n = 0, none = 0;

	for (token = first_word(value, &deny_listed, copy, sizeof(copy), &save);
	     token; token = next_word(&save), n++) {
		int number;

		if (strcasecmp(token, "none") == 0 && !deny_listed) {
			none = 1;
			continue;
		}
		number = harden_capability_number(token, strlen(token));
		if (number < 0)
			return error_why(why, why_size,
					 "unknown capability '%s' in "
					 "capability_bounding_set (expected "
					 "names such as CAP_SYS_ADMIN, or "
					 "none)",
					 token);
		listed |= (uint64_t)1 << number;
	}
	if (!n)
		return error_why(why, why_size,
				 "'capability_bounding_set =' needs a list: "
				 "the capabilities kept (CAP_CHOWN ...), "
				 "~LIST for those dropped, or none");
	if (none && n > 1)
		return error_why(why, why_size,
				 "capability_bounding_set: 'none' keeps no "
				 "capability, and cannot be listed with any");
	setting->on = 1;
	setting->capabilities = deny_listed ? listed : ~listed;
	return 0;
}

const char *harden_capabilities_text(uint64_t set, char *buf, size_t size)
{
	size_t len = 0;
	int n = 0, but;
	uint64_t shown;

	for (int i = 0; i < 64; i++)
		n += (int)(set >> i & 1);
	but = n > 32;
	shown = but ? ~set : set;
	buf[0] = '\0';
	if (but)
		len += (size_t)snprintf(buf, size, "every capability%s",
					shown ? " but" : "");
	for (int i = 0; i < 64 && len < size; i++) {
		const char *name = harden_capability_name((size_t)i);

		if (!(shown >> i & 1))
			continue;
		if (name)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
						len ? " " : "", name);
		else
			len += (size_t)snprintf(buf + len, size - len, "%s%d",
						len ? " " : "", i);
	}
	return buf;
}

int harden_parse(enum harden_switch sw, const char *value,
		 struct harden_setting *setting, char *why, size_t why_size)
{
	setting->on = 0;
	setting->families = setting->namespaces = setting->capabilities = 0;
	setting->deny_listed = 0;
	switch (sw) {
	case HARDEN_ADDRESS_FAMILIES:
		return parse_families(value, setting, why, why_size);
	case HARDEN_CAPABILITIES:
		return parse_capabilities(value, setting, why, why_size);
	case HARDEN_NAMESPACES:
		return parse_namespaces(value, setting, why, why_size);
	case HARDEN_NO_NEW_PRIVS:
		if (strcmp(value, "no") == 0)
			return error_why(
				why, why_size,
				"no_new_privs cannot be 'no': the shim "
				"always sets NO_NEW_PRIVS before it "
				"installs a filter (the kernel requires it "
				"of processes without CAP_SYS_ADMIN, and "
				"it keeps set-user-ID programs from "
				"gaining privileges under the filter)");
		break;
	default:
		break;
	}
	if (strcmp(value, "yes") == 0 || strcmp(value, "no") == 0) {
		setting->on = value[0] == 'y';
		return 0;
	}
	return error_why(why, why_size, "unknown %s '%s' (expected yes or no)",
			 keys[sw], value);
}

/*
 * The conditions of the switches' rules, which the rules point to: one
 * block, owned by the ruleset (rules->harden). A condition's alternatives,
 * and an alternative's comparisons, are built one after the other, so
 * that each lies in one piece.
 */
#define STORE_ATOMS 160
#define STORE_CONJS 64
#define STORE_CONDS 64
struct store {
	struct cond_atom atoms[STORE_ATOMS];
	struct cond_conj conjs[STORE_CONJS];
	struct condition conds[STORE_CONDS];
	uint64_t set[64]; /* the families of a deny-list */
	size_t n_atoms, n_conjs, n_conds;
	int full; /* more than the block holds: a bug here */
};

static const struct condition always = {NULL, 0};

/* A new condition, with no alternative yet. */
static struct condition *begin(struct store *s)
{
	struct condition *cond;

	if (s->n_conds == STORE_CONDS) {
		s->full = 1;
		return &s->conds[STORE_CONDS - 1];
	}
	cond = &s->conds[s->n_conds++];
	cond->alts = &s->conjs[s->n_conjs];
	cond->n_alts = 0;
	return cond;
}

/* Start the next alternative of cond. */
static void alternative(struct store *s, struct condition *cond)
{
	if (s->n_conjs == STORE_CONJS) {
		s->full = 1;
		return;
	}
	s->conjs[s->n_conjs++] = (struct cond_conj){&s->atoms[s->n_atoms], 0};
	cond->n_alts++;
}

/* Add "aARG OP VALUE" (masked: "aARG & MASK OP VALUE") to cond's last
 * alternative. */
static void compare(struct store *s, struct condition *cond, unsigned int arg,
		    enum cond_op op, uint64_t mask, uint64_t value)
{
	if (s->full || !cond->n_alts || s->n_atoms == STORE_ATOMS) {
		s->full = 1;
		return;
	}
	s->atoms[s->n_atoms++] = (struct cond_atom){
		.arg = arg, .op = op, .mask = mask, .value = value};
	cond->alts[cond->n_alts - 1].n_atoms++;
}

/* A condition of one comparison. */
static const struct condition *one(struct store *s, unsigned int arg,
				   enum cond_op op, uint64_t mask,
				   uint64_t value)
{
	struct condition *cond = begin(s);

	alternative(s, cond);
	compare(s, cond, arg, op, mask, value);
	return cond;
}

/* "aARG & BITS != 0": any of bits set. */
static const struct condition *any_bit(struct store *s, unsigned int arg,
				       uint64_t bits)
{
	return one(s, arg, COND_MASKED_NE, bits, 0);
}

struct expansion {
	struct ruleset *rules;
	struct store *store;
	const struct harden_setting *setting;
	enum harden_switch sw;
	int personality_set; /* lock_personality is on in its own right */
};

/* The switch's rule for call: fail with error where cond holds. */
static int deny(struct expansion *x, const char *call, int error,
		const struct condition *cond)
{
	struct rule rule = {SCMP_ACT_ERRNO((uint32_t)error), cond,
			    x->setting->line, keys[x->sw], x->setting->file};

	return rules_prepend(x->rules, call, rule);
}

/*
 * socket() with a family the list does not allow fails with
 * EAFNOSUPPORT; socketpair() is left alone, as systemd leaves it (it makes
 * only connected local sockets). socketcall(2), i386's route to socket(),
 * passes the family behind a pointer: there every socket() fails, where
 * systemd applies nothing.
 */
static int restrict_families(struct expansion *x)
{
	const struct harden_setting *setting = x->setting;
	struct store *s = x->store;
	const struct condition *cond = &always;
	int rc;

	if (setting->deny_listed) {
		struct condition *in = begin(s);
		size_t n = 0;

		for (uint64_t family = 0; family < 64; family++)
			if (setting->families & (uint64_t)1 << family)
				s->set[n++] = family;
		alternative(s, in);
		compare(s, in, 0, COND_IN, 0, 0);
		if (!s->full) {
			s->atoms[s->n_atoms - 1].set = s->set;
			s->atoms[s->n_atoms - 1].n_set = n;
		}
		cond = in;
	} else if (setting->families) {
		struct condition *none_of = begin(s);

		alternative(s, none_of);
		for (uint64_t family = 0; family < 64; family++)
			if (setting->families & (uint64_t)1 << family)
				compare(s, none_of, 0, COND_NE, 0, family);
		cond = none_of;
	}
	rc = deny(x, "socket", EAFNOSUPPORT, cond);
	if (rc == 0)
		rc = deny(x, "socketcall", EAFNOSUPPORT,
			  one(s, 0, COND_EQ, 0, SYS_SOCKET));
	return rc;
}

static int lock_personality(struct expansion *x);

/*
 * Memory both writable and executable, or made executable later, and
 * shared memory attached executable: EPERM, as systemd's filter does
 * (mmap, mprotect, pkey_mprotect, shmat; on i386 mmap2, and shmat through
 * ipc(2), where systemd lets it pass). memfd_create is left alone, as
 * systemd leaves it. And the rules of lock_personality: READ_IMPLIES_EXEC
 * would undo the rest. (The library also sets PR_SET_MDWE where the
 * kernel has it: confine.h.)
 */
static int deny_write_execute(struct expansion *x)
{
	struct store *s = x->store;
	const struct condition *wx =
		one(s, 2, COND_MASKED_EQ, PROT_WRITE | PROT_EXEC,
		    PROT_WRITE | PROT_EXEC);
	const struct condition *x_bit = any_bit(s, 2, PROT_EXEC);
	struct condition *ipc_shmat = begin(s);
	int rc;

	/* ipc(SHMAT, shmid, shmflg, ...): the version in the upper half */
	alternative(s, ipc_shmat);
	compare(s, ipc_shmat, 0, COND_MASKED_EQ, 0xffff, SHMAT);
	compare(s, ipc_shmat, 2, COND_MASKED_NE, SHM_EXEC, 0);
	rc = deny(x, "mmap", EPERM, wx);
	if (rc == 0)
		rc = deny(x, "mmap2", EPERM, wx);
	/* personality(READ_IMPLIES_EXEC) would make every readable mapping
	 * executable: the switch implies lock_personality (unless that is
	 * set itself, and says so) */
	if (rc == 0 && !x->personality_set)
		rc = lock_personality(x);
	if (rc == 0)
		rc = deny(x, "mprotect", EPERM, x_bit);
	if (rc == 0)
		rc = deny(x, "pkey_mprotect", EPERM, x_bit);
	if (rc == 0)
		rc = deny(x, "shmat", EPERM, any_bit(s, 2, SHM_EXEC));
	if (rc == 0)
		rc = deny(x, "ipc", EPERM, ipc_shmat);
	return rc;
}

/*
 * New namespaces of a denied type (unshare, clone) and joining one
 * (setns): EPERM. setns(fd, 0), "whatever type fd is", is refused as soon
 * as any type is, and setns altogether when every type is. clone3 hides its
 * flags behind a pointer: ENOSYS, after which glibc uses clone.
 */
static int restrict_namespaces(struct expansion *x)
{
	struct store *s = x->store;
	uint64_t denied = x->setting->namespaces;
	uint64_t by_clone = denied & ~(uint64_t)CLONE_SIGNAL_BITS;
	const struct condition *joining = &always;
	int rc;

	if (!denied)
		return 0; /* every type allowed */
	if (denied != all_namespaces()) {
		struct condition *cond = begin(s);

		alternative(s, cond);
		compare(s, cond, 1, COND_EQ, 0, 0);
		alternative(s, cond);
		compare(s, cond, 1, COND_MASKED_NE, denied, 0);
		joining = cond;
	}
	rc = deny(x, "unshare", EPERM, any_bit(s, 0, denied));
	if (rc == 0 && by_clone) /* x86's clone: the flags are a0 */
		rc = deny(x, "clone", EPERM, any_bit(s, 0, by_clone));
	if (rc == 0)
		rc = deny(x, "setns", EPERM, joining);
	if (rc == 0)
		rc = deny(x, "clone3", ENOSYS, &always);
	return rc;
}

/* personality() may only query, or set the default persona again. */
static int lock_personality(struct expansion *x)
{
	struct store *s = x->store;
	struct condition *other = begin(s);

	alternative(s, other);
	compare(s, other, 0, COND_NE, 0, PER_LINUX);
	compare(s, other, 0, COND_NE, 0, 0xffffffffu);
	return deny(x, "personality", EPERM, other);
}

/*
 * Modes with the set-user-ID or set-group-ID bit, wherever a call sets a
 * mode: chmod and its kin, directories and nodes made, files created
 * (O_CREAT, and O_TMPFILE, which systemd does not check). EPERM; openat2's
 * mode is behind a pointer: ENOSYS, after which callers use openat.
 */
static int restrict_suid_sgid(struct expansion *x)
{
	static const struct {
		const char *call;
		unsigned int mode; /* the argument that holds the mode */
		int flags;	   /* the one that holds O_CREAT, or -1 */
	} calls[] = {
		{"chmod", 1, -1},     {"fchmod", 1, -1},  {"fchmodat", 2, -1},
		{"fchmodat2", 2, -1}, {"mkdir", 1, -1},	  {"mkdirat", 2, -1},
		{"mknod", 1, -1},     {"mknodat", 2, -1}, {"creat", 1, -1},
		{"open", 2, 1},	      {"openat", 3, 2},
	};
	struct store *s = x->store;
	int rc = 0;

	for (size_t i = 0; rc == 0 && i < sizeof(calls) / sizeof(*calls); i++) {
		unsigned int mode = calls[i].mode;
		struct condition *cond;

		if (calls[i].flags < 0) {
			rc = deny(x, calls[i].call, EPERM,
				  any_bit(s, mode, SUID_SGID));
			continue;
		}
		cond = begin(s);
		alternative(s, cond);
		compare(s, cond, (unsigned int)calls[i].flags, COND_MASKED_NE,
			O_CREAT, 0);
		compare(s, cond, mode, COND_MASKED_NE, SUID_SGID, 0);
		alternative(s, cond);
		compare(s, cond, (unsigned int)calls[i].flags, COND_MASKED_NE,
			TMPFILE_BIT, 0);
		compare(s, cond, mode, COND_MASKED_NE, SUID_SGID, 0);
		rc = deny(x, calls[i].call, EPERM, cond);
	}
	if (rc == 0)
		rc = deny(x, "openat2", ENOSYS, &always);
	return rc;
}

/*
 * sched_setscheduler() to any policy but SCHED_OTHER, SCHED_BATCH and
 * SCHED_IDLE (SCHED_RESET_ON_FORK added or not): EPERM. sched_setattr
 * passes the policy behind a pointer: ENOSYS, after which callers use
 * sched_setscheduler (systemd leaves it open, a way around the switch).
 */
static int restrict_realtime(struct expansion *x)
{
	static const uint64_t ordinary[] = {SCHED_OTHER, SCHED_BATCH,
					    SCHED_IDLE};
	struct store *s = x->store;
	struct condition *realtime = begin(s);
	int rc;

	alternative(s, realtime);
	for (size_t i = 0; i < sizeof(ordinary) / sizeof(*ordinary); i++)
		compare(s, realtime, 1, COND_MASKED_NE,
			0xffffffffu & ~(uint64_t)SCHED_RESET_ON_FORK,
			ordinary[i]);
	rc = deny(x, "sched_setscheduler", EPERM, realtime);
	if (rc == 0)
		rc = deny(x, "sched_setattr", ENOSYS, &always);
	return rc;
}

/* Whether rule is one of a switch's. */
static int from_switch(const struct rule *rule)
{
	for (int i = 0; i < HARDEN_SWITCHES; i++)
		if (rule->via == keys[i])
			return 1;
	return 0;
}

/* The rules' values fit the arguments as every ABI of the filter reads
 * them: a bug here otherwise. */
static int check_widths(const struct ruleset *rules, struct shim_error *err)
{
	char why[sizeof(err->message)];

	for (size_t i = 0; i < rules->n_calls; i++) {
		const struct call_rules *call = &rules->calls[i];
		unsigned int widths = call->widths;

		for (size_t j = 0; j < rules->n_arches; j++)
			widths |= rules_widths(call, rules->arches[j]);
		for (size_t j = 0; j < call->n_rules; j++) {
			const struct rule *rule = &call->rules[j];

			if (from_switch(rule) &&
			    condition_check(rule->cond, widths, why,
					    sizeof(why)) < 0)
				return error_set(err, rule->file, rule->line,
						 "internal error: %s: %s",
						 call->name, why);
		}
	}
	return 0;
}

int harden_rules(const struct policy *policy, struct ruleset *rules,
		 struct shim_error *err)
{
	static int (*const expand[HARDEN_SWITCHES])(struct expansion *) = {
		[HARDEN_ADDRESS_FAMILIES] = restrict_families,
		[HARDEN_WRITE_EXECUTE] = deny_write_execute,
		[HARDEN_NAMESPACES] = restrict_namespaces,
		[HARDEN_PERSONALITY] = lock_personality,
		[HARDEN_SUID_SGID] = restrict_suid_sgid,
		[HARDEN_REALTIME] = restrict_realtime,
		/* no_new_privs: the shim sets it before every filter;
		 * capability_bounding_set: the library drops them */
	};
	struct expansion x = {rules, NULL, NULL, 0,
			      policy->harden[HARDEN_PERSONALITY].on};
	int any = 0, rc = 0;

	for (int i = 0; i < HARDEN_SWITCHES; i++)
		any |= policy->harden[i].on && expand[i];
	if (!any)
		return 0;
	x.store = calloc(1, sizeof(*x.store));
	if (!x.store)
		return error_nomem(err, policy->file, 0);
	free(rules->harden);
	rules->harden = x.store;
	for (int i = 0; rc == 0 && i < HARDEN_SWITCHES; i++) {
		if (!policy->harden[i].on || !expand[i])
			continue;
		x.setting = &policy->harden[i];
		x.sw = (enum harden_switch)i;
		rc = expand[i](&x);
	}
	if (rc < 0)
		return error_nomem(err, policy->file, 0);
	if (x.store->full)
		return error_set(err, policy->file, 0,
				 "internal error: the hardening switches' "
				 "rules outgrew their room");
	return check_widths(rules, err);
}
