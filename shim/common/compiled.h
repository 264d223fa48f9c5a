/*
 * A compiled policy: everything the preload library needs to confine a
 * process, and everything it was made from, so that the cache of compiled
 * policies (cache.h) can tell whether it still holds. The compiler
 * (install.h, in the module the preload library loads only when it must
 * compile) fills it; the library's front (confine.h) uses it.
 */
#ifndef SHIM_COMPILED_H
#define SHIM_COMPILED_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "error.h"
#include "filter.h"
#include "strict.h"

/* Which file a path led to, as stat says. */
struct compiled_identity {
	uint64_t dev, ino, size;
	int64_t mtime_sec, mtime_nsec, ctime_sec, ctime_nsec;
};

/*
 * One file the policy was read from, as the compiler read it: its identity
 * and a checksum of its text. A cached entry holds while every file keeps
 * its identity, which any change of its text changes (the change time is
 * the kernel's to set), unless the change fell in the same tick of the
 * file system's clock as the identity the compiler saw: so the identity
 * alone answers only for a file whose times were at least a second old
 * when it was read (settled); for the others, the text's checksum does.
 */
struct compiled_source {
	char *path; /* as the compiler opened it */
	struct compiled_identity identity;
	uint64_t checksum; /* compiled_checksum of its text */
	int settled;
};

/* compiled_identity_of - the identity in st. Pure. */
void compiled_identity_of(struct compiled_identity *id, const struct stat *st);

/* compiled_identity_equal - whether a and b are the same. Pure. */
int compiled_identity_equal(const struct compiled_identity *a,
			    const struct compiled_identity *b);

/* The file libseccomp's system call table was loaded from. */
struct compiled_library {
	char *path; /* NULL: unknown, and the result may not be cached */
	dev_t dev;
	ino_t ino;
	off_t size;
	int64_t mtime_sec, mtime_nsec;
};

struct compiled {
	char *file; /* the policy's name in messages */
	int strict; /* strict mode (settings), or a filter (filter, digest) */
	struct strict_settings settings;
	struct filter filter;
	uint64_t digest;
	uint64_t
		origin; /* compiled_origin of the setting it was compiled for */
	int log;	/* enum policy_log: where denied calls are reported */
	int mdwe; /* memory_deny_write_execute: PR_SET_MDWE too (confine.h) */
	uint64_t drop_caps; /* capability_bounding_set: the ones dropped */
	void *report;	    /* log = stderr: the table of reports (report.h) */
	size_t report_len;
	void *landlock; /* [landlock]: the domain's table (landlock.h) */
	size_t landlock_len;
	/* the policy file first (unless the policy is inline text), then every
	 * file it includes, in the order they were read */
	struct compiled_source *sources;
	size_t n_sources;
	uid_t owner;	    /* who can change it: the policy file's owner;
			       root for inline text */
	int world_readable; /* every source is readable by everyone */
	struct compiled_library library;
	/* from the cache: file and filter.insns point into memory the
	 * lookup owns (borrowed), and storage is what compiled_free frees */
	int borrowed;
	void *storage;
};

/*
 * compiled_add_source - record that the compiler read len bytes of text
 * from path, with identity st (its owner and mode count), at the time the
 * system's clock gives. Returns 0 or -ENOMEM.
 */
int compiled_add_source(struct compiled *compiled, const char *path,
			const char *text, size_t len, const struct stat *st);

/*
 * compiled_library_identify - fill lib with the identity of the file at
 * path (stat, following links). Returns 0, or a negative errno.
 */
int compiled_library_identify(struct compiled_library *lib, const char *path);

/* FNV-1a, 64 bits: the shim's digests and checksums (not a MAC). */
#define COMPILED_HASH_INIT 0xcbf29ce484222325ULL

/* compiled_hash - hash continued over len bytes. Pure. */
uint64_t compiled_hash(uint64_t hash, const void *bytes, size_t len);

/*
 * compiled_checksum - a checksum of len bytes, eight at a time: each 8-byte
 * word w (little-endian) makes h = (h ^ w) * 0x9e3779b97f4a7c15 and then
 * h ^= h >> 32, from h = COMPILED_HASH_INIT ^ len; the last len % 8 bytes go
 * through compiled_hash. Against damaged files, not tampering (the cache's
 * owner checks are what keep others out); about five times as fast as
 * compiled_hash, for the cache entries every cached start reads. Pure.
 */
uint64_t compiled_checksum(const void *bytes, size_t len);

/*
 * compiled_origin - a key for where a SECCOMP_SHIM_POLICY value comes from,
 * as the probe (rules.h) answers it: a hash of the shim's build and the
 * inline text, or of the file's path made absolute against the working
 * directory (not resolved: no file is read). 0 if the working directory
 * cannot be had. libc-free, for the preload library's cached path.
 */
uint64_t compiled_origin(const char *setting);

/*
 * compiled_relative_key - for a relative policy path, a key for the string
 * itself, wherever it is seen from: a hash of the shim's build and the
 * string (0 for an absolute path or inline text). A filter compiled for a
 * relative path answers the probe for it too, so that a child whose
 * setting is the same string after a change of directory finds the
 * filter that string named at the top in force (confine.h). libc-free.
 */
uint64_t compiled_relative_key(const char *setting);

/* compiled_free - release what a compiled policy holds; may be repeated. */
void compiled_free(struct compiled *compiled);

#endif
