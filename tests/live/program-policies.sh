#!/bin/sh
# System policies that name a program (--enable-program-policies), tried
# with a build of the library that reads them from the build tree's
# tests/programs.d: they apply without any environment, also to
# set-user-ID programs; the environment's policy can add to them, not
# remove them; files or directories others could change are refused.
. "$top_srcdir/tests/live/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root to make root-owned policy files"
dir="$PROGRAMS_DIR"
rm -rf "$dir"
trap 'rm -rf "$TMP" "$dir"' EXIT
umask 022
real_probe=$(readlink -f "$PROBE")
mkdir -p "$dir$(dirname "$real_probe")"
policy="$dir$real_probe.ini"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:ENOTNAM\nrmdir = errno:EROFS\n' >"$policy"
chmod 644 "$policy"
with() { LD_PRELOAD="$PROGRAMS_LIB" "$@"; }
unset SECCOMP_SHIM_POLICY

capture with "$PROBE" "mkdir:$TMP/a"
check "the program's policy applies, no environment needed" "0:mkdir:$TMP/a: ENOTNAM" "$status:$out"
capture with "$top_builddir/tests/ctor-thread" "$TMP/b"
check "another program: no policy, as without the library" "0:early thread mkdir: OK" "$status:$out"
ln -s "$real_probe" "$TMP/alias"
capture with "$TMP/alias" "mkdir:$TMP/c"
check "started through a symbolic link: the same program" "0:mkdir:$TMP/c: ENOTNAM" "$status:$out"

# The environment adds to the system policy; it cannot take away.
mkdir "$TMP/d"
capture with env SECCOMP_SHIM_POLICY="$EXAMPLES/deny-mkdir-net.ini" \
	"$PROBE" "mkdir:$TMP/e" "sys:rmdir:0" socket
check "environment's policy on top" "0:mkdir:$TMP/e: EPERM
sys:rmdir:0: EROFS
socket: EPERM" "$status:$out"
printf '[policy]\nversion = 1\ndefault = allow\n' >"$TMP/allow.ini"
capture with env SECCOMP_SHIM_POLICY="$TMP/allow.ini" "$PROBE" "mkdir:$TMP/f"
check "an allow-all environment policy removes nothing" "0:mkdir:$TMP/f: ENOTNAM" "$status:$out"

# Any program can install a filter that answers the shim's probe "found"
# before it executes one with a system policy: the system policy takes no
# probe's word, and is installed all the same, cached or not.
for cache in off "$TMP/cache" "$TMP/cache"; do
	rm -rf "$TMP/forged"
	capture with env SECCOMP_SHIM_CACHE="$cache" \
		"$top_builddir/tests/forge-probe" "$PROBE" "mkdir:$TMP/forged"
	check "a forged probe answer (cache $cache): the system policy applies" \
		"0:mkdir:$TMP/forged: ENOTNAM" "$status:$out"
done

# SECCOMP_SHIM_LANDLOCK_ABI, the tests' older kernel, is the environment's:
# a system policy with enforce = best_effort keeps all its rules under it
# (scope = signal: no signal to the test's shell), while the same policy
# from the environment loses the scope there.
printf '[policy]\nversion = 1\ndefault = allow\n[landlock]\nscope = signal\nenforce = best_effort\n' \
	>"$policy"
cp "$policy" "$TMP/scoped.ini"
capture with env SECCOMP_SHIM_LANDLOCK_ABI=5 "$PROBE" "sys:kill:$$:0"
check "SECCOMP_SHIM_LANDLOCK_ABI: not for a system policy" \
	"0:sys:kill:$$:0: EPERM" "$status:$out"
printf '[policy]\nversion = 1\ndefault = allow\n' >"$policy"
capture with env SECCOMP_SHIM_LANDLOCK_ABI=5 \
	SECCOMP_SHIM_POLICY="$TMP/scoped.ini" "$PROBE" "sys:kill:$$:0"
check "SECCOMP_SHIM_LANDLOCK_ABI: for the environment's policy" \
	"0:sys:kill:$$:0: OK" "$status:$out"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:ENOTNAM\nrmdir = errno:EROFS\n' >"$policy"

