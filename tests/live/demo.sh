#!/bin/sh
# The README's demo runs and shows each denial.
. "$top_srcdir/tests/live/lib.sh"

capture sh "$EXAMPLES/demo.sh"
check "demo exits 0" 0 "$status"
for expect in "Operation not permitted" "Bad file descriptor" \
	"seccomp-shim:" "Bad system call" "step 3: read a line: hello" "[exit status 137]" \
	"this line only prints unconfined"; do
	case "$out$err" in
	*"$expect"*) pass "demo shows '$expect'" ;;
	*) fail "demo does not show '$expect'" ;;
	esac
done
finish
