#!/bin/sh
# System-wide use through /etc/ld.so.preload, tried in a private mount
# namespace over a copy of /etc (the real one is not touched):
# - with no policy configured, 60 common commands behave exactly as
#   without the library (output and status);
# - a program given a policy in its environment is confined;
# - a set-user-ID program run by an unprivileged user ignores the policy
#   that user chose (the loader does load the library into it, from
#   ld.so.preload, but the shim reads the policy with secure_getenv).
. "$top_srcdir/tests/live/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root for a mount namespace"
command -v unshare >/dev/null || skip "unshare (util-linux) not installed"
unshare -m true 2>/dev/null || skip "cannot make a mount namespace here"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"

chmod 755 "$TMP"
mkdir "$TMP/etc" "$TMP/work"
cp -a /etc/. "$TMP/etc/" 2>/dev/null
rm -f "$TMP/etc/ld.so.preload"
printf 'b 2\na 1\nc 3\na 1\n' >"$TMP/work/data"

cat >"$TMP/battery.sh" <<'SH'
# 60 commands; each prints its output and status.
cd "$1" || exit 1
n=0
run() {
	n=$((n + 1))
	out=$("$@" 2>&1)
	printf '%s [%s] %s\n' "$n" "$?" "$out"
}
run echo hello
run printf '%s-%d\n' x 3
run true
run false
run sh -c 'exit 3'
run bash -c 'echo $((6 * 7))'
run cat data
run head -n1 data
run tail -n1 data
run wc -l data
run sort data
run sort -u data
run uniq -c data
run cut -d' ' -f2 data
run tr a-z A-Z <data
run sed -n 2p data
run awk '{ s += $2 } END { print s }' data
run grep -c a data
run grep -q zzz data
run basename /a/b/c.txt .txt
run dirname /a/b/c.txt
run expr 2 + 3
run seq 3
run date -u -d @86400 +%F
run id -u
run whoami
run uname -s
run printenv HOME
run test -f data
run stat -c %s data
run du -b data
run find . -name data
run sh -c 'echo a b | xargs -n1'
run sh -c 'echo tee | tee copy'
run md5sum data
run sha256sum data
run base64 data
run od -c -N4 data
run sh -c 'gzip -c data | gzip -dc | wc -c'
run sh -c 'tar -cf t.tar data && tar -tf t.tar'
run cp data data2
run mv data2 data3
run ln -s data3 link
run readlink link
run rm link data3
run mkdir dir
run rmdir dir
run touch stamp
run chmod 600 stamp
run ls -l stamp
run diff data data
run cmp data copy
run sh -c 'comm -12 data data | head -1'
run paste data data
run fold -w3 data
run nl data
run sh -c 'kill -0 $$'
run sleep 0
run python3 -c 'import sys; print(sys.version_info[0])'
run perl -e 'print "perl\n"'
echo "$n commands"
SH

cat >"$TMP/inside.sh" <<'SH'
set -u
mount --bind "$TMP/etc" /etc || exit 99
sh "$TMP/battery.sh" "$TMP/work" >"$TMP/plain.out" 2>&1
rm -f "$TMP/work/copy" "$TMP/work/t.tar" "$TMP/work/stamp"
echo "$SHIM_LIB" >/etc/ld.so.preload
sh "$TMP/battery.sh" "$TMP/work" >"$TMP/preload.out" 2>&1
grep -q 'libseccomp-shim' /proc/self/maps && echo yes >"$TMP/loaded"
# A policy in the environment confines the program it is given to.
SECCOMP_SHIM_POLICY="$EXAMPLES/deny-mkdir-net.ini" "$PROBE" "mkdir:$TMP/work/denied" \
	>"$TMP/confined.out" 2>&1
# The constructors of the program's own libraries too, first start and
# cached.
for cache in off "$TMP/cache"; do
	CTOR_DIR="$TMP/work/ctor" SECCOMP_SHIM_CACHE="$cache" \
		SECCOMP_SHIM_POLICY="$EXAMPLES/deny-mkdir-net.ini" "$CTOR_MKDIR"
	ls "$TMP/work/ctor"
done >"$TMP/ctor.out" 2>&1
# Set-user-ID: nobody runs a set-user-ID-root copy of the probe with a
# policy of nobody's choosing; it must not apply.
cp "$PROBE" "$TMP/suid-probe" && chmod 4755 "$TMP/suid-probe"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:ENOTNAM\nsetuid = errno:0\n' \
	>"$TMP/mine.ini"
chmod 644 "$TMP/mine.ini"
chmod 777 "$TMP/work"
setpriv --reuid=65534 --regid=65534 --clear-groups env \
	SECCOMP_SHIM_POLICY="$TMP/mine.ini" "$TMP/suid-probe" \
	"mkdir:$TMP/work/suid" >"$TMP/suid.out" 2>&1
setpriv --reuid=65534 --regid=65534 --clear-groups env \
	SECCOMP_SHIM_POLICY="$TMP/mine.ini" "$PROBE" \
	"mkdir:$TMP/work/plain" >"$TMP/nobody.out" 2>&1
exit 0
SH
mkdir "$TMP/work/ctor"
CTOR_MKDIR="$top_builddir/tests/ctor-mkdir"
export TMP SHIM_LIB EXAMPLES PROBE CTOR_MKDIR
unshare -m --propagation private sh "$TMP/inside.sh"
check "the namespace was set up" 0 "$?"
[ -e /etc/ld.so.preload ] && grep -q seccomp-shim /etc/ld.so.preload &&
	fail "the real /etc/ld.so.preload was changed"

check "60 commands ran" "60 commands" "$(tail -n1 "$TMP/plain.out")"
if cmp -s "$TMP/plain.out" "$TMP/preload.out"; then
	pass "60 commands: same output and status with the library system-wide"
else
	fail "the library changed what commands do:"
	diff "$TMP/plain.out" "$TMP/preload.out" >&2
fi
check "the library was loaded from ld.so.preload" yes "$(cat "$TMP/loaded")"
check "a policy in the environment applies" "mkdir:$TMP/work/denied: EPERM" \
	"$(cat "$TMP/confined.out")"
check "the program's libraries' constructors are confined" "inner constructor mkdir: EPERM
outer constructor mkdir: EPERM
main mkdir: EPERM
inner constructor mkdir: EPERM
outer constructor mkdir: EPERM
main mkdir: EPERM" "$(cat "$TMP/ctor.out")"
check "set-user-ID program: a user's policy does not apply" \
	"mkdir:$TMP/work/suid: OK" "$(cat "$TMP/suid.out")"
check "... while the same user's ordinary program is confined" \
	"mkdir:$TMP/work/plain: ENOTNAM" "$(cat "$TMP/nobody.out")"
finish