# A strict-mode system policy: the program runs in strict mode, and the
# environment's policy is not even read (a broken one changes nothing).
printf '[policy]\nversion = 1\nmode = strict\n' >"$policy"
capture with env SECCOMP_SHIM_POLICY="$BAD/unknown-syscall.ini" "$PROBE" getpid
check "a strict system policy: strict mode, the environment's unread" "137:" "$status:$out"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:ENOTNAM\nrmdir = errno:EROFS\n' >"$policy"

# Set-user-ID programs ignore the environment, not the system policy. The
# loader does not take LD_PRELOAD paths for them; /etc/ld.so.preload it
# does: that is tried in a private mount namespace over a copy of /etc.
if command -v setpriv >/dev/null && command -v unshare >/dev/null &&
	unshare -m true 2>/dev/null; then
	chmod 755 "$TMP"
	cp "$real_probe" "$TMP/suid-probe"
	chmod 4755 "$TMP/suid-probe"
	mkdir -p "$dir$TMP" "$TMP/etc"
	printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nsetuid = errno:EPERM\n' \
		>"$dir$TMP/suid-probe.ini"
	cp -a /etc/. "$TMP/etc/" 2>/dev/null
	echo "$PROGRAMS_LIB" >"$TMP/etc/ld.so.preload"
	capture unshare -m --propagation private sh -c "mount --bind '$TMP/etc' /etc &&
		setpriv --reuid=65534 --regid=65534 --clear-groups '$TMP/suid-probe' sys:setuid:0 &&
		setpriv --reuid=65534 --regid=65534 --clear-groups env SECCOMP_SHIM_POLICY='$TMP/allow.ini' '$TMP/suid-probe' sys:setuid:0"
	check "set-user-ID program: its system policy applies, with or without an environment policy" \
		"0:sys:setuid:0: EPERM
sys:setuid:0: EPERM" "$status:$out"
else
	fail "setpriv or unshare missing (util-linux)"
fi

# Anything another user could change is refused, closed.
refused() {
	capture with "$PROBE" "mkdir:$TMP/g"
	check "$1" "$REFUSED_STATUS:seccomp-shim: $2" "$status:$err"
}
chmod 666 "$policy"
refused "a policy writable by others" "$policy: a system policy must be owned by root and writable by root alone"
chmod 644 "$policy"
chown 65534 "$policy"
refused "a policy owned by another user" "$policy: a system policy must be owned by root and writable by root alone"
chown 0 "$policy"
chmod 775 "$dir$(dirname "$real_probe")"
refused "a directory on the way writable by its group" "$dir$(dirname "$real_probe"): a system policy's directory must be owned by root and writable by root alone"
chmod 755 "$dir$(dirname "$real_probe")"
chmod 777 "$dir"
refused "the directory itself writable by others" "$dir: system policies must be in a directory owned by root and writable by root alone"
chmod 755 "$dir"
# An include of a file others can write is refused too.
printf '[policy]\nversion = 1\ndefault = allow\n' >"$TMP/open.ini"
chmod 666 "$TMP/open.ini"
printf '[policy]\nversion = 1\ninclude = %s\n[syscalls]\nmkdir = errno:ENOTNAM\n' "$TMP/open.ini" >"$policy"
refused "including a file others can write" "$policy:3: cannot include '$TMP/open.ini': a system policy must be owned by root and writable by root alone"
# A symbolic link on the way is not followed.
mv "$policy" "$TMP/moved.ini"
ln -s "$TMP/moved.ini" "$policy"
refused "a symbolic link as the policy" "$policy: not a regular file (symbolic links are not followed here)"
rm "$policy"
# Broken policies fail closed, as any other.
cp "$BAD/unknown-syscall.ini" "$policy"
refused "a broken system policy" "$policy:6: unknown system call 'mkdri' (did you mean 'mkdir'?)"
if [ -e "$TMP/g" ]; then
	fail "a refused program ran"
else
	pass "no refused program ran"
fi
finish
