/* The cache of compiled policies (cache.h): files in and out, libc only. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "build-id.h"
#include "cache.h"
#include "source.h"

#define MAGIC "SHIMPOL\n"

/* Where entries are looked for; the first is where they are written. */
struct cache_dirs {
	char path[2][PATH_MAX];
	int n;
	int system; /* the first is CACHE_SYSTEM_DIR */
};

static void add_dir(struct cache_dirs *dirs, const char *a, const char *b)
{
	int n = snprintf(dirs->path[dirs->n], sizeof(dirs->path[0]), "%s%s",
			 a, b);

	if (n > 0 && (size_t)n < sizeof(dirs->path[0]))
		dirs->n++;
}

static void find_dirs(struct cache_dirs *dirs)
{
	const char *set = secure_getenv("SECCOMP_SHIM_CACHE");
	const char *base;

	dirs->n = 0;
	dirs->system = 0;
	if (set) {
		if (set[0] == '/')
			add_dir(dirs, set, "");
		return;
	}
	if (geteuid() == 0) {
		dirs->system = 1;
		add_dir(dirs, CACHE_SYSTEM_DIR, "");
		return;
	}
	base = secure_getenv("XDG_CACHE_HOME");
	if (base && base[0] == '/') {
		add_dir(dirs, base, "/seccomp-shim");
	} else {
		base = secure_getenv("HOME");
		if (base && base[0] == '/')
			add_dir(dirs, base, "/.cache/seccomp-shim");
	}
	add_dir(dirs, CACHE_SYSTEM_DIR, "");
}

/* The entry's name: a hash of what it is for, checked again inside. */
static void entry_name(const char *setting, char name[32])
{
	uint64_t key = compiled_hash(COMPILED_HASH_INIT, SHIM_BUILD_ID,
				     sizeof(SHIM_BUILD_ID));

	key = compiled_hash(key, setting, strlen(setting) + 1);
	snprintf(name, 32, "%016" PRIx64 ".policy", key);
}

/* Writable by its owner alone. */
static int owner_only(const struct stat *st, uid_t owner)
{
	return st->st_uid == owner && !(st->st_mode & (S_IWGRP | S_IWOTH));
}

/* --- the entry's format ------------------------------------------------- */

/*
 * MAGIC, u32 CACHE_FORMAT, u64 checksum of all that follows; then strings
 * (u32 length, bytes) and numbers (native byte order): build identity,
 * setting, libseccomp's path, dev, ino, size, mtime, the owner, the count
 * of sources and each one's path and text, the policy's name in messages,
 * strict (u32), heap, stdout_full, mode_line, heap_line, the digest, the
 * count of instructions and the instructions.
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
	put(w, &value, sizeof(value));
}

static void put_u64(struct writer *w, uint64_t value)
{
	put(w, &value, sizeof(value));
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
	put_bytes(w, s, strlen(s));
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
	for (size_t i = 0; i < c->n_sources; i++) {
		put_str(w, c->sources[i].path);
		put_bytes(w, c->sources[i].text, c->sources[i].len);
	}
	put_str(w, c->file);
	put_u32(w, (uint32_t)c->strict);
	put_u64(w, (uint64_t)c->settings.heap);
	put_u32(w, (uint32_t)c->settings.stdout_full);
	put_u32(w, c->settings.mode_line);
	put_u32(w, c->settings.heap_line);
	put_u64(w, c->digest);
	put_u32(w, (uint32_t)c->filter.len);
	put(w, c->filter.insns, c->filter.len * sizeof(*c->filter.insns));
	if (w->failed)
		return -ENOMEM;
	checksum = compiled_hash(COMPILED_HASH_INIT, w->buf + HEADER,
				 w->len - HEADER);
	memcpy(w->buf + HEADER - 8, &checksum, 8);
	return 0;
}

struct reader {
	const char *p;
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
	const char *at = get(r, 4);
	uint32_t value = 0;

	if (at)
		memcpy(&value, at, 4);
	return value;
}

static uint64_t get_u64(struct reader *r)
{
	const char *at = get(r, 8);
	uint64_t value = 0;

	if (at)
		memcpy(&value, at, 8);
	return value;
}

/* A string of the entry (not NUL-terminated); *n its length. */
static const char *get_bytes(struct reader *r, size_t *n)
{
	*n = get_u32(r);
	return get(r, *n);
}

