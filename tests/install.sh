#!/bin/sh
# make install puts the library in $(libdir), without a libtool archive,
# and the shipped policies in $(sysconfdir)/seccomp-shim/.
. "$top_srcdir/tests/lib.sh"

dest="$TMP/dest"
$MAKE -s -C "$top_builddir" install DESTDIR="$dest" >"$TMP/log" 2>&1 ||
	{ cat "$TMP/log"; fail "make install failed"; }
[ -f "$dest$libdir/libseccomp-shim.so" ] && pass "library installed" ||
	fail "no $libdir/libseccomp-shim.so"
[ -e "$dest$libdir/libseccomp-shim.la" ] && fail "libtool archive installed" ||
	pass "no libtool archive"
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

# The installed library works like the built one.
capture env LD_PRELOAD="$dest$libdir/libseccomp-shim.so" \
	SECCOMP_SHIM_POLICY="$dest$sysconfdir/seccomp-shim/deny-kernel-admin.ini" \
	"$PROBE" sys:reboot getpid
check "installed library confines" "0:sys:reboot: EPERM
getpid: OK" "$status:$out"
finish
