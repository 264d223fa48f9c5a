#!/bin/sh
# make install puts the library in $(libdir), without libtool archives,
# the compiler it runs in $(libexecdir), makes the system cache directory,
# and the shipped policies in $(sysconfdir)/seccomp-shim/.
. "$top_srcdir/tests/live/lib.sh"

dest="$TMP/dest"
$MAKE -s -C "$top_builddir" install DESTDIR="$dest" >"$TMP/log" 2>&1 ||
	{ cat "$TMP/log"; fail "make install failed"; }
[ -f "$dest$libdir/libseccomp-shim.so" ] && pass "library installed" ||
	fail "no $libdir/libseccomp-shim.so"
[ -x "$dest${libexecdir:?}/seccomp-shim-compile" ] &&
	pass "the compiler installed" ||
	fail "no $libexecdir/seccomp-shim-compile"
grep -qF "$libexecdir/seccomp-shim-compile" "$dest$libdir/libseccomp-shim.so" &&
	pass "the library runs the installed compiler" ||
	fail "the library does not name $libexecdir/seccomp-shim-compile"
ls "$dest$libdir"/*.la >/dev/null 2>&1 && fail "libtool archive installed" ||
	pass "no libtool archive"
[ -d "$dest${localstatedir:?}/cache/seccomp-shim" ] &&
	pass "the system cache directory made" ||
	fail "no $localstatedir/cache/seccomp-shim"
for policy in "$top_srcdir"/conf/*.ini; do
	name=$(basename "$policy")
	cmp -s "$policy" "$dest$sysconfdir/seccomp-shim/$name" &&
		pass "$name installed" || fail "$name not installed"
done

[ -x "$dest$bindir/seccomp-shim" ] && pass "seccomp-shim installed" ||
	fail "no $bindir/seccomp-shim"
for page in man1/seccomp-shim.1 man5/seccomp-shim.ini.5 man8/libseccomp-shim.8; do
	[ -f "$dest$mandir/$page" ] && pass "$page installed" ||
		fail "no $mandir/$page"
done

# The installed library works like the built one, with no cache, so that
# it runs the installed compiler: seen where it is installed, in a mount
# namespace with the installed tree over $(prefix) (which must exist to be
# mounted over: it does, but in make distcheck's check before install).
if [ -d "${prefix:?}" ]; then
	capture unshare -m sh -c 'mount --bind "$1" "$2" && shift 2 &&
		exec env SECCOMP_SHIM_CACHE=off "$@"' sh "$dest$prefix" "$prefix" \
		LD_PRELOAD="$libdir/libseccomp-shim.so" \
		SECCOMP_SHIM_POLICY="$sysconfdir/seccomp-shim/deny-kernel-admin.ini" \
		"$PROBE" sys:reboot getpid
	check "installed library confines" "0:sys:reboot: EPERM
getpid: OK" "$status:$out"
fi
finish
