#!/bin/sh
# A thread that a shared library's constructor started before the shim's
# constructor ran is confined too (the filter is installed with TSYNC).
. "$top_srcdir/tests/live/lib.sh"

prog="$top_builddir/tests/ctor-thread"
policy="$EXAMPLES/deny-mkdir-net.ini"

capture "$prog" "$TMP/plain"
check "unconfined early thread" "early thread mkdir: OK" "$out"

capture confined "$policy" "$prog" "$TMP/confined"
check "confined early thread" "0:early thread mkdir: EPERM" "$status:$out"
if [ -e "$TMP/confined" ]; then
	fail "early thread made its directory"
else
	pass "no directory from the early thread"
fi

finish
