#!/bin/sh
# make install puts the library in $(libdir), without libtool archives,
# the compiler it runs in $(libexecdir), makes the system cache directory,
# and the shipped policies in $(sysconfdir)/seccomp-shim/.
. "$top_srcdir/tests/live/lib.sh"

dest="$TMP/dest"
$MAKE -s -C "$top_builddir" install DESTDIR="$dest" >"$TMP/log" 2>&1 ||
	{ cat "$TMP/log"; fail "make install failed"; }
if [ -f "$dest${libdir:?}/libseccomp-shim.so" ]; then
	pass "library installed"
else
	fail "no $libdir/libseccomp-shim.so"
fi
if [ -x "$dest${libexecdir:?}/seccomp-shim-compile" ]; then
	pass "the compiler installed"
else
	fail "no $libexecdir/seccomp-shim-compile"
fi
if grep -qF "$libexecdir/seccomp-shim-compile" "$dest$libdir/libseccomp-shim.so"; then
	pass "the library runs the installed compiler"
else
	fail "the library does not name $libexecdir/seccomp-shim-compile"
fi
if ls "$dest$libdir"/*.la >/dev/null 2>&1; then
	fail "libtool archive installed"
else
	pass "no libtool archive"
fi
if [ -d "$dest${localstatedir:?}/cache/seccomp-shim" ]; then
	pass "the system cache directory made"
else
	fail "no $localstatedir/cache/seccomp-shim"
fi
for policy in "$top_srcdir"/conf/*.ini; do
	name=$(basename "$policy")
	if cmp -s "$policy" "$dest${sysconfdir:?}/seccomp-shim/$name"; then
		pass "$name installed"
	else
		fail "$name not installed"
	fi
done

if [ -x "$dest${bindir:?}/seccomp-shim" ]; then
	pass "seccomp-shim installed"
else
	fail "no $bindir/seccomp-shim"
fi
for page in man1/seccomp-shim.1 man5/seccomp-shim.ini.5 man8/libseccomp-shim.8; do
	if [ -f "$dest${mandir:?}/$page" ]; then
		pass "$page installed"
	else
		fail "no $mandir/$page"
	fi
done

# The installed library works like the built one, with no cache, so that
# it runs the installed compiler: seen where it is installed, in a mount
# namespace with the installed tree over $(prefix) (which must exist to be
# mounted over: it does, but in make distcheck's check before install).
if [ -d "${prefix:?}" ]; then
	# shellcheck disable=SC2016 # sh -c's to expand
	capture unshare -m sh -c 'mount --bind "$1" "$2" && shift 2 &&
		exec env SECCOMP_SHIM_CACHE=off "$@"' sh "$dest$prefix" "$prefix" \
		LD_PRELOAD="$libdir/libseccomp-shim.so" \
		SECCOMP_SHIM_POLICY="$sysconfdir/seccomp-shim/deny-kernel-admin.ini" \
		"$PROBE" sys:reboot getpid
	check "installed library confines" "0:sys:reboot: EPERM
getpid: OK" "$status:$out"
fi
finish
