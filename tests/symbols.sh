#!/bin/sh
# The preload library is a guest in every process: it exports only the
# functions strict mode interposes, and is linked with full RELRO.
. "$top_srcdir/tests/lib.sh"

exported=$($NM -D --defined-only "$SHIM_LIB" | awk '{ print $3 }' | sort |
	paste -sd ' ')
check "exports only the interposed functions" \
	"_Exit _exit aligned_alloc calloc free malloc malloc_trim mallopt memalign posix_memalign pvalloc realloc valloc" \
	"$exported"

flags=$(readelf -d "$SHIM_LIB" | grep -c 'BIND_NOW')
[ "$flags" -ge 1 ] && pass "linked with -z now" || fail "no BIND_NOW"
readelf -lW "$SHIM_LIB" | grep -q GNU_RELRO && pass "linked with -z relro" ||
	fail "no GNU_RELRO segment"
finish
