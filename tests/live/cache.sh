#!/bin/sh
# The cache of compiled policies: a second start under a policy runs no
# compiler, and an entry is used only while it is current (the policy and
# every included file, by identity or by a checksum of their text,
# libseccomp, the shim's build) and
# trusted (owned by the policy's owner, writable by that owner alone).
# Anything else is a miss, and the policy is compiled as if there were no
# cache: the program is confined exactly as the policy says either way.
. "$top_srcdir/tests/live/lib.sh"

command -v python3 >/dev/null || skip "python3 not installed"
CACHE="$TMP/cache"
export SECCOMP_SHIM_CACHE="$CACHE"

command -v strace >/dev/null || skip "strace not installed"

# Whether the last run started the compiler (strace saw it executed).
compiled() { grep -q 'execve("[^"]*/seccomp-shim-compile"' "$TMP/trace"; }

# run POLICY CMD...: confined, with strace noting what is executed.
run() {
	run_policy=$1
	shift
	capture strace -f -qq -e trace=execve -o "$TMP/trace" env \
		LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$run_policy" "$@"
}

# expect LABEL COMPILED(yes|no) EXPECTED-OUTPUT: after run.
expect() {
	if compiled; then how=yes; else how=no; fi
	check "$1" "compiled=$2 status=0 $3" "compiled=$how status=$status $out"
}

