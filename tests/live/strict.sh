#!/bin/sh
# mode = strict: an ordinary program, built with a plain "cc prog.c" and not
# changed, runs to completion in seccomp strict mode: it prints, reads
# stdin, allocates, and ends with its own status. Anything beyond read,
# write, exit and sigreturn kills it with SIGKILL, as the kernel decides.
. "$top_srcdir/tests/live/lib.sh"

KILLED=137 # a shell's $? for a process killed by SIGKILL (128 + 9)
src="$top_srcdir/tests/progs/strict-prog.c"
cc=${CC:-cc}
$cc -o "$TMP/plain" "$src" || fail "cannot build strict-prog with '$cc'"
# ... and as distributions build programs: optimised and fortified, so
# printf is __printf_chk.
$cc -O2 -D_FORTIFY_SOURCE=2 -o "$TMP/fortified" "$src" ||
	fail "cannot build a fortified strict-prog"

policy="$TMP/strict.ini"
printf '[policy]\nversion = 1\nmode = strict\n' >"$policy"
heap16="$TMP/heap16.ini"
printf '[policy]\nversion = 1\nmode = strict\nheap = 16M\n' >"$heap16"

# Input of several buffers' worth, lines of every length up to 200.
awk 'BEGIN { for (i = 0; i < 3000; i++) {
	s = ""; for (j = 0; j < i % 200; j++) s = s "x"; print i ": " s } }' \
	>"$TMP/input"

for build in plain fortified; do
	prog="$TMP/$build"

	for how in return exit _exit; do
		capture confined "$policy" "$prog" $how 42
		check "$build: $how 42" "42:ending" "$status:$out"
	done
	capture confined "$policy" "$prog" atexit 3
	check "$build: atexit handlers run" "3:main returns
handler ran" "$status:$out"

	# Output to files, and to one file in the order it was written.
	capture confined "$policy" "$prog" print 5
	check "$build: stdout to a file, status 5" "5:printf 5
puts
fputs
last line" "$status:$out"
	check "$build: stderr to a file" "stderr 5
stderr fputs" "$err"
	confined "$policy" "$prog" print 6 >"$TMP/both" 2>&1
	check "$build: stdout and stderr in order" "printf 6
puts
fputs
stderr 6
stderr fputs
last line" "$(cat "$TMP/both")"

	# A pipe gets all of a long output, in order.
	"$prog" lines 50000 | cksum >"$TMP/expected"
	confined "$policy" "$prog" lines 50000 | cksum >"$TMP/got"
	check "$build: 50000 lines through a pipe" "$(cat "$TMP/expected")" \
		"$(cat "$TMP/got")"

	# stdin from a pipe and from a file, three ways of reading.
	for reader in fgets fread getchar; do
		# shellcheck disable=SC2002 # stdin from a pipe is what is tried
		cat "$TMP/input" | confined "$policy" "$prog" $reader \
			>"$TMP/echo"
		if cmp -s "$TMP/input" "$TMP/echo"; then
			pass "$build: $reader from a pipe"
		else
			fail "$build: $reader from a pipe differs"
		fi
		confined "$policy" "$prog" $reader <"$TMP/input" >"$TMP/echo"
		if cmp -s "$TMP/input" "$TMP/echo"; then
			pass "$build: $reader from a file"
		else
			fail "$build: $reader from a file differs"
		fi
	done

	# Allocation: tens of MB in many small blocks and a few large ones.
	capture "$prog" malloc
	check "$build: malloc-heavy, unconfined" "0:malloc ok: 77 MB" \
		"$status:$out"
	capture confined "$policy" "$prog" malloc
	check "$build: malloc-heavy, strict" "0:malloc ok: 77 MB" \
		"$status:$out"
	capture confined "$policy" "$prog" aligned
	check "$build: aligned allocators" "0:aligned ok" "$status:$out"

	# Anything else kills, and what was printed before stays printed.
	capture confined "$policy" "$prog" open "$TMP/created"
	check "$build: open kills" "$KILLED:before open" "$status:$out"
	if [ -e "$TMP/created" ]; then
		fail "$build: open made the file"
	else
		pass "$build: no file made"
	fi
	capture confined "$policy" "$prog" getpid
	check "$build: getpid kills" "$KILLED:before getpid" "$status:$out"
	capture confined "$policy" "$prog" socket
	check "$build: socket kills" "$KILLED:before socket" "$status:$out"
done
prog="$TMP/plain"

# stdout_buffer = full: glibc's own buffering of pipes and files. Output
# is complete at exit, but a kill loses what was still in the buffer.
full="$TMP/full.ini"
printf '[policy]\nversion = 1\nmode = strict\nstdout_buffer = full\n' >"$full"
confined "$full" "$prog" lines 50000 | cksum >"$TMP/got"
check "stdout_buffer = full: 50000 lines through a pipe" \
	"$(cat "$TMP/expected")" "$(cat "$TMP/got")"
confined "$full" "$prog" print 6 >"$TMP/both" 2>&1
check "stdout_buffer = full: stderr before buffered stdout" "stderr 6
stderr fputs
printf 6
puts
fputs
last line" "$(cat "$TMP/both")"
capture confined "$full" "$prog" open "$TMP/created"
check "stdout_buffer = full: a kill loses the buffer" "$KILLED:" \
	"$status:$out"

# heap bounds what malloc hands out after the switch; running out is
# malloc returning NULL with ENOMEM, and freed memory can be had again.
capture confined "$heap16" "$prog" exhaust
blocks=$(echo "$out" | sed -n 's/^1M blocks: //p')
if [ "${blocks:-0}" -ge 15 ] && [ "$blocks" -le 17 ]; then
	pass "heap = 16M: $blocks blocks of 1 MiB"
