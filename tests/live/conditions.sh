#!/bin/sh
# Argument conditions and groups on unmodified programs.
. "$top_srcdir/tests/live/lib.sh"

# --- socket families: python3 and the probe -------------------------------
policy="$EXAMPLES/socket-unix-only.ini"
if command -v python3 >/dev/null; then
	capture confined "$policy" python3 -c '
import socket
for name in ("AF_UNIX", "AF_INET6", "AF_INET"):
    try:
        socket.socket(getattr(socket, name), socket.SOCK_STREAM).close()
        print(name, "ok")
    except OSError as e:
        print(name, e.strerror)'
	check "python3 sockets" "0:AF_UNIX ok
AF_INET6 ok
AF_INET Address family not supported by protocol" "$status:$out"
fi
# The upper half of an int argument cannot slip AF_INET (2) past the rule.
capture confined "$policy" "$PROBE" sys:socket:1:1 sys:socket:2:1 \
	sys:socket:0x100000002:1 sys:socket:0xffffffff00000002:1
check "probe sockets" "sys:socket:1:1: OK
sys:socket:2:1: EAFNOSUPPORT
sys:socket:0x100000002:1: EAFNOSUPPORT
sys:socket:0xffffffff00000002:1: EAFNOSUPPORT" "$out"
capture "$PROBE" sys:socket:0x100000002:1
check "unconfined, the kernel reads 0x100000002 as AF_INET" \
	"sys:socket:0x100000002:1: OK" "$out"

# A 16-bit argument (umode_t): bits above 16 cannot slip past a rule.
echo data >"$TMP/m"
chmod 644 "$TMP/m"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nfchmod = errno:EPERM if a1 == 04755\n' >"$TMP/mode.ini"
capture confined "$TMP/mode.ini" "$PROBE" sys:fchmod:0:04755 sys:fchmod:0:0x109ed <"$TMP/m"
check "fchmod with bit 16 set is refused too" "sys:fchmod:0:04755: EPERM
sys:fchmod:0:0x109ed: EPERM" "$out"
check "mode unchanged" 644 "$(stat -c %a "$TMP/m")"

# --- openat access modes: reading works, writing is refused ---------------
policy="$EXAMPLES/read-only-files.ini"
echo original >"$TMP/f"
capture confined "$policy" cat "$TMP/f"
check "cat reads" "0:original" "$status:$out"
capture confined "$policy" sh -c "echo x > '$TMP/f'"
case "$status:$err" in
2:*"Permission denied"*) pass "sh cannot write: Permission denied" ;;
*) fail "sh write: $status $err" ;;
esac
check "the file is unchanged" "original" "$(cat "$TMP/f")"
capture confined "$policy" sh -c "echo x > '$TMP/new'"
if [ -e "$TMP/new" ]; then
	fail "a file was created"
else
	pass "no file created"
fi
capture confined "$policy" cp "$TMP/f" "$TMP/copy"
if [ -e "$TMP/copy" ]; then
	fail "cp created its copy"
else
	pass "cp refused"
fi

# --- a group: @network-io = errno:EACCES stops a network client ------------
cat >"$TMP/nonet.ini" <<'INI'
[policy]
version = 1
default = allow
[syscalls]
@network-io = errno:EACCES
INI
if command -v python3 >/dev/null; then
	capture confined "$TMP/nonet.ini" python3 -c '
import socket
try:
    socket.create_connection(("127.0.0.1", 9))
except OSError as e:
    print(e.errno == 13, e.strerror)'
	check "python3 client refused" "0:True Permission denied" "$status:$out"
fi
capture confined "$TMP/nonet.ini" "$PROBE" socket getpid
check "probe socket refused" "socket: EACCES
getpid: OK" "$out"

# --- a line naming a call beats a group line, wherever each stands ---------
cat >"$TMP/fs.ini" <<'INI'
[policy]
version = 1
default = kill
[syscalls]
mkdir = errno:EPERM
mkdirat = errno:EPERM
@system-service = allow
@file-system = allow
INI
capture confined "$TMP/fs.ini" sh -c "ls '$TMP' >/dev/null && touch '$TMP/t' && echo fine"
check "the group allows ls and touch" "0:fine" "$status:$out"
capture confined "$TMP/fs.ini" /bin/mkdir "$TMP/d"
case "$status:$err" in
1:*"Operation not permitted"*) pass "mkdir: Operation not permitted" ;;
*) fail "mkdir under the group policy: $status $err" ;;
esac
if [ -e "$TMP/d" ]; then
	fail "directory created"
else
	pass "no directory"
fi
# ... and anything outside the groups is killed.
capture confined "$TMP/fs.ini" "$PROBE" sys:reboot
check "outside the groups: killed" "$SIGSYS_STATUS" "$status"

# --- clone flags: new namespaces refused, plain fork works -----------------
cat >"$TMP/nons.ini" <<'INI'
[policy]
version = 1
default = allow
[syscalls]
clone = errno:EPERM if a0 & CLONE_NEWUSER == CLONE_NEWUSER
clone3 = errno:ENOSYS
INI
capture confined "$TMP/nons.ini" "$PROBE" sys:clone:0x10000011 thread:getpid
check "clone(CLONE_NEWUSER) refused, threads work" "sys:clone:0x10000011: EPERM
thread:getpid: OK" "$out"
# shellcheck disable=SC2016 # sh -c's to expand
capture confined "$TMP/nons.ini" sh -c 'echo $(echo forked)'
check "fork works" "0:forked" "$status:$out"
finish