# The entry file for the one policy cached so far.
entry() { ls "$CACHE"/*.policy; }

cp "$EXAMPLES/deny-mkdir-net.ini" "$TMP/deny.ini"
run "$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
expect "first start: compiled" yes "mkdir:$TMP/d1: EPERM"
check "one entry, root's, readable, in a directory of root's alone" \
	"1 -rw-r--r-- root drwx------ root" \
	"$(count_entries "$CACHE") $(stat -c '%A %U' "$(entry)") $(stat -c '%A %U' "$CACHE")"
run "$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
expect "second start: from the cache" no "mkdir:$TMP/d1: EPERM"
if [ -e "$TMP/d1" ]; then
	fail "a directory was made"
else
	pass "no directory made"
fi

# A start from the cache does not even allocate: an interposer preloaded
# ahead of the shim counts the same allocations before main as without it.
without=$(LD_PRELOAD="$ALLOCCOUNT_LIB" "$PROBE" allocs)
with=$(LD_PRELOAD="$ALLOCCOUNT_LIB $SHIM_LIB" SECCOMP_SHIM_POLICY="$TMP/deny.ini" \
	"$PROBE" allocs)
case "$without" in
"allocs: "[0-9]*) check "a start from the cache allocates nothing" "$without" \
	"$with" ;;
*) fail "the allocation counter did not load: $without" ;;
esac

# A policy whose files others may not read gets an entry others may not
# read.
cp "$TMP/deny.ini" "$TMP/private.ini"
chmod 600 "$TMP/private.ini"
run "$TMP/private.ini" "$PROBE" "mkdir:$TMP/d1"
# shellcheck disable=SC2012 # the newest by ls -t; entries are named in hex
newest=$(ls -t "$CACHE"/*.policy | head -1)
check "a private policy's entry is private" "-rw-------" \
	"$(stat -c %A "$newest")"
rm "$newest"

# The policy changes, keeping its size and times: compiled again, and the
# new text decides.
sed 's/^mkdir   = errno:EPERM/mkdir   = errno:EROFS/' "$TMP/deny.ini" \
	>"$TMP/new.ini"
touch -r "$TMP/deny.ini" "$TMP/new.ini"
cat "$TMP/new.ini" >"$TMP/deny.ini"
touch -r "$TMP/new.ini" "$TMP/deny.ini"
run "$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
expect "policy changed (same size, same time): compiled again" yes \
	"mkdir:$TMP/d1: EROFS"
run "$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
expect "... and cached again" no "mkdir:$TMP/d1: EROFS"
check "still one entry for one policy" 1 "$(count_entries "$CACHE")"

# A policy whose times were over a second old when it was compiled: a
# cached start knows it by its identity (one stat), without reading it,
# whatever its size ...
sed 's/^mkdir   = errno:EROFS/mkdir   = errno:EMLINK/' "$TMP/deny.ini" \
	>"$TMP/settled.ini"
sleep 2
run "$TMP/settled.ini" "$PROBE" "mkdir:$TMP/d1"
capture strace -f -qq -e trace=openat,stat,newfstatat -o "$TMP/files" env \
	LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$TMP/settled.ini" "$PROBE" \
	"mkdir:$TMP/d1"
check "a settled policy, cached: confined" "0:mkdir:$TMP/d1: EMLINK" \
	"$status:$out"
check "... stat once, not opened" "1 0" \
	"$(grep -c "\(stat\|newfstatat\)(\(AT_FDCWD, \)\{0,1\}\"$TMP/settled.ini\"" "$TMP/files") $(grep -c "openat(.*settled.ini" "$TMP/files")"
# ... and a change that keeps its size and times moves its change time,
# which no one can set: compiled again.
sed 's/EMLINK/EROFS/' "$TMP/settled.ini" >"$TMP/new.ini"
touch -r "$TMP/settled.ini" "$TMP/new.ini"
cat "$TMP/new.ini" >"$TMP/settled.ini"
touch -r "$TMP/new.ini" "$TMP/settled.ini"
run "$TMP/settled.ini" "$PROBE" "mkdir:$TMP/d1"
expect "settled policy changed (same size, same time): compiled again" yes \
	"mkdir:$TMP/d1: EROFS"

# An included file changes: compiled again.
mkdir "$TMP/inc"
part() {
	printf '[policy]\nversion = 1\n[syscalls]\nmkdir = errno:%s\n' "$1" \
		>"$TMP/inc/part.ini"
}
part EPERM
printf '[policy]\nversion = 1\ndefault = allow\ninclude = part.ini\n' \
	>"$TMP/inc/top.ini"
run "$TMP/inc/top.ini" "$PROBE" "mkdir:$TMP/d1"
run "$TMP/inc/top.ini" "$PROBE" "mkdir:$TMP/d1"
expect "policy with an include: from the cache" no "mkdir:$TMP/d1: EPERM"
part EACCES
run "$TMP/inc/top.ini" "$PROBE" "mkdir:$TMP/d1"
expect "included file changed: compiled again" yes "mkdir:$TMP/d1: EACCES"
rm "$TMP/inc/part.ini"
run "$TMP/inc/top.ini" "$PROBE" "mkdir:$TMP/d1"
check "included file gone: the compiler's error, not the cached filter" \
	"$REFUSED_STATUS" "$status"
part EACCES

# Inline text: cached, as root's (its owner is whoever set the variable).
inline="$(printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EDQUOT\n')
"
run "$inline" "$PROBE" "mkdir:$TMP/d1"
run "$inline" "$PROBE" "mkdir:$TMP/d1"
expect "inline policy: from the cache" no "mkdir:$TMP/d1: EDQUOT"

# Strict mode: the settings come from the cache too.
${CC:-cc} -o "$TMP/strict-prog" "$top_srcdir/tests/progs/strict-prog.c" ||
	fail "cannot build tests/progs/strict-prog.c"
printf '[policy]\nversion = 1\nmode = strict\n' >"$TMP/strict.ini"
# (The loader's reports make getpid calls, which strict mode kills: only
# whether the compiler was loaded counts in that run.)
capture confined "$TMP/strict.ini" "$TMP/strict-prog" print 0
run "$TMP/strict.ini" "$TMP/strict-prog" print 0
if compiled; then
	fail "strict mode: compiled again"
else
	pass "strict mode: from the cache"
fi
capture confined "$TMP/strict.ini" "$TMP/strict-prog" print 0
check "strict mode from the cache: output and status" \
	"0 $("$TMP/strict-prog" print 0 2>/dev/null)" "$status $out"
capture confined "$TMP/strict.ini" "$PROBE" sys:getpid
check "strict mode from the cache still kills getpid" 137 "$status"

# seccomp-shim compile fills the cache beforehand: the first start is warm.
# A relative name is cached as given and as its absolute path (what
# seccomp-shim run passes on).
shim="$top_builddir/shim/seccomp-shim"
cp "$TMP/deny.ini" "$TMP/ahead.ini"
capture sh -c "cd '$TMP' && '$shim' compile ahead.ini"
check "compile: where each went" "0:ahead.ini: cached in $CACHE/
$TMP/ahead.ini: cached in $CACHE/" \
	"$status:$(printf '%s\n' "$out" | sed 's|/[0-9a-f]*[.]policy$|/|')"
run "$TMP/ahead.ini" "$PROBE" "mkdir:$TMP/d1"
expect "compiled ahead: the first start loads no compiler" no \
	"mkdir:$TMP/d1: EROFS"
capture "$shim" compile "$BAD/unknown-action.ini"
check "compile: an invalid policy fails" 1 "$status"
capture env SECCOMP_SHIM_CACHE=off "$shim" compile "$TMP/ahead.ini"
check "compile: with the cache off, says so" "1:seccomp-shim: $TMP/ahead.ini: not cached: the cache is off (SECCOMP_SHIM_CACHE is not an absolute path, or HOME is unset)" "$status:$err"
# seccomp-shim run caches before it runs the command.
cp "$TMP/deny.ini" "$TMP/byrun.ini"
capture env SECCOMP_SHIM_LIB="$SHIM_LIB" "$shim" run -p "$TMP/byrun.ini" \
	"$PROBE" "mkdir:$TMP/d1"
check "seccomp-shim run confines" "0:mkdir:$TMP/d1: EROFS" "$status:$out"
run "$TMP/byrun.ini" "$PROBE" "mkdir:$TMP/d1"
expect "after seccomp-shim run: cached" no "mkdir:$TMP/d1: EROFS"

# SECCOMP_SHIM_CACHE=off: nothing read, nothing written.
rm -rf "$CACHE"
SECCOMP_SHIM_CACHE=off run "$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
SECCOMP_SHIM_CACHE=off run "$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
expect "SECCOMP_SHIM_CACHE=off: compiled every time" yes "mkdir:$TMP/d1: EROFS"
if [ -e "$CACHE" ]; then
	fail "the cache was written"
else
	pass "no cache written"
fi

# --- entries that must not be used ---------------------------------------
# forge ENTRY WHAT: rewrite a field of an entry and its checksum, as
# someone who can write the file could (the format is in shim/preload/cache.c).
cat >"$TMP/forge.py" <<'PY'
import struct, sys
path, what = sys.argv[1], sys.argv[2]
data = bytearray(open(path, 'rb').read())
head = 8 + 4 + 8
pos = head
def string():
    global pos
    n, = struct.unpack_from('<I', data, pos)
    pos += 4 + n
    return pos - n, n
build = string(); setting = string(); lib = string()
libnums = pos; pos += 5 * 8
pos += 4  # owner
count, = struct.unpack_from('<I', data, pos); pos += 4
for _ in range(count):
    string()
    pos += 8 * 8 + 4  # identity, checksum, settled
string()  # file
pos += 4 + 8 + 4 + 4 + 4 + 8 + 8 + 4  # ... digest, origin, log
n, = struct.unpack_from('<I', data, pos); insns = pos + 4 + 4 + 4 + 4 + 8  # n, report, landlock, mdwe, drop_caps
insns += (8 - insns % 8) % 8  # aligned for the kernel
if what == 'allow-all':
    # every instruction a return of SECCOMP_RET_ALLOW
    for i in range(n):
        struct.pack_into('<HBBI', data, insns + 8 * i, 0x06, 0, 0, 0x7fff0000)
elif what == 'build':
    data[build[0]] ^= 1
elif what == 'library':
    struct.pack_into('<Q', data, libnums + 32, 1)  # another mtime
elif what == 'flip':
    data[insns + 8 * (n // 2) + 4] ^= 1  # a byte, checksum kept
    open(path, 'wb').write(data); sys.exit(0)
# the checksum (compiled_checksum in shim/common/compiled.h)
M = 0xffffffffffffffff
body = data[head:]
h = 0xcbf29ce484222325 ^ len(body)
whole = len(body) - len(body) % 8
for i in range(0, whole, 8):
    h = ((h ^ struct.unpack_from('<Q', body, i)[0]) * 0x9e3779b97f4a7c15) & M
    h ^= h >> 32
for b in body[whole:]:
    h = ((h ^ b) * 0x100000001b3) & M
struct.pack_into('<Q', data, head - 8, h)
open(path, 'wb').write(data)
PY

# reset: the deny policy freshly cached, its entry saved.
reset() {
	rm -rf "$CACHE"
	run "$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
	cp -p "$(entry)" "$TMP/good"
}
# refused LABEL: the entry as it stands is not used, the policy decides.
refused() {
	run "$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
	expect "$1: not used, compiled" yes "mkdir:$TMP/d1: EROFS"
	[ -e "$TMP/d1" ] && { fail "$1: mkdir worked"; rmdir "$TMP/d1"; }
}

# The forger is right: as root's, for root's policy, a forged entry would
# be used (root can as well rewrite the policy), which proves the checks
# below are what refuses it.
reset
python3 "$TMP/forge.py" "$(entry)" allow-all
run "$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
expect "control: root's forged entry for root's policy is used" no \
	"mkdir:$TMP/d1: OK"
rmdir "$TMP/d1" 2>/dev/null

reset
python3 "$TMP/forge.py" "$(entry)" allow-all
chown 65534 "$(entry)"
refused "allow-all entry owned by another user"
reset
python3 "$TMP/forge.py" "$(entry)" allow-all
chmod 666 "$(entry)"
refused "allow-all entry writable by others"
reset
chmod 620 "$(entry)"
refused "entry writable by its group"
reset
python3 "$TMP/forge.py" "$(entry)" allow-all
chmod 777 "$CACHE"
refused "entry in a directory others can write"
chmod 700 "$CACHE"
reset
python3 "$TMP/forge.py" "$(entry)" allow-all
chown 65534 "$CACHE"
refused "entry in a directory of another user's"
chown 0 "$CACHE"
reset
name=$(entry)
mv "$name" "$TMP/elsewhere"
ln -s "$TMP/elsewhere" "$name"
refused "entry that is a symbolic link"
reset
mv "$CACHE" "$TMP/realcache"
ln -s "$TMP/realcache" "$CACHE"
refused "cache directory that is a symbolic link"
rm "$CACHE"
rm -rf "$TMP/realcache"

reset
python3 "$TMP/forge.py" "$(entry)" build
refused "entry from another build of the shim"
reset
python3 "$TMP/forge.py" "$(entry)" library
refused "entry compiled with another libseccomp file"
reset
python3 "$TMP/forge.py" "$(entry)" flip
refused "entry with a byte changed (checksum)"
reset
size=$(stat -c %s "$TMP/good")
for cut in 0 7 19 20 50 $((size / 2)) $((size - 1)); do
	head -c "$cut" "$TMP/good" >"$(entry)"
	refused "entry cut to $cut bytes"
done
printf '' >"$(entry)"
cat "$TMP/good" "$TMP/good" >"$(entry)"
refused "entry with bytes after its end"

# --- another user ------------------------------------------------------------
# A confined program of nobody's, under root's policy, writes an allow-all
# entry where nobody's processes look: nobody's later starts ignore it.
if command -v setpriv >/dev/null; then
	as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
	# (traced: whether the compiler ran; the command itself is not run
	# traced, since a sanitizer build's leak check cannot run under ptrace)
	traced_as_nobody() {
		strace -f -qq -e trace=execve -o "$TMP/trace" \
			setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
	}
	chmod 755 "$TMP"
	home="$TMP/home"
	mkdir -p "$home/.cache/seccomp-shim"
	chown -R 65534:65534 "$home"
	chmod 700 "$home/.cache/seccomp-shim"
	name=$(basename "$(entry)")
	reset
	python3 "$TMP/forge.py" "$(entry)" allow-all
	cp "$(entry)" "$home/.cache/seccomp-shim/$name"
	chown 65534:65534 "$home/.cache/seccomp-shim/$name"
	chmod 644 "$TMP/deny.ini"
	before=$(cksum <"$home/.cache/seccomp-shim/$name")
	capture traced_as_nobody env -u SECCOMP_SHIM_CACHE HOME="$home" \
		LD_PRELOAD="$SHIM_LIB" \
		SECCOMP_SHIM_POLICY="$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
	expect "nobody's own entry for root's policy: not used" yes \
		"mkdir:$TMP/d1: EROFS"
	check "... and nobody writes no entry for root's policy" "$before" \
		"$(cksum <"$home/.cache/seccomp-shim/$name")"
	# Root's entries serve everyone for policies root owns (here through
	# SECCOMP_SHIM_CACHE; by default root's directory is read after the
	# user's).
	reset
	chmod 755 "$CACHE"
	capture traced_as_nobody env LD_PRELOAD="$SHIM_LIB" \
		SECCOMP_SHIM_POLICY="$TMP/deny.ini" "$PROBE" "mkdir:$TMP/d1"
	expect "root's entry for root's policy serves nobody" no \
		"mkdir:$TMP/d1: EROFS"
	chmod 700 "$CACHE"
	capture as_nobody env -u SECCOMP_SHIM_CACHE HOME="$home" "$shim" \
		compile "$TMP/deny.ini"
	check "compile: nobody may not cache root's policy" \
		"1:seccomp-shim: $TMP/deny.ini: not cached: only the policy file's owner (uid 0) may cache it" \
		"$status:$err"
	# nobody's own policy: cached in nobody's cache directory, made on
	# first use (as is $HOME/.cache).
	rm -rf "$home/.cache"
	cp "$TMP/deny.ini" "$home/mine.ini"
	chown 65534:65534 "$home/mine.ini"
	for _ in 1 2; do
		capture traced_as_nobody env -u SECCOMP_SHIM_CACHE HOME="$home" \
			LD_PRELOAD="$SHIM_LIB" \
			SECCOMP_SHIM_POLICY="$home/mine.ini" "$PROBE" \
			"mkdir:$TMP/d1"
	done
	expect "nobody's policy: from nobody's cache" no "mkdir:$TMP/d1: EROFS"
	check "nobody's cache directory: nobody's alone" \
		"drwx------ nobody drwx------ nobody 1" \
		"$(stat -c '%A %U' "$home/.cache") $(stat -c '%A %U' "$home/.cache/seccomp-shim") $(count_entries "$home/.cache/seccomp-shim")"
else
	fail "setpriv missing (util-linux)"
fi

finish