/* Whether the next string is s, exactly. */
static int get_equal(struct reader *r, const char *s, size_t len)
{
	size_t n;
	const char *at = get_bytes(r, &n);

	return at && n == len && memcmp(at, s, n) == 0;
}

/* The next string as a new C string (no NUL inside), or NULL. */
static char *get_str(struct reader *r)
{
	size_t n;
	const char *at = get_bytes(r, &n);
	char *s;

	if (!at || memchr(at, '\0', n) || n >= PATH_MAX)
		return NULL;
	s = malloc(n + 1);
	if (s) {
		memcpy(s, at, n);
		s[n] = '\0';
	}
	return s;
}

/* Whether libseccomp is still the file the entry was compiled with. */
static int library_current(struct reader *r)
{
	char *path = get_str(r);
	uint64_t dev = get_u64(r), ino = get_u64(r), size = get_u64(r);
	uint64_t sec = get_u64(r), nsec = get_u64(r);
	struct stat st;
	int same;

	same = path && !r->bad && stat(path, &st) == 0 &&
	       (uint64_t)st.st_dev == dev && (uint64_t)st.st_ino == ino &&
	       (uint64_t)st.st_size == size &&
	       (uint64_t)st.st_mtim.tv_sec == sec &&
	       (uint64_t)st.st_mtim.tv_nsec == nsec;
	free(path);
	return same;
}

/* Whether the file at the next path still holds the next text. */
static int source_current(struct reader *r, int trust)
{
	struct shim_error ignored;
	struct stat st;
	char *path = get_str(r), *text = NULL;
	size_t n, len;
	const char *want;
	int same = 0;

	want = get_bytes(r, &n);
	if (path && want &&
	    source_read(path, &text, &len, &st, &ignored) == 0) {
		same = len == n && memcmp(text, want, n) == 0 &&
		       (!trust || source_trusted(&st));
		free(text);
	}
	free(path);
	return same;
}

/*
 * Parse and check the entry in buf against setting (whose text, for a
 * file, is main_text) and owner; fill *out from it if it holds.
 */
static int entry_holds(const char *buf, size_t len, const char *setting,
		       const char *main_text, size_t main_len, uid_t owner,
		       int trust, struct compiled *out)
{
	struct reader r = {buf + HEADER, len - HEADER, 0};
	struct compiled c;
	uint64_t checksum;
	uint32_t n_sources, n_insns;
	const char *insns;

	memcpy(&checksum, buf + HEADER - 8, 8);
	if (memcmp(buf, MAGIC, sizeof(MAGIC) - 1) != 0 ||
	    get_u32(&(struct reader){buf + sizeof(MAGIC) - 1, 4, 0}) !=
		    CACHE_FORMAT ||
	    compiled_hash(COMPILED_HASH_INIT, r.p, r.left) != checksum)
		return 0;
	if (!get_equal(&r, SHIM_BUILD_ID, strlen(SHIM_BUILD_ID)) ||
	    !get_equal(&r, setting, strlen(setting)) || !library_current(&r) ||
	    get_u32(&r) != (uint32_t)owner)
		return 0;
	n_sources = get_u32(&r);
	if (main_text) {
		/* the policy file itself, as just read */
		if (n_sources < 1 || !get_equal(&r, setting, strlen(setting)) ||
		    !get_equal(&r, main_text, main_len))
			return 0;
		n_sources--;
	}
	if (n_sources > SOURCE_MAX_INCLUDES)
		return 0;
	for (uint32_t i = 0; i < n_sources; i++)
		if (!source_current(&r, trust))
			return 0;
	memset(&c, 0, sizeof(c));
	c.file = get_str(&r);
	c.strict = (int)get_u32(&r);
	c.settings.heap = (size_t)get_u64(&r);
	c.settings.stdout_full = (int)get_u32(&r);
	c.settings.mode_line = get_u32(&r);
	c.settings.heap_line = get_u32(&r);
	c.digest = get_u64(&r);
	n_insns = get_u32(&r);
	insns = get(&r, (size_t)n_insns * sizeof(*c.filter.insns));
	if (!c.file || r.bad || r.left != 0 || c.strict < 0 || c.strict > 1 ||
	    (c.strict ? n_insns != 0
		      : n_insns == 0 || n_insns > FILTER_MAX_INSNS)) {
		free(c.file);
		return 0;
	}
	if (n_insns) {
		c.filter.insns = malloc(n_insns * sizeof(*c.filter.insns));
		if (!c.filter.insns) {
			free(c.file);
			return 0;
		}
		memcpy(c.filter.insns, insns, n_insns * sizeof(*c.filter.insns));
		c.filter.len = n_insns;
	}
	*out = c;
	return 1;
}

