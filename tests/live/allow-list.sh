#!/bin/sh
# An allow-list (default = kill) that lets /bin/echo and /bin/ls run to
# completion with the same output as unconfined; anything else is killed.
. "$top_srcdir/tests/live/lib.sh"

policy="$POLICIES/allow-echo-ls.ini"

capture /bin/echo hello world
plain="$status:$out"
capture confined "$policy" /bin/echo hello world
check "echo under the allow-list" "$plain" "$status:$out"

for args in "/" "-la $top_srcdir" "-lR $top_srcdir/tests/policies"; do
	# shellcheck disable=SC2086
	capture /bin/ls $args
	plain="$status:$out"
	# shellcheck disable=SC2086
	capture confined "$policy" /bin/ls $args
	check "ls $args under the allow-list" "$plain" "$status:$out"
done

# Outside the list: mkdir and getpid are killed.
capture confined "$policy" /bin/mkdir "$TMP/x"
check "mkdir outside the list is killed" $SIGSYS_STATUS "$status"
if [ -e "$TMP/x" ]; then
	fail "directory created"
else
	pass "no directory"
fi
capture confined "$policy" "$PROBE" getpid
check "getpid outside the list is killed" $SIGSYS_STATUS "$status"
finish
