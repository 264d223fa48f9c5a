#!/bin/sh
# The preload library is a guest in every process: it exports only the
# functions strict mode interposes, needs nothing but libc, and is linked
# with full RELRO.
. "$top_srcdir/tests/lib.sh"

exported=$($NM -D --defined-only "$SHIM_LIB" | awk '{ print $3 }' | sort |
	paste -sd ' ')
check "exports only the interposed functions" \
	"_Exit _exit aligned_alloc calloc free malloc malloc_trim mallopt memalign posix_memalign pvalloc realloc valloc" \
	"$exported"

# It links libc alone: libseccomp and libinih come with the compiler
# module, loaded only to compile a policy.
needed=$(readelf -d "$SHIM_LIB" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
	paste -sd ' ')
check "needs libc alone" "libc.so.6" "$needed"
core="$(dirname "$SHIM_LIB")/libseccomp-shim-core.so"
check "the compiler module exports its one entry point" \
	"seccomp_shim_compile" \
	"$($NM -D --defined-only "$core" | awk '{ print $3 }' | paste -sd ' ')"

flags=$(readelf -d "$SHIM_LIB" | grep -c 'BIND_NOW')
[ "$flags" -ge 1 ] && pass "linked with -z now" || fail "no BIND_NOW"
readelf -lW "$SHIM_LIB" | grep -q GNU_RELRO && pass "linked with -z relro" ||
	fail "no GNU_RELRO segment"
finish
