#!/bin/sh
# The log action lets the call run and the kernel logs it (audit record type
# 1326, SECCOMP_RET_LOG = 0x7ffc0000). Needs a readable kernel log.
. "$top_srcdir/tests/live/lib.sh"

dmesg >/dev/null 2>&1 || skip "the kernel log is not readable here"
grep -qw log /proc/sys/kernel/seccomp/actions_logged ||
	skip "this kernel does not log the log action"

printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = log\n' >"$TMP/log.ini"
nr=$(printf '#include <sys/syscall.h>\nSYS_mkdir\n' | cpp -P | tail -n1)
# The kernel rate-limits these lines when no audit daemon runs (and other
# tests running beside this one may have used up its burst): try for as
# long as its window lasts (5 s).
logged=no
for _ in 1 2 3 4 5 6 7; do
	rm -rf "$TMP/x"
	since=$(now) # (pids are reused: only new records count)
	pid=$(confined "$TMP/log.ini" sh -c \
		"echo \$\$; exec '$PROBE' 'mkdir:$TMP/x' >/dev/null")
	[ -d "$TMP/x" ] || fail "log: the call did not run"
	sleep 0.8
	if kernel_log_since "$since" | grep "type=1326" |
		grep "pid=$pid " |
		grep "syscall=$nr " | grep -q "code=0x7ffc0000"; then
		logged=yes
		break
	fi
done
check "the kernel logged the call" yes "$logged"
finish
