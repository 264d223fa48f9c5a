#!/bin/sh
# Every class of broken policy stops the program before it runs: exit 125,
# one line naming file and line on stderr, and its side effect absent.
. "$top_srcdir/tests/lib.sh"

n=0
for ini in "$BAD"/*.ini; do
	name=$(basename "$ini" .ini)
	expected=$(sed "s|FILE|$ini|" "$BAD/$name.err")
	capture confined "$ini" touch "$TMP/marker"
	check "$name: status" $REFUSED_STATUS "$status"
	check "$name: message" "$expected" "$err"
	check "$name: no stdout" "" "$out"
	[ -e "$TMP/marker" ] && fail "$name: the program ran" ||
		pass "$name: the program did not run"
	n=$((n + 1))
done
[ $n -ge 20 ] && pass "$n fixtures" || fail "only $n fixtures"

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
[ -e "$TMP/marker" ] && fail "a program ran" || pass "no program ran"

# A long path is named in full.
long="$TMP"
for i in 1 2 3 4 5 6 7 8 9 10; do
	long="$long/directory-with-a-rather-long-name-number-$i-of-ten-xxxxxxxxxxxxxx"
done
mkdir -p "$long"
cp "$BAD/unknown-syscall.ini" "$long/p.ini"
capture confined "$long/p.ini" touch "$TMP/marker"
check "long path (${#long} characters)" "$REFUSED_STATUS:seccomp-shim: $long/p.ini:6: unknown system call 'mkdri'" "$status:$err"

# A relative path is looked up again by each child, in its own working
# directory: a child that moved away from the policy refuses to run.
mkdir "$TMP/rel" "$TMP/elsewhere"
cp "$EXAMPLES/deny-mkdir-net.ini" "$TMP/rel/p.ini"
capture sh -c "cd '$TMP/rel' && LD_PRELOAD='$SHIM_LIB' SECCOMP_SHIM_POLICY=p.ini sh -c 'cd ../elsewhere && touch marker; echo \$?'"
check "relative path after cd" "$REFUSED_STATUS:seccomp-shim: p.ini: cannot open policy: No such file or directory" "$out:$err"
[ -e "$TMP/elsewhere/marker" ] && fail "child ran" || pass "child did not run"

# Failing closed does not depend on the program: a shell's builtins, a
# Python script's first line never run either.
capture confined "$BAD/unknown-syscall.ini" sh -c "echo ran > '$TMP/marker'"
check "sh refused" $REFUSED_STATUS "$status"
[ -e "$TMP/marker" ] && fail "sh ran" || pass "sh did not run"
finish
