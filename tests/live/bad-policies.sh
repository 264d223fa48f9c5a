#!/bin/sh
# Every class of broken policy stops the program before it runs: exit 125,
# one line naming file and line on stderr, and its side effect absent.
. "$top_srcdir/tests/live/lib.sh"

n=0
for ini in "$BAD"/*.ini; do
	name=$(basename "$ini" .ini)
	expected=$(sed "s|FILE|$ini|" "$BAD/$name.err")
	capture confined "$ini" touch "$TMP/marker"
	check "$name: status" $REFUSED_STATUS "$status"
	check "$name: message" "$expected" "$err"
	check "$name: no stdout" "" "$out"
	if [ -e "$TMP/marker" ]; then
		fail "$name: the program ran"
	else
		pass "$name: the program did not run"
	fi
	n=$((n + 1))
done
if [ $n -ge 20 ]; then
	pass "$n fixtures"
else
	fail "only $n fixtures"
fi

# Files that cannot be read at all.
capture confined "$TMP/missing.ini" touch "$TMP/marker"
check "missing file" "$REFUSED_STATUS:seccomp-shim: $TMP/missing.ini: cannot open policy: No such file or directory" "$status:$err"
capture confined "$TMP" touch "$TMP/marker"
check "directory" "$REFUSED_STATUS:seccomp-shim: $TMP: cannot read policy: not a regular file" "$status:$err"
capture confined /dev/zero touch "$TMP/marker"
check "device" "$REFUSED_STATUS:seccomp-shim: /dev/zero: cannot read policy: not a regular file" "$status:$err"
mkfifo "$TMP/fifo.ini"
capture timeout 10 env LD_PRELOAD="$SHIM_LIB" SECCOMP_SHIM_POLICY="$TMP/fifo.ini" touch "$TMP/marker"
check "FIFO, without waiting for a writer" "$REFUSED_STATUS:seccomp-shim: $TMP/fifo.ini: cannot read policy: not a regular file" "$status:$err"
head -c 1048577 /dev/zero | tr '\0' '#' >"$TMP/huge.ini"
capture confined "$TMP/huge.ini" touch "$TMP/marker"
check "too large" "$REFUSED_STATUS:seccomp-shim: $TMP/huge.ini: policy is larger than 1048576 bytes" "$status:$err"
if [ "$(id -u)" -ne 0 ]; then
	printf '[policy]\n' >"$TMP/unreadable.ini"
	chmod 000 "$TMP/unreadable.ini"
	capture confined "$TMP/unreadable.ini" touch "$TMP/marker"
	check "unreadable" "$REFUSED_STATUS:seccomp-shim: $TMP/unreadable.ini: cannot open policy: Permission denied" "$status:$err"
fi
if [ -e "$TMP/marker" ]; then
	fail "a program ran"
else
	pass "no program ran"
fi

# Symbolic links: followed to a regular file, refused otherwise.
ln -s "$EXAMPLES/deny-mkdir-net.ini" "$TMP/link.ini"
capture confined "$TMP/link.ini" "$PROBE" "mkdir:$TMP/via-link"
check "symlink to a policy: followed" "0:mkdir:$TMP/via-link: EPERM" "$status:$out"
ln -s "$TMP" "$TMP/dir-link.ini"
capture confined "$TMP/dir-link.ini" touch "$TMP/marker"
check "symlink to a directory" "$REFUSED_STATUS:seccomp-shim: $TMP/dir-link.ini: cannot read policy: not a regular file" "$status:$err"
ln -s "$TMP/nowhere.ini" "$TMP/dangling.ini"
capture confined "$TMP/dangling.ini" touch "$TMP/marker"
check "dangling symlink" "$REFUSED_STATUS:seccomp-shim: $TMP/dangling.ini: cannot open policy: No such file or directory" "$status:$err"
ln -s "$TMP/loop-b.ini" "$TMP/loop-a.ini"
ln -s "$TMP/loop-a.ini" "$TMP/loop-b.ini"
capture confined "$TMP/loop-a.ini" touch "$TMP/marker"
check "symlink loop" "$REFUSED_STATUS:seccomp-shim: $TMP/loop-a.ini: cannot open policy: Too many levels of symbolic links" "$status:$err"

# Bytes that are not UTF-8 or are control characters reach the message
# only as \xNN; in comments they are just comments.
capture confined "$POLICIES/utf8-comments.ini" "$PROBE" "mkdir:$TMP/utf8"
check "UTF-8 and stray bytes in comments" "0:mkdir:$TMP/utf8: EPERM" "$status:$out"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\n\033[31mred = allow\n' >"$TMP/escape.ini"
capture confined "$TMP/escape.ini" touch "$TMP/marker"
check "terminal escapes in a name" "$REFUSED_STATUS:seccomp-shim: $TMP/escape.ini:5: '\x1b[31mred' is not a system call or group name" "$status:$err"

# A policy rewritten while programs start: each run gets the old text,
# the new one, or (caught halfway through an in-place rewrite) a clear
# refusal; never an unconfined run.
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EPERM\nmkdirat = errno:EPERM\n' >"$TMP/v1"
printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\nmkdir = errno:EROFS\nmkdirat = errno:EROFS\n' >"$TMP/v2"
cp "$TMP/v1" "$TMP/changing.ini"
(
	i=0
	while [ ! -e "$TMP/stop" ] && [ $i -lt 100000 ]; do
		cat "$TMP/v2" >"$TMP/changing.ini" # in place: truncate, write
		cp "$TMP/v1" "$TMP/new.ini" && mv "$TMP/new.ini" "$TMP/changing.ini"
		i=$((i + 1))
	done
) &
writer=$!
seen=
for i in $(seq 1 200); do
	capture confined "$TMP/changing.ini" "$PROBE" "mkdir:$TMP/race"
	case "$status:$out" in
	"0:mkdir:$TMP/race: EPERM") seen="$seen old" ;;
	"0:mkdir:$TMP/race: EROFS") seen="$seen new" ;;
	"$REFUSED_STATUS:") seen="$seen refused" ;;
	*) fail "policy changing while read: $status: $out $err" ;;
	esac
done
touch "$TMP/stop"
wait $writer
if [ -e "$TMP/race" ]; then
	fail "a run made its directory"
else
	# shellcheck disable=SC2086 # $seen: a word per run
	pass "200 runs while the policy changed: $(echo $seen | tr ' ' '\n' | sort | uniq -c | tr '\n' ' ')"
fi

# A long path is named in full.
long="$TMP"
for i in 1 2 3 4 5 6 7 8 9 10; do
	long="$long/directory-with-a-rather-long-name-number-$i-of-ten-xxxxxxxxxxxxxx"
done
mkdir -p "$long"
cp "$BAD/unknown-syscall.ini" "$long/p.ini"
capture confined "$long/p.ini" touch "$TMP/marker"
check "long path (${#long} characters)" "$REFUSED_STATUS:seccomp-shim: $long/p.ini:6: unknown system call 'mkdri' (did you mean 'mkdir'?)" "$status:$err"

# A relative path names the filter in force for a child that moved away
# (tests/live/exec-chain.sh); a relative path that names nothing says where it
# was looked for.
mkdir "$TMP/rel" "$TMP/elsewhere"
capture sh -c "cd '$TMP/rel' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY=p.ini touch marker"
check "relative path, no such file" "$REFUSED_STATUS:seccomp-shim: p.ini: cannot open policy: No such file or directory (a relative path, looked for in $(cd "$TMP/rel" && pwd -P))" "$status:$err"
if [ -e "$TMP/rel/marker" ]; then
	fail "the program ran"
else
	pass "the program did not run"
fi

# Failing closed does not depend on the program: a shell's builtins, a
# Python script's first line never run either.
capture confined "$BAD/unknown-syscall.ini" sh -c "echo ran > '$TMP/marker'"
check "sh refused" $REFUSED_STATUS "$status"
if [ -e "$TMP/marker" ]; then
	fail "sh ran"
else
	pass "sh did not run"
fi
finish
