#!/bin/sh
# The read demo from the seccomp article, without recompiling: under
# read = errno:EBADF, head cannot read its file.
. "$top_srcdir/tests/live/lib.sh"

policy="$EXAMPLES/read-ebadf.ini"
printf 'first line\nsecond line\n' >"$TMP/f"

capture head -n1 "$TMP/f"
check "unconfined head" "0:first line" "$status:$out"

capture confined "$policy" head -n1 "$TMP/f"
check "head fails" 1 "$status"
check "head prints nothing" "" "$out"
case "$err" in
*"Bad file descriptor"*) pass "head says Bad file descriptor" ;;
*) fail "head stderr: $err" ;;
esac

# coreutils cat copies regular files with copy_file_range and never calls
# read(2), so the same policy does not stop it: the README says so.
capture confined "$policy" cat "$TMP/f"
check "cat copies without read(2)" "0:first line
second line" "$status:$out"
# A shell's own read builtin calls read(2), and fails.
capture sh -c "read line < '$TMP/f'; echo \"[\$line]\""
check "sh read builtin, unconfined" "[first line]" "$out"
capture confined "$policy" sh -c "read line < '$TMP/f'; echo \"[\$line]\""
check "sh read builtin reads nothing" "[]" "$out"
# Neither can a child be started: the dynamic loader reads the libraries it
# maps with read(2). The inherited filter stays in force, so nothing runs.
capture confined "$policy" sh -c "cat '$TMP/f'"
check "exec under read = errno:EBADF" 127 "$status"
check "no output from the child" "" "$out"
finish
