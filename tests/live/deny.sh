#!/bin/sh
# The Docker-profile demo without Docker: mkdir and sockets fail with EPERM
# under examples/deny-mkdir-net.ini, in unmodified programs.
. "$top_srcdir/tests/live/lib.sh"

policy="$EXAMPLES/deny-mkdir-net.ini"

capture confined "$policy" /bin/mkdir "$TMP/x"
check "mkdir exits 1" 1 "$status"
case "$err" in
*"Operation not permitted"*) pass "mkdir says Operation not permitted" ;;
*) fail "mkdir stderr: $err" ;;
esac
if [ -e "$TMP/x" ]; then
	fail "directory was created"
else
	pass "no directory"
fi

capture confined "$policy" /bin/mkdir -p "$TMP/p/q"
check "mkdir -p exits 1" 1 "$status"
if [ -e "$TMP/p" ]; then
	fail "mkdir -p created something"
else
	pass "mkdir -p made nothing"
fi

capture /bin/mkdir "$TMP/y"
check "unconfined mkdir works" "0" "$status"
if [ -d "$TMP/y" ]; then
	pass "unconfined directory exists"
else
	fail "no directory"
fi

# The process runs with NO_NEW_PRIVS and a seccomp filter.
capture confined "$policy" grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status
check "NoNewPrivs and filter mode" "NoNewPrivs:	1
Seccomp:	2" "$out"
capture grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status
check "unconfined: neither" "NoNewPrivs:	0
Seccomp:	0" "$out"

# Children inherit the filter, even when they drop the preload.
capture confined "$policy" sh -c \
	"env -u LD_PRELOAD -u SECCOMP_SHIM_POLICY mkdir '$TMP/child'"
check "child without the preload still refused" 1 "$status"
if [ -e "$TMP/child" ]; then
	fail "child made its directory"
else
	pass "no child dir"
fi

# Each child loads the shim again, finds the same filter on top, and adds
# none (tests/live/exec-chain.sh has more).
capture confined "$policy" sh -c 'grep "^Seccomp_filters:" /proc/self/status'
check "a child of a confined shell: still one filter" "Seccomp_filters:	1" "$out"

# A deny-list denies what it names: mkdir is not mkdirat.
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EPERM\n' >"$TMP/mkdir-only.ini"
capture confined "$TMP/mkdir-only.ini" "$PROBE" "mkdir:$TMP/m1" "mkdirat:$TMP/m2"
check "mkdir denied, mkdirat not" "mkdir:$TMP/m1: EPERM
mkdirat:$TMP/m2: OK" "$out"

# Everything else still works: the file is written.
capture confined "$policy" sh -c "echo hello > '$TMP/file'; cat '$TMP/file'"
check "other calls allowed" "0:hello" "$status:$out"

# Sockets: the probe, and python3 as an unmodified interpreter.
capture confined "$policy" "$PROBE" socket getpid "mkdir:$TMP/z"
check "probe under the policy" "socket: EPERM
getpid: OK
mkdir:$TMP/z: EPERM" "$out"
capture "$PROBE" socket
check "probe unconfined" "socket: OK" "$out"
if command -v python3 >/dev/null; then
	capture confined "$policy" python3 -c '
import socket
try:
    socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    print("created")
except OSError as e:
    print(e.errno, e.strerror)'
	check "python3 socket refused" "1 Operation not permitted" "$out"
fi

# The documented limit: if the loader cannot load the library, it warns
# and runs the program without it, unconfined.
capture env LD_PRELOAD="$TMP/no-such-lib.so" SECCOMP_SHIM_POLICY="$policy" \
	/bin/mkdir "$TMP/unloaded"
case "$status:$err" in
0:*"cannot be preloaded"*) pass "a library that cannot load confines nothing" ;;
*) fail "unloadable library: $status $err" ;;
esac

# The program's own constructor already runs confined.
capture env PROBE_CTOR="mkdir:$TMP/c" LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$policy" "$PROBE"
check "constructor confined" "ctor mkdir:$TMP/c: EPERM" "$out"
if [ -e "$TMP/c" ]; then
	fail "constructor created a directory"
else
	pass "no ctor dir"
fi
finish