/* The entry for setting in dir, if it is trusted and current. */
static int lookup_in(const char *dir, const char *setting,
		     const char *main_text, size_t main_len, uid_t owner,
		     int trust, struct compiled *out)
{
	char name[32], *buf;
	struct stat st;
	size_t got = 0;
	int dir_fd, fd, hit;

	dir_fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dir_fd < 0)
		return 0;
	entry_name(setting, name);
	fd = -1;
	if (fstat(dir_fd, &st) == 0 && owner_only(&st, owner))
		fd = openat(dir_fd, name,
			    O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	close(dir_fd);
	if (fd < 0)
		return 0;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    !owner_only(&st, owner) || st.st_size < (off_t)HEADER ||
	    st.st_size > CACHE_MAX_ENTRY || !(buf = malloc((size_t)st.st_size))) {
		close(fd);
		return 0;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	hit = got == (size_t)st.st_size &&
	      entry_holds(buf, got, setting, main_text, main_len, owner, trust,
			  out);
	free(buf);
	return hit;
}

int cache_lookup(const char *setting, int trust, struct compiled *out)
{
	struct shim_error ignored;
	struct cache_dirs dirs;
	struct stat st;
	char *text = NULL;
	size_t len = 0;
	uid_t owner = 0; /* inline text: root's entries only */
	int hit = 0;

	find_dirs(&dirs);
	if (dirs.n == 0)
		return 0;
	if (!source_is_inline(setting)) {
		if (source_read(setting, &text, &len, &st, &ignored) < 0)
			return 0;
		owner = st.st_uid;
		if (trust && !source_trusted(&st)) {
			free(text);
			return 0;
		}
	}
	for (int i = 0; i < dirs.n && !hit; i++)
		hit = lookup_in(dirs.path[i], setting, text, len, owner, trust,
				out);
	free(text);
	return hit;
}

/* The directory entries go to, made if missing: this user's alone. */
static int open_store_dir(const struct cache_dirs *dirs)
{
	const char *dir = dirs->path[0];
	mode_t mode = dirs->system ? 0755 : 0700;
	struct stat st;
	int fd;

	if (mkdir(dir, mode) < 0 && errno == ENOENT && !dirs->system) {
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

int cache_store(const char *setting, const struct compiled *compiled,
		char *where, size_t size)
{
	struct writer w = {NULL, 0, 0, 0};
	struct cache_dirs dirs;
	char name[32], temp[64];
	size_t done = 0;
	int dir_fd, fd, rc;

	if (!compiled->library.path || !compiled->file)
		return -ENOENT;
	if (compiled->owner != geteuid())
		return -EPERM; /* only the policy's owner writes its entry */
	find_dirs(&dirs);
	if (dirs.n == 0)
		return -ENOENT;
	rc = serialize(&w, setting, compiled);
	if (rc < 0) {
		free(w.buf);
		return rc;
	}
	dir_fd = open_store_dir(&dirs);
	if (dir_fd < 0) {
		free(w.buf);
		return dir_fd;
	}
	entry_name(setting, name);
	snprintf(temp, sizeof(temp), ".%s.%ld", name, (long)getpid());
	fd = openat(dir_fd, temp,
		    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    compiled->world_readable ? 0644 : 0600);
	rc = fd < 0 ? -errno : 0;
	while (rc == 0 && done < w.len) {
		ssize_t n = write(fd, w.buf + done, w.len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			rc = n < 0 ? -errno : -EIO;
		else
			done += (size_t)n;
	}
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && renameat(dir_fd, temp, dir_fd, name) < 0)
		rc = -errno;
	if (rc < 0 && fd >= 0)
		unlinkat(dir_fd, temp, 0);
	close(dir_fd);
	free(w.buf);
	if (rc == 0 && where)
		snprintf(where, size, "%s/%s", dirs.path[0], name);
	return rc;
}
