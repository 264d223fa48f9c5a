#!/bin/sh
# Set-user-ID programs ignore a policy from the environment: an unprivileged
# user must not choose the policy of a privileged program (errno:0 on
# setuid() is the classic escalation). They run as without the shim; the
# README says so.
. "$top_srcdir/tests/live/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root to make a set-user-ID program"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"
chmod 755 "$TMP"
cp "$PROBE" "$TMP/suid-probe"
chmod 4755 "$TMP/suid-probe"
as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}
# Control: the copy really is set-user-ID root here (not a nosuid mount):
# nobody may setuid(0) through it, and not through the plain probe.
capture as_nobody "$TMP/suid-probe" sys:setuid:0
check "the copy runs set-user-ID root" "sys:setuid:0: OK" "$out"
capture as_nobody "$PROBE" sys:setuid:0
check "the plain probe does not" "sys:setuid:0: EPERM" "$out"
# Control: an ordinary program run by the same user is confined.
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:ENOTNAM\n' >"$TMP/deny.ini"
chmod 644 "$TMP/deny.ini"
capture as_nobody env LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$TMP/deny.ini" \
	"$PROBE" "mkdir:$TMP/plain"
check "ordinary program: confined" "mkdir:$TMP/plain: ENOTNAM" "$out"

capture as_nobody env LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$TMP/deny.ini" \
	"$TMP/suid-probe" "mkdir:$TMP/suid"
check "set-user-ID program: policy not applied" "0:mkdir:$TMP/suid: OK" \
	"$status:$out"
capture as_nobody env LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$BAD/unknown-syscall.ini" "$TMP/suid-probe" getpid
check "set-user-ID program: broken policy not read" "0:getpid: OK" \
	"$status:$out"
finish
