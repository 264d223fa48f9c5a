/*
 * The cache of compiled policies, so that a process whose policy was
 * compiled before (by an earlier start, a parent in an exec chain, or
 * `seccomp-shim compile`) only stats files, reads its entry and attaches
 * the filter.
 *
 * An entry holds the compiled policy with what it was compiled from: the
 * SECCOMP_SHIM_POLICY value, the identity and a checksum of the text of
 * the policy file and of every file it includes (compiled.h says when the
 * identity alone answers), the shim's build identity and the identity of
 * the file whose system call table gave the numbers. A lookup stats the
 * policy's files again and uses an entry only if all of that is the same;
 * anything else is a miss, and the policy is compiled as if there were no
 * cache.
 *
 * Who may write an entry: an entry is used only if it is owned by the user
 * who owns the policy file (root, for inline policy text), and it and its
 * directory are writable by that user alone. Whoever can write such an
 * entry could as well rewrite the policy file itself, so neither another
 * user nor a confined program gains a way to weaken a policy it could not
 * already change. Entries are written only by the policy file's owner.
 *
 * Where: $SECCOMP_SHIM_CACHE if set (an absolute path; anything else,
 * "off" say, turns the cache off); else for root CACHE_SYSTEM_DIR, and
 * for other users $XDG_CACHE_HOME/seccomp-shim or $HOME/.cache/seccomp-shim,
 * then CACHE_SYSTEM_DIR (read only: root's entries for root's policies).
 * The environment is read as secure_getenv would (env.h). libc only.
 */
#ifndef SHIM_CACHE_H
#define SHIM_CACHE_H

#include <stddef.h>

#include "compiled.h"

/* The format of entries; a change makes every older entry a miss. */
#define CACHE_FORMAT 8

/* The largest entry read. */
#define CACHE_MAX_ENTRY (8 << 20)

/*
 * Room for the files a lookup reads, one after another, on the caller's
 * stack (what does not fit is mapped from the kernel), so that a cached start
 * need not even set up malloc. 8 KiB holds the entry of a policy of some
 * 900 instructions (the shipped default's: about 1.2 KiB).
 */
#define CACHE_ROOM 8192
struct cache_room {
	size_t used; /* first: on the page the files start on */
	_Alignas(16) char bytes[CACHE_ROOM];
};

/*
 * cache_lookup - fill *out from an entry for setting (a path, or inline
 * text), compiled where origin (compiled_origin of setting) says, that is
 * trusted and current, as described above; with trust, every
 * source must also pass source_trusted(). *out then holds the file name,
 * the mode and the settings or filter and digest (borrowed from room,
 * which must outlive it), but no sources. Returns 1 for a hit, 0 for a
 * miss (*out untouched). Never fails otherwise: the caller compiles.
 */
int cache_lookup(const char *setting, uint64_t origin, int trust,
		 struct cache_room *room, struct compiled *out);

/*
 * cache_store - write compiled, the policy setting compiled to, into the
 * cache, where it will be found (atomically: a reader sees the old entry
 * or the new one). where, if not NULL, receives the entry's path (size
 * bytes). Returns 0, or a negative errno: not this user's policy to
 * cache, no cache directory, or a write that failed (nothing is left
 * behind then).
 */
int cache_store(const char *setting, const struct compiled *compiled,
		char *where, size_t size);

/*
 * cache_store_in - cache_store into directory dir (made if missing), not
 * where the environment says.
 */
int cache_store_in(const char *dir, const char *setting,
		   const struct compiled *compiled, char *where, size_t size);

/*
 * cache_serialize - the entry for compiled, the policy setting compiled
 * to, in a new buffer *buf (free() it) of *len bytes. Returns 0, or
 * -ENOENT (a result that may not be cached) or -ENOMEM.
 */
int cache_serialize(const char *setting, const struct compiled *compiled,
		    char **buf, size_t *len);

/* An entry, parsed: what it says, pointing into its buffer. */
struct cache_entry {
	const char *build_id, *setting, *library;
	uint64_t library_dev, library_ino, library_size;
	uint64_t library_mtime_sec, library_mtime_nsec;
	uint32_t owner, n_sources;
	const char *sources; /* n_sources (path, text) pairs */
	size_t sources_len;
	struct compiled compiled; /* borrowed: no sources */
};

/*
 * cache_entry_parse - parse the len bytes of an entry at buf into *entry
 * (pointers into buf): the format, the checksum and every length
 * checked, nothing else. Pure. Returns 0, or -EINVAL.
 */
int cache_entry_parse(const char *buf, size_t len, struct cache_entry *entry);

/*
 * cache_directory - the directory entries are written to, in dir (size
 * bytes). Returns 0, or -ENOENT if the cache is off.
 */
int cache_directory(char *dir, size_t size);

#endif