else
	fail "heap = 16M: ${blocks:-no} blocks of 1 MiB ($out)"
fi
check "heap = 16M: malloc fails, then serves again after free" "0:small blocks after: some
1M again after free: yes
small again after free: yes
1M blocks after freeing all: as many" "$status:$(echo "$out" | sed 1d)"
capture confined "$policy" "$prog" exhaust
blocks=$(echo "$out" | sed -n 's/^1M blocks: //p')
if [ "${blocks:-0}" -ge 63 ] && [ "$blocks" -le 65 ]; then
	pass "default heap (64M): $blocks blocks of 1 MiB"
else
	fail "default heap: ${blocks:-no} blocks of 1 MiB ($out)"
fi

# Random allocation at a small heap: malloc fails often, never kills.
printf '[policy]\nversion = 1\nmode = strict\nheap = 2M\n' >"$TMP/heap2.ini"
for seed in 1 2 3; do
	capture confined "$TMP/heap2.ini" "$prog" stress $seed
	check "heap = 2M, random allocation $seed" "0:some failed" \
		"$status:$(echo "$out" | sed 's/.*, //')"
done

# Freed memory is found again, but not where glibc would not look for it
# (behind more free chunks than one malloc call sorts): there, ENOMEM.
capture confined "$heap16" "$prog" reuse
check "freed blocks reused, no kill" "0:part of a freed block: yes
behind 10100 free blocks: ENOMEM" "$status:$out"
# The program cannot undo the tuning that keeps glibc from the kernel.
capture confined "$heap16" "$prog" tuning
check "mallopt and malloc_trim answered by the shim" "0:mallopt(M_TRIM_THRESHOLD): 0
mallopt(M_MMAP_THRESHOLD): 0
mallopt(M_PERTURB): 1
malloc_trim: 0" "$status:$out"
# A thread that allocated and ended before the shim left a second arena:
# its blocks are never handed back to glibc (that could unmap).
cat >"$TMP/arena.c" <<'C'
#include <pthread.h>
#include <stdlib.h>
void *other_arena_block;
static void *run(void *unused) { other_arena_block = malloc(1000); return unused; }
__attribute__((constructor)) static void start(void)
{
	pthread_t t;
	pthread_create(&t, NULL, run, NULL);
	pthread_join(t, NULL);
}
C
$cc -shared -fPIC -o "$TMP/libarena.so" "$TMP/arena.c" -lpthread
$cc -o "$TMP/arena-prog" "$src" -Wl,--no-as-needed "$TMP/libarena.so"
capture env LD_LIBRARY_PATH="$TMP" LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$policy" "$TMP/arena-prog" other-arena
check "a block of another arena: realloc and free" "0:realloc: moved
freed" "$status:$out"

# A terminal: stdout stays line-buffered, and the program runs as well.
if command -v script >/dev/null; then
	SECCOMP_SHIM_POLICY="$policy" script -qec \
		"env LD_PRELOAD='$SHIM_LIB' '$prog' print 9" /dev/null \
		>"$TMP/tty" </dev/null
	check "on a terminal" "printf 9|puts|fputs|stderr 9|stderr fputs|last line" \
		"$(tr -d '\r' <"$TMP/tty" | paste -sd '|')"
else
	fail "script (util-linux) is not installed"
fi

# Strict mode would confine only the calling thread: refuse if there are
# others (a library's constructor started one before the shim's ran).
capture confined "$policy" "$top_builddir/tests/ctor-thread" "$TMP/dir"
check "threads: refused" "$REFUSED_STATUS:seccomp-shim: $policy:3: mode = strict: 2 threads are running, and strict mode would confine only one of them (a library started threads before the shim)" \
	"$status:$err"
if [ -e "$TMP/dir" ]; then
	fail "the program ran"
else
	pass "threads: did not run"
fi

# Another malloc ahead of the shim, or behind it, is not guarded: refuse.
capture env LD_PRELOAD="$ALLOCCOUNT_LIB $SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$policy" "$prog" print 1
check "a malloc ahead of the shim: refused" "$REFUSED_STATUS:seccomp-shim: $policy:3: mode = strict works only with glibc's malloc, and $ALLOCCOUNT_LIB replaces malloc" \
	"$status:$err"
capture env LD_PRELOAD="$SHIM_LIB $ALLOCCOUNT_LIB" \
	SECCOMP_SHIM_POLICY="$policy" "$prog" print 1
check "a malloc behind the shim: refused" "$REFUSED_STATUS:seccomp-shim: $policy:3: mode = strict works only with glibc's malloc, and $ALLOCCOUNT_LIB replaces malloc" \
	"$status:$err"

# A heap the process may not have: refused before the program runs.
printf '[policy]\nversion = 1\nmode = strict\nheap = 1G\n' >"$TMP/heap1g.ini"
capture sh -c 'ulimit -d 262144 && exec "$@"' sh env LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$TMP/heap1g.ini" "$prog" print 1
check "heap over RLIMIT_DATA: refused" "$REFUSED_STATUS:seccomp-shim: $TMP/heap1g.ini:4: cannot reserve 1073741824 bytes of heap for strict mode: Cannot allocate memory" \
	"$status:$err"

# Under a seccomp filter already, the kernel refuses strict mode.
capture confined "$EXAMPLES/deny-mkdir-net.ini" env SECCOMP_SHIM_POLICY="$policy" \
	"$prog" print 1
check "under a filter: refused" "$REFUSED_STATUS:seccomp-shim: $policy:3: the kernel refused seccomp strict mode: Invalid argument (a seccomp filter is installed already, or the kernel lacks CONFIG_SECCOMP)" \
	"$status:$err"
finish
