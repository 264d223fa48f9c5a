#!/bin/sh
# make install puts the library and the compiler module it loads in
# $(libdir), without libtool archives, makes the system cache directory,
# and the shipped policies in $(sysconfdir)/seccomp-shim/.
. "$top_srcdir/tests/lib.sh"

dest="$TMP/dest"
$MAKE -s -C "$top_builddir" install DESTDIR="$dest" >"$TMP/log" 2>&1 ||
	{ cat "$TMP/log"; fail "make install failed"; }
[ -f "$dest$libdir/libseccomp-shim.so" ] && pass "library installed" ||
	fail "no $libdir/libseccomp-shim.so"
[ -f "$dest$libdir/libseccomp-shim-core.so" ] &&
	pass "the compiler module installed next to it" ||
	fail "no $libdir/libseccomp-shim-core.so"
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

# The installed library works like the built one (with no cache, so that
# it compiles with the installed module).
capture env SECCOMP_SHIM_CACHE=off LD_PRELOAD="$dest$libdir/libseccomp-shim.so" \
	SECCOMP_SHIM_POLICY="$dest$sysconfdir/seccomp-shim/deny-kernel-admin.ini" \
	"$PROBE" sys:reboot getpid
check "installed library confines" "0:sys:reboot: EPERM
getpid: OK" "$status:$out"
finish
