#!/bin/sh
# A SECCOMP_SHIM_POLICY value with a newline in it is the policy itself.
. "$top_srcdir/tests/live/lib.sh"

inline='[policy]
version = 1
default = allow
[syscalls]
mkdir = errno:EPERM
mkdirat = errno:EPERM'

capture confined "$inline" /bin/mkdir "$TMP/x"
case "$status:$err" in
1:*"Operation not permitted"*) pass "inline policy denies mkdir" ;;
*) fail "inline: $status $err" ;;
esac
if [ -e "$TMP/x" ]; then
	fail "directory created"
else
	pass "no directory"
fi

# The shell one-liner form.
capture env LD_PRELOAD="$SHIM_LIB" \
	SECCOMP_SHIM_POLICY="$(printf '[policy]\nversion=1\ndefault=allow\n[syscalls]\nread=errno:EBADF')" \
	head -n1 /etc/passwd
case "$status:$err" in
1:*"Bad file descriptor"*) pass "one-liner read = errno:EBADF" ;;
*) fail "one-liner: $status $err" ;;
esac

# Errors in an inline policy name the variable and the line.
capture confined '[policy]
version = 1
default = allow
[syscalls]
mkdri = errno:EPERM' touch "$TMP/marker"
check "inline error" "$REFUSED_STATUS:seccomp-shim: \$SECCOMP_SHIM_POLICY:5: unknown system call 'mkdri' (did you mean 'mkdir'?)" "$status:$err"
if [ -e "$TMP/marker" ]; then
	fail "program ran"
else
	pass "program did not run"
fi
finish
