#!/bin/sh
# The preload library is a guest in every process: it exports no symbols and
# is linked with full RELRO.
. "$top_srcdir/tests/lib.sh"

exported=$($NM -D --defined-only "$SHIM_LIB")
check "no exported symbols" "" "$exported"

flags=$(readelf -d "$SHIM_LIB" | grep -c 'BIND_NOW')
[ "$flags" -ge 1 ] && pass "linked with -z now" || fail "no BIND_NOW"
readelf -lW "$SHIM_LIB" | grep -q GNU_RELRO && pass "linked with -z relro" ||
	fail "no GNU_RELRO segment"
finish
