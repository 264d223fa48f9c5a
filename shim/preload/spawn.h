/*
 * The policy compiler in a process of its own.
 *
 * The preload library never compiles a policy inside the program it
 * confines: on a cache miss it starts the compiler program,
 * seccomp-shim-compile (statically linked, so that neither LD_PRELOAD nor
 * /etc/ld.so.preload loads the shim into it again), with an empty
 * environment and the policy setting as its argument, and reads the answer
 * from a pipe: the compiled policy, as a cache entry (cache.h), or the
 * error that stopped it. The compiler also stores the entry in the cache
 * when it is told where. A compiler that cannot be started, dies, hangs
 * past SPAWN_TIMEOUT_SECONDS or writes anything else is an error: the
 * program is refused, never run unconfined.
 *
 * The library's side (spawn_compile) runs while the dynamic loader is
 * still relocating the program, before libc is initialised: system calls
 * of its own (sys.h), memory from mmap, no libc state.
 */
#ifndef SHIM_SPAWN_H
#define SHIM_SPAWN_H

#include <stddef.h>

#include "compiled.h"
#include "error.h"

/* The compiler program's file name. */
#define SPAWN_PROGRAM "seccomp-shim-compile"

/* How long a compile may take before the program is refused. */
#define SPAWN_TIMEOUT_SECONDS 10

/* The compiler's answer for an error: this, then line, file, message. */
#define SPAWN_ERROR_MAGIC "SHIMERR\n"

/*
 * spawn_compile - compile the policy setting names (trust as for
 * policy_compile_source) in a compiler process; store_dir: where it stores
 * the entry too, or NULL. The compiler is looked for next to the preload
 * library's own file (if that file, a regular one, and its directory can
 * be changed by root or this user alone), then at installed (the
 * configured libexecdir).
 * Returns 0 with *out filled (borrowed from memory that out->storage
 * holds; compiled_free lets it go), or a negative errno with err filled in.
 */
int spawn_compile(const char *setting, int trust, const char *store_dir,
		  const char *installed, struct compiled *out,
		  struct shim_error *err);

/*
 * spawn_own_file - the path of the preload library's own file (as
 * /proc/self/maps names it) into path (size bytes). Returns 0, or -ENOENT.
 */
int spawn_own_file(char *path, size_t size);

/*
 * spawn_compiler_next_to - the path the compiler has in directory dir,
 * into path (size bytes). Returns 0, or -ENAMETOOLONG.
 */
int spawn_compiler_next_to(const char *dir, char *path, size_t size);

/*
 * spawn_write_error - the compiler's side: write err as an answer to fd.
 * Returns 0, or a negative errno.
 */
int spawn_write_error(int fd, const struct shim_error *err);

#endif
