/* A compiled policy's bookkeeping: libc only. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/syscall.h>

#include "build-id.h"
#include "compiled.h"
#include "source.h"
#include "sys.h"

void compiled_identity_of(struct compiled_identity *id, const struct stat *st)
{
	*id = (struct compiled_identity){
		(uint64_t)st->st_dev,  (uint64_t)st->st_ino,
		(uint64_t)st->st_size, st->st_mtim.tv_sec,
		st->st_mtim.tv_nsec,   st->st_ctim.tv_sec,
		st->st_ctim.tv_nsec,
	};
}

int compiled_identity_equal(const struct compiled_identity *a,
			    const struct compiled_identity *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime_sec == b->mtime_sec && a->mtime_nsec == b->mtime_nsec &&
	       a->ctime_sec == b->ctime_sec && a->ctime_nsec == b->ctime_nsec;
}

/* Whether both of the file's times are over a second older than now. */
static int settled(const struct stat *st)
{
	struct timespec now;

	if (sys2(SYS_clock_gettime, CLOCK_REALTIME, &now) < 0)
		return 0;
	return st->st_mtim.tv_sec < now.tv_sec - 1 &&
	       st->st_ctim.tv_sec < now.tv_sec - 1;
}

int compiled_add_source(struct compiled *compiled, const char *path,
			const char *text, size_t len, const struct stat *st)
{
	struct compiled_source *grown, *source;

	grown = realloc(compiled->sources,
			(compiled->n_sources + 1) * sizeof(*grown));
	if (!grown)
		return -ENOMEM;
	compiled->sources = grown;
	source = &grown[compiled->n_sources];
	source->path = strdup(path);
	if (!source->path)
		return -ENOMEM;
	compiled_identity_of(&source->identity, st);
	source->checksum = compiled_checksum(text, len);
	source->settled = settled(st);
	compiled->n_sources++;
	if (!(st->st_mode & S_IROTH))
		compiled->world_readable = 0;
	return 0;
}

int compiled_library_identify(struct compiled_library *lib, const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -errno;
	lib->path = strdup(path);
	if (!lib->path)
		return -ENOMEM;
	lib->dev = st.st_dev;
	lib->ino = st.st_ino;
	lib->size = st.st_size;
	lib->mtime_sec = st.st_mtim.tv_sec;
	lib->mtime_nsec = st.st_mtim.tv_nsec;
	return 0;
}

uint64_t compiled_hash(uint64_t hash, const void *bytes, size_t len)
{
	const unsigned char *byte = bytes;

	for (size_t i = 0; i < len; i++)
		hash = (hash ^ byte[i]) * 0x100000001b3ULL;
	return hash;
}

uint64_t compiled_checksum(const void *bytes, size_t len)
{
	const unsigned char *byte = bytes;
	uint64_t hash = COMPILED_HASH_INIT ^ len;

	for (; len >= 8; byte += 8, len -= 8) {
		/* (the compiler makes this one load on a little-endian
		 * machine) */
		uint64_t word =
			(uint64_t)byte[0] | (uint64_t)byte[1] << 8 |
			(uint64_t)byte[2] << 16 | (uint64_t)byte[3] << 24 |
			(uint64_t)byte[4] << 32 | (uint64_t)byte[5] << 40 |
			(uint64_t)byte[6] << 48 | (uint64_t)byte[7] << 56;

		hash = (hash ^ word) * 0x9e3779b97f4a7c15ULL;
		hash ^= hash >> 32;
	}
	return compiled_hash(hash, byte, len);
}

uint64_t compiled_origin(const char *setting)
{
	static const char build[] SYS_HOT_STRING = SHIM_BUILD_ID;
	static const char slash[] SYS_HOT_STRING = "/";
	uint64_t key = compiled_hash(COMPILED_HASH_INIT, build, sizeof(build));
	size_t len = 0;

	while (setting[len])
		len++;
	if (setting[0] != '/' && !source_is_inline(setting)) {
		char cwd[PATH_MAX];
		long n = sys2(SYS_getcwd, cwd, sizeof(cwd));

		/* (n counts the NUL; the root directory is "/" already) */
		if (n <= 1 || cwd[0] != '/')
			return 0;
		key = compiled_hash(key, cwd, (size_t)n - 1);
		if (n > 2)
			key = compiled_hash(key, slash, 1);
	}
	key = compiled_hash(key, setting, len + 1);
	return key ? key : 1;
}

uint64_t compiled_relative_key(const char *setting)
{
	static const char build[] SYS_HOT_STRING = SHIM_BUILD_ID;
	static const char relative[] SYS_HOT_STRING = "relative path:";
	uint64_t key;
	size_t len = 0;

	if (setting[0] == '/' || source_is_inline(setting))
		return 0;
	while (setting[len])
		len++;
	key = compiled_hash(COMPILED_HASH_INIT, build, sizeof(build));
	key = compiled_hash(key, relative, sizeof(relative));
	key = compiled_hash(key, setting, len + 1);
	return key ? key : 1;
}

void compiled_free(struct compiled *compiled)
{
	for (size_t i = 0; i < compiled->n_sources; i++) {
		free(compiled->sources[i].path);
	}
	free(compiled->sources);
	if (!compiled->borrowed) {
		free(compiled->filter.insns);
		free(compiled->file);
		free(compiled->report);
		free(compiled->landlock);
	}
	source_heap_free(compiled->storage);
	free(compiled->library.path);
	memset(compiled, 0, sizeof(*compiled));
}
