/* The cache of compiled policies (cache.h): files in and out, libc only. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build-id.h"
#include "cache.h"
#include "landlock.h"
#include "env.h"
#include "policy.h"
#include "report.h"
#include "source.h"
#include "sys.h"

#define MAGIC "SHIMPOL\n"

/* What the cached path compares with, in the code section (sys.h). */
static const char magic[] SYS_HOT_STRING = MAGIC;
static const char build_id[] SYS_HOT_STRING = SHIM_BUILD_ID;

/*
 * Where entries are looked for; the first is where they are written. (A
 * longer path means no cache: this lives on the stack of every start.)
 */
#define CACHE_DIR_MAX 512
struct cache_dirs {
	char path[2][CACHE_DIR_MAX];
	int n;
	int system; /* the first is CACHE_SYSTEM_DIR */
};

/* The cached path's string helpers: no libc code to fault in. */
static size_t length(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int same(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static void add_dir(struct cache_dirs *dirs, const char *a, const char *b)
{
	char *path = dirs->path[dirs->n];
	size_t la = length(a), lb = length(b);

	if (la + lb >= sizeof(dirs->path[0]))
		return;
	for (size_t i = 0; i < la; i++)
		path[i] = a[i];
	for (size_t i = 0; i <= lb; i++)
		path[la + i] = b[i];
	dirs->n++;
}

static void find_dirs(struct cache_dirs *dirs)
{
	static const char cache_variable[] SYS_HOT_STRING =
		"SECCOMP_SHIM_CACHE";
	static const char xdg_variable[] SYS_HOT_STRING = "XDG_CACHE_HOME";
	static const char home_variable[] SYS_HOT_STRING = "HOME";
	static const char system_dir[] SYS_HOT_STRING = CACHE_SYSTEM_DIR;
	static const char xdg_dir[] SYS_HOT_STRING = "/seccomp-shim";
	static const char home_dir[] SYS_HOT_STRING = "/.cache/seccomp-shim";
	const char *set = env_get(cache_variable);
	const char *base;

	dirs->n = 0;
	dirs->system = 0;
	if (set) {
		if (set[0] == '/')
			add_dir(dirs, set, xdg_dir + sizeof(xdg_dir) - 1);
		return;
	}
	if (sys1(SYS_geteuid, 0) == 0) {
		dirs->system = 1;
		add_dir(dirs, system_dir, system_dir + sizeof(system_dir) - 1);
		return;
	}
	base = env_get(xdg_variable);
	if (base && base[0] == '/') {
		add_dir(dirs, base, xdg_dir);
	} else {
		base = env_get(home_variable);
		if (base && base[0] == '/')
			add_dir(dirs, base, home_dir);
	}
	add_dir(dirs, system_dir, system_dir + sizeof(system_dir) - 1);
}

/* The entry's name: a hash of what it is for, checked again inside. */
static void entry_name(const char *setting, uint64_t origin, char name[32])
{
	static const char suffix[] SYS_HOT_STRING = ".policy";
	static const char digits[] SYS_HOT_STRING = "0123456789abcdef";
	uint64_t key =
		compiled_hash(COMPILED_HASH_INIT, build_id, sizeof(build_id));

	key = compiled_hash(key, setting, length(setting) + 1);
	key = compiled_hash(key, &origin, sizeof(origin));
	for (int i = 0; i < 16; i++)
		name[i] = digits[(key >> (60 - 4 * i)) & 15];
	for (size_t i = 0; i < sizeof(suffix); i++)
		name[16 + i] = suffix[i];
}

/* Writable by its owner alone. */
static int owner_only(const struct stat *st, uid_t owner)
{
	return st->st_uid == owner && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* --- the entry's format ------------------------------------------------- */

/*
 * MAGIC, u32 CACHE_FORMAT, u64 checksum of all that follows
 * (compiled_checksum); then, in
 * native byte order, numbers and strings (u32 length, then the bytes; a
 * C string's include its NUL): build identity, setting, libseccomp's path,
 * dev, ino, size, mtime, the owner, the count of sources and each one's
 * path, identity (dev, ino, size, mtime, ctime: u64 each) and checksum
 * (u64) and whether it is settled (u32), the policy's name in messages,
 * strict (u32), heap, stdout_full, mode_line, heap_line, the digest, the
 * origin, log, the count of instructions, the length of the table of
 * reports, the length of the Landlock table, mdwe, the capabilities
 * dropped (u64), zeros to a multiple of 8
 * bytes, the instructions, the table of reports (report.h) and zeros to a
 * multiple of 8 bytes, the Landlock table (landlock.h). No text of a policy: an
 * entry's size does not grow with the policy's.
 */
struct writer {
	char *buf;
	size_t len, cap;
	int failed;
};

static void put(struct writer *w, const void *bytes, size_t n)
{
	if (w->failed)
		return;
	if (w->len + n > w->cap) {
		size_t cap = w->cap ? w->cap : 4096;
		char *grown;

		while (cap < w->len + n)
			cap *= 2;
		grown = cap <= CACHE_MAX_ENTRY ? realloc(w->buf, cap) : NULL;
		if (!grown) {
			w->failed = 1;
			return;
		}
		w->buf = grown;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, bytes, n);
	w->len += n;
}

static void put_u32(struct writer *w, uint32_t value)
{
	unsigned char le[4] = {value, value >> 8, value >> 16, value >> 24};

	put(w, le, sizeof(le));
}

static void put_u64(struct writer *w, uint64_t value)
{
	put_u32(w, (uint32_t)value);
	put_u32(w, (uint32_t)(value >> 32));
}

static void put_bytes(struct writer *w, const char *bytes, size_t n)
{
	if (n > UINT32_MAX) {
		w->failed = 1;
		return;
	}
	put_u32(w, (uint32_t)n);
	put(w, bytes, n);
}

static void put_str(struct writer *w, const char *s)
{
	put_bytes(w, s, strlen(s) + 1);
}

static void put_source(struct writer *w, const struct compiled_source *src)
{
	const struct compiled_identity *id = &src->identity;

	put_str(w, src->path);
	put_u64(w, id->dev);
	put_u64(w, id->ino);
	put_u64(w, id->size);
	put_u64(w, (uint64_t)id->mtime_sec);
	put_u64(w, (uint64_t)id->mtime_nsec);
	put_u64(w, (uint64_t)id->ctime_sec);
	put_u64(w, (uint64_t)id->ctime_nsec);
	put_u64(w, src->checksum);
	put_u32(w, (uint32_t)src->settled);
}

#define HEADER (sizeof(MAGIC) - 1 + 4 + 8)

static int serialize(struct writer *w, const char *setting,
		     const struct compiled *c)
{
	const struct compiled_library *lib = &c->library;
	uint64_t checksum;

	put(w, MAGIC, sizeof(MAGIC) - 1);
	put_u32(w, CACHE_FORMAT);
	put_u64(w, 0); /* the checksum, below */
	put_str(w, SHIM_BUILD_ID);
	put_str(w, setting);
	put_str(w, lib->path);
	put_u64(w, (uint64_t)lib->dev);
	put_u64(w, (uint64_t)lib->ino);
	put_u64(w, (uint64_t)lib->size);
	put_u64(w, (uint64_t)lib->mtime_sec);
	put_u64(w, (uint64_t)lib->mtime_nsec);
	put_u32(w, (uint32_t)c->owner);
	put_u32(w, (uint32_t)c->n_sources);
	for (size_t i = 0; i < c->n_sources; i++)
		put_source(w, &c->sources[i]);
	put_str(w, c->file);
	put_u32(w, (uint32_t)c->strict);
	put_u64(w, (uint64_t)c->settings.heap);
	put_u32(w, (uint32_t)c->settings.stdout_full);
	put_u32(w, c->settings.mode_line);
	put_u32(w, c->settings.heap_line);
	put_u64(w, c->digest);
	put_u64(w, c->origin);
	put_u32(w, (uint32_t)c->log);
	put_u32(w, (uint32_t)c->filter.len);
	put_u32(w, (uint32_t)c->report_len);
	put_u32(w, (uint32_t)c->landlock_len);
	put_u32(w, (uint32_t)c->mdwe);
	put_u64(w, c->drop_caps);
	while (w->len % 8)
		put(w, "", 1);
	put(w, c->filter.insns, c->filter.len * sizeof(*c->filter.insns));
	if (c->report_len)
		put(w, c->report, c->report_len);
	while (w->len % 8)
		put(w, "", 1);
	if (c->landlock_len)
		put(w, c->landlock, c->landlock_len);
	if (w->failed)
		return -ENOMEM;
	checksum = compiled_checksum(w->buf + HEADER, w->len - HEADER);
	for (int i = 0; i < 8; i++)
		w->buf[HEADER - 8 + i] = (char)(checksum >> (8 * i));
	return 0;
}

struct reader {
	const char *start, *p;
	size_t left;
	int bad;
};

static const char *get(struct reader *r, size_t n)
{
	const char *at = r->p;

	if (r->bad || n > r->left) {
		r->bad = 1;
		return NULL;
	}
	r->p += n;
	r->left -= n;
	return at;
}

static uint32_t get_u32(struct reader *r)
{
	const unsigned char *at = (const unsigned char *)get(r, 4);
	uint32_t value = 0;

	for (int i = 3; at && i >= 0; i--)
		value = value << 8 | at[i];
	return value;
}

static uint64_t get_u64(struct reader *r)
{
	uint64_t low = get_u32(r);

	return (uint64_t)get_u32(r) << 32 | low;
}

/* The next string's bytes (in the entry); *n its length. */
static const char *get_bytes(struct reader *r, size_t *n)
{
	*n = get_u32(r);
	return get(r, *n);
}

/* The next C string (in the entry), or NULL. */
static const char *get_str(struct reader *r)
{
	size_t n;
	const char *at = get_bytes(r, &n);

	if (!at || n == 0 || length(at) != n - 1) {
		r->bad = 1;
		return NULL;
	}
	return at;
}

/* The next source's record (its path in the entry). */
static const char *get_source(struct reader *r, struct compiled_source *src)
{
	struct compiled_identity *id = &src->identity;

	src->path = (char *)get_str(r);
	id->dev = get_u64(r);
	id->ino = get_u64(r);
	id->size = get_u64(r);
	id->mtime_sec = (int64_t)get_u64(r);
	id->mtime_nsec = (int64_t)get_u64(r);
	id->ctime_sec = (int64_t)get_u64(r);
	id->ctime_nsec = (int64_t)get_u64(r);
	src->checksum = get_u64(r);
	src->settled = (int)get_u32(r);
	return r->bad ? NULL : src->path;
}

/*
 * The regular file at path (from dir_fd), whole: into what is left of
 * room if it fits (taking it), else into a new buffer left in *heap.
 * Returns its length, or -errno.
 */
static long slurp(int dir_fd, const char *path, int flags,
		  struct cache_room *room, size_t max, char **data, char **heap,
		  struct stat *st)
{
	int opened;
	long len = source_slurp(dir_fd, path, flags, room->bytes + room->used,
				sizeof(room->bytes) - room->used, max, data,
				heap, st, &opened);

	if (len >= 0 && !*heap)
		room->used += ((size_t)len + 16) & ~(size_t)15;
	return len;
}

/* Whether libseccomp is still the file the entry was compiled with. */
static int library_current(const struct cache_entry *e)
{
	struct stat st;

	return sys_stat(e->library, &st) == 0 &&
	       (uint64_t)st.st_dev == e->library_dev &&
	       (uint64_t)st.st_ino == e->library_ino &&
	       (uint64_t)st.st_size == e->library_size &&
	       (uint64_t)st.st_mtim.tv_sec == e->library_mtime_sec &&
	       (uint64_t)st.st_mtim.tv_nsec == e->library_mtime_nsec;
}

/*
 * Whether the next source still holds what it held (compiled.h): its
 * identity, where that answers, else its text's checksum. st: the file's
 * identity if the caller has it already, else NULL.
 */
static int source_current(struct reader *r, const struct stat *st, int trust,
			  struct cache_room *room)
{
	struct compiled_source src;
	struct compiled_identity now;
	struct stat here;
	char *text, *heap = NULL;
	size_t used = room->used;
	long len;
	int holds;

	if (!get_source(r, &src))
		return 0;
	if (!st) {
		if (sys_stat(src.path, &here) < 0)
			return 0;
		st = &here;
	}
	if (trust && !source_trusted(st))
		return 0;
	compiled_identity_of(&now, st);
	if (src.settled && compiled_identity_equal(&now, &src.identity))
		return 1;
	len = slurp(AT_FDCWD, src.path, 0, room, SOURCE_MAX_SIZE, &text, &heap,
		    &here);
	holds = len >= 0 &&
		compiled_checksum(text, (size_t)len) == src.checksum &&
		(!trust || source_trusted(&here));
	room->used = used; /* the next file can have its room */
	source_heap_free(heap);
	return holds;
}

int cache_entry_parse(const char *buf, size_t len, struct cache_entry *e)
{
	struct reader r = {buf, buf + HEADER, len - HEADER, 0};
	struct reader format = {buf, buf + sizeof(MAGIC) - 1, 12, 0};
	struct compiled *c = &e->compiled;
	struct compiled_source source;
	uint32_t n_insns, report_len, landlock_len;

	*e = (struct cache_entry){0};
	if (len < HEADER || !same(buf, magic, sizeof(magic) - 1) ||
	    get_u32(&format) != CACHE_FORMAT ||
	    compiled_checksum(r.p, r.left) != get_u64(&format))
		return -EINVAL;
	e->build_id = get_str(&r);
	e->setting = get_str(&r);
	e->library = get_str(&r);
	e->library_dev = get_u64(&r);
	e->library_ino = get_u64(&r);
	e->library_size = get_u64(&r);
	e->library_mtime_sec = get_u64(&r);
	e->library_mtime_nsec = get_u64(&r);
	e->owner = get_u32(&r);
	e->n_sources = get_u32(&r);
	if (e->n_sources > SOURCE_MAX_INCLUDES + 1)
		return -EINVAL;
	e->sources = r.p;
	for (uint32_t i = 0; i < e->n_sources; i++)
		get_source(&r, &source);
	e->sources_len = (size_t)(r.p - e->sources);
	c->file = (char *)get_str(&r);
	c->strict = (int)get_u32(&r);
	c->settings.heap = (size_t)get_u64(&r);
	c->settings.stdout_full = (int)get_u32(&r);
	c->settings.mode_line = get_u32(&r);
	c->settings.heap_line = get_u32(&r);
	c->digest = get_u64(&r);
	c->origin = get_u64(&r);
	c->log = (int)get_u32(&r);
	n_insns = get_u32(&r);
	report_len = get_u32(&r);
	landlock_len = get_u32(&r);
	c->mdwe = (int)get_u32(&r);
	c->drop_caps = get_u64(&r);
	get(&r, (size_t)(8 - (r.p - r.start) % 8) % 8);
	c->filter.insns = (struct sock_filter *)get(
		&r, (size_t)n_insns * sizeof(*c->filter.insns));
	c->filter.len = n_insns;
	c->report = report_len ? (void *)get(&r, report_len) : NULL;
	c->report_len = report_len;
	get(&r, (size_t)(8 - (r.p - r.start) % 8) % 8);
	c->landlock = landlock_len ? (void *)get(&r, landlock_len) : NULL;
	c->landlock_len = landlock_len;
	c->borrowed = 1;
	if (r.bad || r.left != 0 || c->strict < 0 || c->strict > 1 ||
	    c->mdwe < 0 || c->mdwe > 1 || (c->strict && c->drop_caps) ||
	    c->log < POLICY_LOG_NONE || c->log > POLICY_LOG_KERNEL ||
	    (c->log == POLICY_LOG_STDERR) != (report_len != 0) ||
	    (report_len && !report_check(c->report, report_len)) ||
	    landlock_len > LANDLOCK_TABLE_MAX ||
	    (landlock_len &&
	     !landlock_table_check(c->landlock, landlock_len)) ||
	    (c->strict ? n_insns != 0
		       : n_insns == 0 || n_insns > FILTER_MAX_INSNS))
		return -EINVAL;
	return 0;
}

/*
 * Whether the parsed entry is for setting (a file of identity main, or
 * inline text if main is NULL) and owner, from this build, and every file
 * it was compiled from still holds what it held.
 */
static int entry_current(const struct cache_entry *e, const char *setting,
			 uint64_t origin, const struct stat *main, uid_t owner,
			 int trust, struct cache_room *room)
{
	struct reader r = {e->sources, e->sources, e->sources_len, 0};
	size_t n = length(setting) + 1;

	if (!same(e->build_id, build_id, sizeof(build_id)) ||
	    !same(e->setting, setting, n) || e->compiled.origin != origin ||
	    e->owner != (uint32_t)owner || !library_current(e))
		return 0;
	for (uint32_t i = 0; i < e->n_sources; i++) {
		/* the policy file itself first, under the setting's name */
		int first = i == 0 && main;

		if (first && (r.left < 4 + n || !same(r.p + 4, setting, n)))
			return 0;
		if (!source_current(&r, first ? main : NULL, trust, room))
			return 0;
	}
	return !main || e->n_sources > 0;
}

/* The entry for setting in dir, if it is trusted and current. */
static int lookup_in(const char *dir, const char *setting, uint64_t origin,
		     const struct stat *main, uid_t owner, int trust,
		     struct cache_room *room, struct compiled *out)
{
	char name[32], *buf, *heap = NULL;
	struct cache_entry entry;
	struct stat st;
	long dir_fd, len;
	int hit = 0;

	dir_fd = sys4(SYS_openat, AT_FDCWD, dir,
		      O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0);
	if (dir_fd < 0)
		return 0;
	entry_name(setting, origin, name);
	len = -EPERM;
	if (sys_fstat(dir_fd, &st) == 0 && owner_only(&st, owner))
		len = slurp((int)dir_fd, name, O_NOFOLLOW, room,
			    CACHE_MAX_ENTRY, &buf, &heap, &st);
	sys1(SYS_close, dir_fd);
	if (len >= 0 && owner_only(&st, owner) &&
	    cache_entry_parse(buf, (size_t)len, &entry) == 0 &&
	    entry_current(&entry, setting, origin, main, owner, trust, room)) {
		*out = entry.compiled;
		hit = 1;
	}
	if (hit)
		out->storage = heap;
	else if (heap)
		source_heap_free(heap);
	return hit;
}

int cache_lookup(const char *setting, uint64_t origin, int trust,
		 struct cache_room *room, struct compiled *out)
{
	struct cache_dirs dirs;
	struct stat st, *main = NULL;
	uid_t owner = 0; /* inline text: root's entries only */
	int hit = 0;

	room->used = 0;
	find_dirs(&dirs);
	if (dirs.n == 0)
		return 0;
	if (!source_is_inline(setting)) {
		/* Who the policy file is, not what it says: its text is read
		 * only if its identity cannot answer (compiled.h). */
		if (sys_stat(setting, &st) < 0 || !S_ISREG(st.st_mode) ||
		    (trust && !source_trusted(&st)))
			return 0;
		owner = st.st_uid;
		main = &st;
	}
	for (int i = 0; i < dirs.n && !hit; i++)
		hit = lookup_in(dirs.path[i], setting, origin, main, owner,
				trust, room, out);
	return hit;
}

/* The directory entries go to, made if missing: this user's alone. */
static int open_store_dir(const char *dir, int system)
{
	mode_t mode = system ? 0755 : 0700;
	struct stat st;
	int fd;

	if (mkdir(dir, mode) < 0 && errno == ENOENT && !system) {
		/* $HOME/.cache itself may be missing */
		char parent[PATH_MAX], *slash;

		snprintf(parent, sizeof(parent), "%s", dir);
		slash = strrchr(parent, '/');
		if (slash && slash != parent) {
			*slash = '\0';
			if (mkdir(parent, 0700) == 0)
				mkdir(dir, mode);
		}
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || !owner_only(&st, geteuid())) {
		close(fd);
		return -EPERM;
	}
	return fd;
}

int cache_serialize(const char *setting, const struct compiled *compiled,
		    char **buf, size_t *len)
{
	struct writer w = {NULL, 0, 0, 0};
	int rc;

	if (!compiled->library.path || !compiled->file)
		return -ENOENT;
	rc = serialize(&w, setting, compiled);
	if (rc < 0) {
		free(w.buf);
		return rc;
	}
	*buf = w.buf;
	*len = w.len;
	return 0;
}

int cache_store_in(const char *dir, const char *setting,
		   const struct compiled *compiled, char *where, size_t size)
{
	static const char system_dir[] = CACHE_SYSTEM_DIR;
	char name[32], temp[64], *buf;
	size_t len;
	int dir_fd, fd, rc;

	if (compiled->owner != geteuid())
		return -EPERM; /* only the policy's owner writes its entry */
	rc = cache_serialize(setting, compiled, &buf, &len);
	if (rc < 0)
		return rc;
	dir_fd = open_store_dir(dir, strcmp(dir, system_dir) == 0);
	if (dir_fd < 0) {
		free(buf);
		return dir_fd;
	}
	entry_name(setting, compiled->origin, name);
	snprintf(temp, sizeof(temp), ".%s.%ld", name, (long)getpid());
	fd = openat(dir_fd, temp,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    compiled->world_readable ? 0644 : 0600);
	rc = fd < 0 ? -errno : source_write_all(fd, buf, len);
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && renameat(dir_fd, temp, dir_fd, name) < 0)
		rc = -errno;
	if (rc < 0 && fd >= 0)
		unlinkat(dir_fd, temp, 0);
	close(dir_fd);
	free(buf);
	if (rc == 0 && where)
		snprintf(where, size, "%s/%s", dir, name);
	return rc;
}

int cache_store(const char *setting, const struct compiled *compiled,
		char *where, size_t size)
{
	struct cache_dirs dirs;

	find_dirs(&dirs);
	if (dirs.n == 0)
		return -ENOENT;
	return cache_store_in(dirs.path[0], setting, compiled, where, size);
}

int cache_directory(char *dir, size_t size)
{
	struct cache_dirs dirs;

	find_dirs(&dirs);
	if (dirs.n == 0)
		return -ENOENT;
	snprintf(dir, size, "%s", dirs.path[0]);
	return 0;
}
