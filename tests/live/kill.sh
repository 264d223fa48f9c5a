#!/bin/sh
# Every action, live: kill and trap end the process with SIGSYS before the
# directory exists; errno returns the number; log allows the call.
. "$top_srcdir/tests/live/lib.sh"

policy_with() {
	printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = %s\nmkdirat = %s\n' \
		"$1" "$1" >"$TMP/p.ini"
	echo "$TMP/p.ini"
}

for action in kill kill-thread trap; do
	rm -rf "$TMP/x"
	capture confined "$(policy_with $action)" /bin/mkdir "$TMP/x"
	check "$action: mkdir dies of SIGSYS" $SIGSYS_STATUS "$status"
	if [ -e "$TMP/x" ]; then
		fail "$action: directory created"
	else
		pass "$action: no directory"
	fi
done

# The whole process dies for kill, even when the call comes from a thread
# (kill-thread would leave the rest running).
capture confined "$(policy_with kill)" "$top_builddir/tests/ctor-thread" "$TMP/t"
check "kill: a thread's call kills the process" $SIGSYS_STATUS "$status"
if [ -e "$TMP/t" ]; then
	fail "kill: thread made its directory"
else
	pass "kill: no dir"
fi

# kill-thread ends only the calling thread; the rest goes on.
capture confined "$(policy_with kill-thread)" "$PROBE" "thread:mkdir:$TMP/k" getpid
check "kill-thread: other threads go on" "0:thread:mkdir:$TMP/k: KILLED
getpid: OK" "$status:$out"
if [ -e "$TMP/k" ]; then
	fail "kill-thread: directory created"
else
	pass "kill-thread: no dir"
fi

capture confined "$(policy_with errno:ENOSPC)" "$PROBE" "mkdir:$TMP/x"
check "errno:ENOSPC" "mkdir:$TMP/x: ENOSPC" "$out"
capture confined "$(policy_with errno:7)" "$PROBE" "mkdir:$TMP/x"
check "errno:7" "mkdir:$TMP/x: E2BIG" "$out"
capture confined "$(policy_with errno:EROFS)" /bin/mkdir "$TMP/x"
case "$status:$err" in
1:*"Read-only file system"*) pass "mkdir reports EROFS" ;;
*) fail "errno:EROFS: $status $err" ;;
esac

# errno:0 makes the call "succeed" without running it.
capture confined "$(policy_with errno:0)" "$PROBE" "mkdir:$TMP/x"
check "errno:0 reports success" "mkdir:$TMP/x: OK" "$out"
if [ -e "$TMP/x" ]; then
	fail "errno:0: the call ran"
else
	pass "errno:0: the call did not run"
fi

capture confined "$(policy_with log)" "$PROBE" "mkdir:$TMP/x"
check "log allows the call" "mkdir:$TMP/x: OK" "$out"
if [ -d "$TMP/x" ]; then
	pass "log: directory made"
else
	fail "log: no directory"
fi
finish
