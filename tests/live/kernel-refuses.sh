#!/bin/sh
# When the kernel refuses the filter, the program does not run. Here an
# outer policy makes seccomp(2) and prctl(2) fail, so the inner shim (the
# child of a confined shell, loaded again through LD_PRELOAD) cannot install
# its own policy.
. "$top_srcdir/tests/live/lib.sh"

refused_by() {
	printf '[policy]\nversion = 1\ndefault = allow\n[syscalls]\n' >"$TMP/outer.ini"
	for call in "$@"; do
		echo "$call = errno:EPERM" >>"$TMP/outer.ini"
	done
	capture confined "$TMP/outer.ini" sh -c \
		"SECCOMP_SHIM_POLICY='$TMP/inner.ini' touch '$TMP/marker'; echo \$?"
}
cp "$EXAMPLES/deny-mkdir-net.ini" "$TMP/inner.ini"

# prctl(PR_SET_NO_NEW_PRIVS) fails.
refused_by prctl
check "prctl: inner status" "$REFUSED_STATUS" "$out"
check "prctl: message" "seccomp-shim: $TMP/inner.ini: cannot set NO_NEW_PRIVS: Operation not permitted" "$err"
if [ -e "$TMP/marker" ]; then
	fail "prctl: the program ran"
else
	pass "prctl: did not run"
fi

# seccomp(2) fails.
refused_by seccomp
check "seccomp: inner status" "$REFUSED_STATUS" "$out"
check "seccomp: message" "seccomp-shim: $TMP/inner.ini: the kernel refused the filter: Operation not permitted" "$err"
if [ -e "$TMP/marker" ]; then
	fail "seccomp: the program ran"
else
	pass "seccomp: did not run"
fi

# Both: whichever comes first, the program does not run.
refused_by seccomp prctl
check "both: inner status" "$REFUSED_STATUS" "$out"
if [ -e "$TMP/marker" ]; then
	fail "both: the program ran"
else
	pass "both: did not run"
fi
finish
